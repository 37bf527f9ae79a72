"""Assertions shared by the rule tests."""

from __future__ import annotations

from koers.inburgering.rules import RuleViolation


def assert_outcome(violation: RuleViolation | None, refused_with: str | None) -> None:
    """``refused_with`` is the expected code, or ``None`` when the rule must accept."""
    if refused_with is None:
        assert violation is None, violation
        return
    assert violation is not None, f"expected a refusal with {refused_with}"
    assert violation.code == refused_with
    assert violation.message.strip()
