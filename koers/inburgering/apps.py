from django.apps import AppConfig


class InburgeringConfig(AppConfig):
    name = "koers.inburgering"
    verbose_name = "Inburgering"
