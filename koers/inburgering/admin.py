"""The inburgering records in Django's admin, for the functional administrator: read and correct,
looked up by person id (never listing names or BSNs in bulk)."""

from django.contrib import admin

from .models import (
    Belemmering,
    Boete,
    BredeIntake,
    Examenresultaat,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    Instelling,
    Leerbaarheidstoets,
    OnderdeelResultaat,
    Ontheffing,
    Participatie,
    PipVersie,
    Termijnverlenging,
    Urenregistratie,
    Voorlichting,
    Vrijstelling,
    Werkdoel,
)


@admin.register(Instelling)
class InstellingAdmin(admin.ModelAdmin):
    list_display = ["naam", "instellingsnummer", "bow_keurmerk", "tst_keurmerk", "organisation"]
    list_filter = ["bow_keurmerk", "tst_keurmerk"]
    search_fields = ["naam", "instellingsnummer"]


class PersonRecordAdmin(admin.ModelAdmin):
    """A record of one person: shown by person id, the person picked by id."""

    raw_id_fields = ["person"]
    search_fields = ["person__id"]
    list_select_related = ["person"]


@admin.register(Inburgeringsplicht)
class InburgeringsplichtAdmin(PersonRecordAdmin):
    list_display = ["person_id", "status", "start_date", "termijn_start", "termijn_end", "source"]
    list_filter = ["status", "doelgroep", "source"]


@admin.register(Termijnverlenging)
class TermijnverlengingAdmin(PersonRecordAdmin):
    list_display = ["person_id", "soort", "status", "decided_on", "new_end"]
    list_filter = ["soort", "status"]


@admin.register(Vrijstelling)
class VrijstellingAdmin(PersonRecordAdmin):
    list_display = ["person_id", "soort", "start_date", "end_date"]
    list_filter = ["soort"]


@admin.register(Ontheffing)
class OntheffingAdmin(PersonRecordAdmin):
    list_display = ["person_id", "grond", "volledig", "decided_on"]
    list_filter = ["grond", "volledig"]


@admin.register(Inburgeringsaanbod)
class InburgeringsaanbodAdmin(PersonRecordAdmin):
    list_display = ["person_id", "instelling", "datum_inburgeringsaanbod", "verwachte_einddatum", "sent_to_duo_at"]
    raw_id_fields = ["person", "instelling"]


@admin.register(Urenregistratie)
class UrenregistratieAdmin(PersonRecordAdmin):
    list_display = ["person_id", "period_start", "period_end", "hours_offered", "hours_attended"]
    raw_id_fields = ["person", "aanbod", "reported_by"]


@admin.register(Examenresultaat)
class ExamenresultaatAdmin(PersonRecordAdmin):
    list_display = ["person_id", "onderdeel", "niveau", "exam_date", "passed"]
    list_filter = ["onderdeel", "niveau", "passed"]


@admin.register(OnderdeelResultaat)
class OnderdeelResultaatAdmin(PersonRecordAdmin):
    list_display = ["person_id", "soort", "date", "verwijtbaar"]
    list_filter = ["soort", "verwijtbaar"]


@admin.register(Boete)
class BoeteAdmin(PersonRecordAdmin):
    list_display = ["person_id", "grond", "status", "warning_date", "decision_date", "amount", "paid_on"]
    list_filter = ["grond", "status"]
    raw_id_fields = ["person", "created_by"]


@admin.register(BredeIntake, Leerbaarheidstoets, PipVersie, Werkdoel, Participatie, Belemmering, Voorlichting)
class PlanRecordAdmin(PersonRecordAdmin):
    list_display = ["__str__", "person_id"]
