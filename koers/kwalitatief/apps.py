from django.apps import AppConfig


class KwalitatiefConfig(AppConfig):
    name = "koers.kwalitatief"
    verbose_name = "Kwalitatieve monitoring"
