from django.apps import AppConfig


class BegeleidingConfig(AppConfig):
    name = "koers.begeleiding"
    verbose_name = "Maatschappelijke begeleiding"
