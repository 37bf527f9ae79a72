from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "koers.access"
    verbose_name = "Toegang: gemeenten, organisaties en rollen"

    def ready(self) -> None:
        from koers.lib.navigation import DossierSection, register_dossier_section

        from . import receivers  # noqa: F401  (connects the default consent rules)
        from .policy import CONSENT_ROLES

        register_dossier_section(
            DossierSection("consent", _("Toestemming"), "access:consents", roles=CONSENT_ROLES, order=80)
        )
