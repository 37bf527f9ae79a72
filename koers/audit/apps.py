from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "koers.audit"
    verbose_name = "Logboek (NEN 7513)"
