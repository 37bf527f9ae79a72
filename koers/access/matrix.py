"""The access model as a readable table, generated from koers.access.policy (docs/access-matrix.md)."""

from .constants import DataCategory, Role
from .policy import EDITING_ROLES, REGISTERING_ROLES, ROLE_CATEGORIES, ROLE_SCOPE


def access_matrix_markdown() -> str:
    categories = list(DataCategory)
    header = ["Rol", "Bereik", *[str(c.label) for c in categories], "Registreren", "Wijzigen"]
    lines = [
        "# Toegangsmatrix",
        "",
        "Gegenereerd uit `koers/access/policy.py` met `koers access-matrix`; niet met de hand bewerken.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for role in Role:
        cells = [str(role.label), str(ROLE_SCOPE[role].label)]
        cells += ["ja" if c in ROLE_CATEGORIES[role] else "—" for c in categories]
        cells += ["ja" if role in REGISTERING_ROLES else "—", "ja" if role in EDITING_ROLES else "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
