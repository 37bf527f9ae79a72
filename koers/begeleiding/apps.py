from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BegeleidingConfig(AppConfig):
    name = "koers.begeleiding"
    verbose_name = "Maatschappelijke begeleiding"

    def ready(self) -> None:
        from koers.lib.navigation import (
            DossierSection,
            MenuItem,
            register_dossier_section,
            register_menu_item,
        )

        from . import deadlines
        from .access import (
            CALL_LIST_ROLES,
            CASE_MEETING_ROLES,
            CASELOAD_ROLES,
            POLICY_ROLES,
            POOL_ROLES,
            REFERRAL_CATEGORY,
            REFERRAL_ROLES,
            REFERRAL_SECTION_KEY,
            SECTION_KEY,
            SESSION_ROLES,
            SOCIAL_MAP_ROLES,
            TAB_ROLES,
            VOLUNTEER_ROLES,
        )

        register_dossier_section(
            DossierSection(SECTION_KEY, _("Begeleiding"), "begeleiding:overview", roles=TAB_ROLES, order=40)
        )
        register_menu_item(MenuItem("mb_caseload", _("Caseload MB"), "begeleiding:caseload", roles=CASELOAD_ROLES,
                                    order=40))
        register_menu_item(MenuItem("bellijst", _("Bellijst MB"), "begeleiding:call_list", roles=CALL_LIST_ROLES,
                                    order=45))
        register_menu_item(MenuItem("mb_beleid", _("MB-beleid"), "begeleiding:policy_index", roles=POLICY_ROLES,
                                    order=90))
        register_menu_item(MenuItem("mb_vrijwilligers", _("Vrijwilligers"), "begeleiding:volunteer_pool",
                                    roles=POOL_ROLES, order=46))
        register_menu_item(MenuItem("mijn_maatjes", _("Mijn maatjes"), "begeleiding:my_matches",
                                    roles=VOLUNTEER_ROLES, order=20))
        register_dossier_section(
            DossierSection(REFERRAL_SECTION_KEY, _("Verwijzingen"), "begeleiding:referrals",
                           categories=frozenset({REFERRAL_CATEGORY}), roles=REFERRAL_ROLES, order=42)
        )
        register_menu_item(MenuItem("verwijzingen", _("Verwijzingen"), "begeleiding:referral_list",
                                    roles=REFERRAL_ROLES, order=47))
        register_menu_item(MenuItem("casuistiek", _("Casuïstiekoverleg"), "begeleiding:case_meeting_index",
                                    roles=CASE_MEETING_ROLES, order=48))
        register_menu_item(MenuItem("bijeenkomsten", _("Bijeenkomsten"), "begeleiding:sessions", roles=SESSION_ROLES,
                                    order=49))
        register_menu_item(MenuItem("sociale_kaart", _("Sociale kaart"), "begeleiding:social_map",
                                    roles=SOCIAL_MAP_ROLES, order=91))
        deadlines.register()
