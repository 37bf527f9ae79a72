from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "koers.portaal"
    verbose_name = "Portaal voor de inburgeraar"
