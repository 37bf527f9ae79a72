"""Which data category each field of a dossier belongs to.

Screens and the API show a field only when ``koers.access.query.categories_for`` grants its
category, and the audit log names the categories that were shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from koers.access.constants import DataCategory as C

PERSON_FIELD_CATEGORIES: dict[str, C] = {
    "bsn": C.BSN,
    "given_names": C.IDENTITY,
    "family_name_prefix": C.IDENTITY,
    "family_name": C.IDENTITY,
    "date_of_birth": C.IDENTITY,
    "gender": C.IDENTITY,
    "country_of_origin": C.IDENTITY,
    "nationality": C.IDENTITY,
    "languages": C.IDENTITY,
    "target_group": C.IDENTITY,
    "phase": C.IDENTITY,
    "koppeling_date": C.IDENTITY,
    "brp_registration_date": C.IDENTITY,
    "municipality": C.IDENTITY,
    "consultant": C.IDENTITY,
    "household": C.IDENTITY,
    "literacy": C.EDUCATION_WORK,
    "street": C.CONTACT,
    "house_number": C.CONTACT,
    "postcode": C.CONTACT,
    "city": C.CONTACT,
    "phone": C.CONTACT,
    "email": C.CONTACT,
}


def category_of(field_name: str) -> C:
    return PERSON_FIELD_CATEGORIES[field_name]


def categories_of_fields(field_names: Iterable[str]) -> frozenset[C]:
    return frozenset(PERSON_FIELD_CATEGORIES[name] for name in field_names)


def shown_categories(granted: Iterable[C]) -> frozenset[C]:
    """The categories a person's record actually shows to someone granted ``granted``."""
    return frozenset(granted) & frozenset(PERSON_FIELD_CATEGORIES.values())
