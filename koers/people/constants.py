from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    """Doelgroep as DUO uses it."""

    ASIEL = "asiel", _("Asielmigrant")
    GEZIN = "gezin", _("Gezinsmigrant")
    OVERIG = "overig", _("Overige migrant")


class Gender(models.TextChoices):
    MAN = "m", _("Man")
    VROUW = "v", _("Vrouw")
    X = "x", _("Anders / onbekend")


class Literacy(models.TextChoices):
    LATIN = "latijns", _("Gealfabetiseerd in het Latijnse schrift")
    OTHER_SCRIPT = "ander_schrift", _("Gealfabetiseerd in een ander schrift")
    NOT_LITERATE = "analfabeet", _("Niet gealfabetiseerd")
    UNKNOWN = "onbekend", _("Onbekend")


class Phase(models.TextChoices):
    """Where the person stands in the chain (DOMAIN.md §2)."""

    KOPPELING = "koppeling", _("Koppeling")
    HUISVESTING = "huisvesting", _("Woningtoewijzing")
    REGELDAG = "regeldag", _("Regeldag")
    OPSTARTFASE = "opstartfase", _("Opstartfase MB")
    VERDERE_BEGELEIDING = "verdere_begeleiding", _("Verdere begeleiding")
    AFRONDING = "afronding", _("Afronding")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class HouseholdRelation(models.TextChoices):
    APPLICANT = "aanvrager", _("Aanvrager / hoofd")
    PARTNER = "partner", _("Partner")
    CHILD = "kind", _("Kind")
    OTHER = "overig", _("Overig gezinslid")


class AssignmentRole(models.TextChoices):
    MB_BEGELEIDING = "mb_begeleiding", _("Maatschappelijke begeleiding")
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger / maatje")
    TAALAANBIEDER = "taalaanbieder", _("Taalaanbieder")


class EventKind(models.TextChoices):
    REGISTRATION = "registratie", _("Registratie")
    NOTE = "notitie", _("Notitie")
    APPOINTMENT = "afspraak", _("Afspraak")
    STATUS = "status", _("Statuswijziging")
    CHANGE = "wijziging", _("Gegevens gewijzigd")
    ASSIGNMENT = "toewijzing", _("Toewijzing")
    DUO = "duo", _("DUO-bericht")


class EventSource(models.TextChoices):
    UI = "ui", _("Koers")
    API = "api", _("API")
    DUO = "duo", _("DUO")
    SYSTEM = "systeem", _("Systeem")


# A person's own data from the date of birth to the e-mail address, in the order in which the API
# shows them and the synthetic generator writes them.
PERSON_DETAIL_FIELDS = (
    "date_of_birth",
    "gender",
    "country_of_origin",
    "nationality",
    "languages",
    "literacy",
    "target_group",
    "phase",
    "koppeling_date",
    "brp_registration_date",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
    "email",
)


# Languages newcomers commonly speak (ISO 639-1 where it exists, else 639-3), with their Dutch names.
LANGUAGES: dict[str, str] = {
    "ar": "Arabisch",
    "ti": "Tigrinya",
    "am": "Amhaars",
    "fa": "Farsi",
    "prs": "Dari",
    "ps": "Pasjtoe",
    "tr": "Turks",
    "ku": "Koerdisch",
    "so": "Somalisch",
    "uk": "Oekraïens",
    "ru": "Russisch",
    "en": "Engels",
    "fr": "Frans",
    "nl": "Nederlands",
    "es": "Spaans",
    "pt": "Portugees",
    "zh": "Chinees",
    "hi": "Hindi",
    "ur": "Urdu",
    "bn": "Bengaals",
    "th": "Thais",
    "id": "Indonesisch",
    "tl": "Tagalog",
    "sw": "Swahili",
    "pl": "Pools",
    "ro": "Roemeens",
}
