"""Registrations of the inburgering app (filled in by its part)."""


def register() -> None:
    """Registers nothing yet."""
