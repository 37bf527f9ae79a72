"""The monitoring app's records: the taakstelling (data the functional administrator keeps), the
facts tables the dashboards count from (derived from the dossiers, see ``koers.monitoring.facts``)
and the figures over many municipalities kept for a while (``koers.monitoring.kept``)."""

from .facts import AssignmentFacts, EventFacts, EventKind, HoursFacts, PersonFacts, StaleFacts
from .kept import KeptFigure
from .taakstelling import HalfYear, Taakstelling, half_year_bounds, half_year_of

__all__ = [
    "AssignmentFacts",
    "EventFacts",
    "EventKind",
    "HalfYear",
    "HoursFacts",
    "KeptFigure",
    "PersonFacts",
    "StaleFacts",
    "Taakstelling",
    "half_year_bounds",
    "half_year_of",
]
