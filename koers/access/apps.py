from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "koers.access"
    verbose_name = "Toegang: gemeenten, organisaties en rollen"
