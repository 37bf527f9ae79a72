from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "koers.signals"
    verbose_name = "Signalen en termijnen"
