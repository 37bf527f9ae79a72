from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "koers.security"
    verbose_name = "Inloggen en beveiliging"
