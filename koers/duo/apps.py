from django.apps import AppConfig


class DuoConfig(AppConfig):
    name = "koers.duo"
    verbose_name = "Koppeling met DUO"
