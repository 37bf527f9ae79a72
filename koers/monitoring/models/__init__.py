"""The monitoring app's records: the taakstelling (data the functional administrator keeps) and the
facts tables the dashboards count from (derived from the dossiers, see ``koers.monitoring.facts``)."""

from .facts import AssignmentFacts, EventFacts, EventKind, HoursFacts, PersonFacts, StaleFacts
from .taakstelling import HalfYear, Taakstelling, half_year_bounds, half_year_of

__all__ = [
    "AssignmentFacts",
    "EventFacts",
    "EventKind",
    "HalfYear",
    "HoursFacts",
    "PersonFacts",
    "StaleFacts",
    "Taakstelling",
    "half_year_bounds",
    "half_year_of",
]
