"""The inburgering route's records, one module per legal concept."""

from .aanbod import Inburgeringsaanbod, Instelling, Urenregistratie
from .boete import Boete
from .brede_intake import BredeIntake, Leerbaarheidstoets
from .pip import PipVersie
from .plicht import Inburgeringsplicht, Ontheffing, Termijnverlenging, Vrijstelling
from .resultaten import Examenresultaat, OnderdeelResultaat

__all__ = [
    "Boete",
    "BredeIntake",
    "Examenresultaat",
    "Inburgeringsaanbod",
    "Inburgeringsplicht",
    "Instelling",
    "Leerbaarheidstoets",
    "OnderdeelResultaat",
    "Ontheffing",
    "PipVersie",
    "Termijnverlenging",
    "Urenregistratie",
    "Vrijstelling",
]
