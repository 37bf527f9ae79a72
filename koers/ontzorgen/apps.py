from django.apps import AppConfig


class OntzorgenConfig(AppConfig):
    name = "koers.ontzorgen"
    verbose_name = "Financieel ontzorgen"
