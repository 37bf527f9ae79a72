"""The access model as readable tables, generated from koers.access.policy (docs/access-matrix.md)."""

from __future__ import annotations

from collections.abc import Iterable

from .constants import DataCategory, Recipient, Role
from .policy import (
    CONSENT_ROLES,
    DEFAULT_CONSENT_RULES,
    EDITING_ROLES,
    PRIVACY_ROLES,
    REGISTERING_ROLES,
    RIGHTS_ROLES,
    ROLE_CATEGORIES,
    ROLE_SCOPE,
    TRANSFER_ROLES,
    UNUSUAL_ACCESS_ROLES,
)

# What a role may do beyond reading, each with the roles that may.
ACTIONS: tuple[tuple[str, frozenset[Role]], ...] = (
    ("Registreren", REGISTERING_ROLES),
    ("Wijzigen", EDITING_ROLES),
    ("Toestemming vastleggen", CONSENT_ROLES),
    ("Overdracht", TRANSFER_ROLES),
    ("AVG-verzoeken", RIGHTS_ROLES),
    ("Logboek en bewaartermijnen", PRIVACY_ROLES),
    ("Ongebruikelijke toegang", UNUSUAL_ACCESS_ROLES),
)


def yes(value: bool) -> str:
    return "ja" if value else "—"


def row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    return [row(header), "|" + "---|" * len(header), *(row(r) for r in rows)]


def access_matrix_markdown() -> str:
    categories = list(DataCategory)
    category_labels = [str(c.label) for c in categories]
    reading = table(
        ["Rol", "Bereik", *category_labels],
        ([str(r.label), str(ROLE_SCOPE[r].label), *(yes(c in ROLE_CATEGORIES[r]) for c in categories)]
         for r in Role),
    )
    acting = table(
        ["Rol", *(name for name, _ in ACTIONS)],
        ([str(r.label), *(yes(r in roles) for _, roles in ACTIONS)] for r in Role),
    )
    consent = table(
        ["Ontvanger", *category_labels],
        ([str(r.label), *(yes(c in DEFAULT_CONSENT_RULES[r]) for c in categories)] for r in Recipient),
    )
    lines = [
        "# Toegangsmatrix",
        "",
        "Gegenereerd uit `koers/access/policy.py` met `koers access-matrix`; niet met de hand bewerken.",
        "",
        "## Wie ziet welke gegevens",
        "",
        "Per rol: welke dossiers (bereik) en welke gegevenscategorieën daarvan. Een ja kan nog afhangen van",
        "toestemming (zie de laatste tabel).",
        "",
        *reading,
        "",
        "## Wie mag wat",
        "",
        *acting,
        "",
        "## Waarvoor toestemming nodig is",
        "",
        "De regels waarmee elke gemeente begint (per gemeente aan te passen als gegevens): een ja betekent",
        "dat de ontvanger deze categorie alleen ziet zolang een geldige toestemming van de persoon die dekt.",
        "",
        *consent,
    ]
    return "\n".join(lines) + "\n"
