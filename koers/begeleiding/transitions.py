"""The MB trajectory as a state machine over the chain's phases: which steps are allowed, and the
Dutch message when one is not."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.people.constants import Phase

P = Phase

# From each state, the states a trajectory may go to. Closing early (voluntary MB, moving away) is
# possible from every open state, with a reason; afronding may go back to verdere begeleiding.
ALLOWED: dict[Phase, frozenset[Phase]] = {
    P.KOPPELING: frozenset({P.HUISVESTING, P.AFGESLOTEN}),
    P.HUISVESTING: frozenset({P.REGELDAG, P.AFGESLOTEN}),
    P.REGELDAG: frozenset({P.OPSTARTFASE, P.AFGESLOTEN}),
    P.OPSTARTFASE: frozenset({P.VERDERE_BEGELEIDING, P.AFRONDING, P.AFGESLOTEN}),
    P.VERDERE_BEGELEIDING: frozenset({P.AFRONDING, P.AFGESLOTEN}),
    P.AFRONDING: frozenset({P.AFGESLOTEN, P.VERDERE_BEGELEIDING}),
    P.AFGESLOTEN: frozenset(),
}
ORDER = list(Phase)


class TransitionRefused(ValidationError):
    """A step the state machine does not allow, or whose conditions are not met; nothing changed."""


def is_allowed(current: str, target: str) -> bool:
    return Phase(target) in ALLOWED[Phase(current)]


def allowed_targets(current: str) -> list[Phase]:
    return sorted(ALLOWED[Phase(current)], key=ORDER.index)


def refusal(current: str, target: str) -> str:
    """Why ``current`` → ``target`` is refused, in Dutch."""
    current_label, target_label = Phase(current).label, Phase(target).label
    if current == target:
        return _("Het traject staat al in de fase %(phase)s.") % {"phase": current_label}
    targets = allowed_targets(current)
    if not targets:
        return _("Het traject is afgesloten; er is geen volgende fase meer.")
    return _(
        "Van de fase %(from)s kan het traject niet naar %(to)s. Mogelijk vanuit %(from)s: %(allowed)s."
    ) % {"from": current_label, "to": target_label, "allowed": ", ".join(str(t.label) for t in targets)}


def check_allowed(current: str, target: str) -> None:
    if not is_allowed(current, target):
        raise TransitionRefused(refusal(current, target))
