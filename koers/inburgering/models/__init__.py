"""The inburgering route's records, one module per legal concept."""

from .aanbod import Inburgeringsaanbod, Instelling, Urenregistratie
from .boete import Boete
from .brede_intake import BredeIntake, Leerbaarheidstoets
from .participatie import Belemmering, BelemmeringActie, Participatie, Voorlichting, Werkdoel
from .pip import PipVersie
from .plicht import Inburgeringsplicht, Ontheffing, Termijnverlenging, Vrijstelling
from .resultaten import Examenresultaat, OnderdeelResultaat

__all__ = [
    "Belemmering",
    "BelemmeringActie",
    "Boete",
    "BredeIntake",
    "Examenresultaat",
    "Inburgeringsaanbod",
    "Inburgeringsplicht",
    "Instelling",
    "Leerbaarheidstoets",
    "OnderdeelResultaat",
    "Ontheffing",
    "Participatie",
    "PipVersie",
    "Termijnverlenging",
    "Urenregistratie",
    "Voorlichting",
    "Vrijstelling",
    "Werkdoel",
]
