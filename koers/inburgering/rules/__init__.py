"""DUO's conditions on what a municipality supplies, as small pure functions, one module per legal
concept: ``pip``, ``inburgeringsaanbod``, ``map_pvt``.

A rule takes the submission and its context (frozen dataclasses) and returns ``None`` when the condition
holds, or one ``RuleViolation``. ``validate_*`` runs every rule of a concept in a fixed order and returns
all violations, not just the first. ``docs/rules.md`` lists every rule with its message and its test.
"""

from .inburgeringsaanbod import validate_aanbod
from .map_pvt import validate_map, validate_pvt
from .pip import effective_niveau, validate_pip, validate_pip_deletion
from .violation import RuleViolation

__all__ = [
    "RuleViolation",
    "effective_niveau",
    "validate_aanbod",
    "validate_map",
    "validate_pip",
    "validate_pip_deletion",
    "validate_pvt",
]
