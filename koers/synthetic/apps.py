from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "koers.synthetic"
    verbose_name = "Synthetische demo- en testgegevens"
