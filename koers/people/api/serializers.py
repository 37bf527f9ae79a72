"""Serializers of the person, household and timeline resources.

Reading serializers omit every field whose data category (``koers.people.categories``) the user
may not see; the view passes the categories per person in the context, so they are computed once
and the same set goes into the audit log.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse
from rest_framework.validators import UniqueValidator

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.lib.serializers import CamelCaseModelSerializer, RejectUnknownFieldsMixin
from koers.people.categories import PERSON_FIELD_CATEGORIES
from koers.people.changes import EDITABLE_FIELDS
from koers.people.constants import LANGUAGES, PERSON_DETAIL_FIELDS, HouseholdRelation
from koers.people.models import Household, HouseholdMember, Person, TimelineEvent
from koers.people.validators import normalise_bsn, validate_bsn

PERSON_FIELDS = (
    "id",
    "url",
    "bsn",
    "given_names",
    "family_name_prefix",
    "family_name",
    *PERSON_DETAIL_FIELDS,
    "municipality",
    "consultant",
    "household",
    "created_at",
    "updated_at",
)

_POSTCODE = re.compile(r"^\s*(\d{4})\s?([A-Za-z]{2})\s*$")


class BsnField(serializers.CharField):
    """A BSN, accepted with spaces or dots between the digits and stored as nine digits."""

    def to_internal_value(self, data: Any) -> str:
        return normalise_bsn(super().to_internal_value(data))


class ConsultantSerializer(serializers.ModelSerializer):
    """The consultant (consulent inburgering) responsible for the dossier."""

    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = User
        fields = ["id", "name"]


@extend_schema_field(
    {"type": "string", "pattern": "^([A-Z]{2})?$", "description": "ISO 3166-1 alpha-2-landcode (leeg: onbekend)."}
)
class CountryCodeField(serializers.ChoiceField):
    """A country as its ISO 3166-1 alpha-2 code ("SY", "ER")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=list(countries), **kwargs)

    def to_representation(self, value: Any) -> str:
        return str(value.code if hasattr(value, "code") else value)


def _language_field(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(LANGUAGES.items())),
        help_text=_("Gesproken talen (ISO 639-codes)."),
        **kwargs,
    )


class PersonSerializer(CamelCaseModelSerializer):
    """A dossier as one user may see it: fields of categories they may not see are left out."""

    url = serializers.HyperlinkedIdentityField(view_name="person-detail")
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    consultant = ConsultantSerializer(read_only=True, allow_null=True)
    household = serializers.HyperlinkedRelatedField(
        view_name="household-detail", read_only=True, allow_null=True
    )
    languages = _language_field(read_only=True)
    country_of_origin = CountryCodeField(read_only=True)
    nationality = CountryCodeField(read_only=True)
    email = serializers.CharField(read_only=True, help_text=_("E-mailadres (leeg: onbekend)."))

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        read_only_fields = PERSON_FIELDS

    def categories(self, person: Person) -> frozenset[DataCategory]:
        return self.context["categories"][person.pk]

    def to_representation(self, instance: Person) -> dict[str, Any]:
        granted = self.categories(instance)
        data = super().to_representation(instance)
        for name, field in self.fields.items():
            category = PERSON_FIELD_CATEGORIES.get(field.source)
            if category is not None and category not in granted:
                del data[name]
        return data


class PersonCreateSerializer(RejectUnknownFieldsMixin, CamelCaseModelSerializer):
    """The data of a koppeling: who the newcomer is and to which municipality they are linked."""

    municipality = serializers.SlugRelatedField(
        slug_field="cbs_code",
        queryset=Municipality.objects.all(),
        help_text=_("CBS-code van de gemeente waaraan de persoon gekoppeld is."),
    )
    bsn = BsnField(
        max_length=11,
        validators=[
            validate_bsn,
            UniqueValidator(queryset=Person.objects.all(), message=_("Er bestaat al een dossier met dit BSN.")),
        ],
        help_text=_("Burgerservicenummer: 9 cijfers die voldoen aan de elfproef."),
    )
    languages = _language_field(required=False)
    country_of_origin = CountryCodeField()
    nationality = CountryCodeField(required=False, allow_blank=True)

    class Meta:
        model = Person
        fields = [name for name in PERSON_FIELDS if name not in {"id", "url", "consultant", "household",
                                                                  "created_at", "updated_at"}]


class PersonUpdateSerializer(RejectUnknownFieldsMixin, CamelCaseModelSerializer):
    """The contact, address and phase data that may change after registration."""

    class Meta:
        model = Person
        fields = EDITABLE_FIELDS

    def validate_postcode(self, value: str) -> str:
        if not value:
            return value
        match = _POSTCODE.match(value)
        if match is None:
            raise serializers.ValidationError(
                _("Een postcode bestaat uit vier cijfers en twee letters, zoals 1234 AB."), code="invalid_postcode"
            )
        return f"{match[1]} {match[2].upper()}"


class HouseholdMemberSerializer(serializers.Serializer):
    """A household member: a person with a dossier (linked only when the user may open it) or a
    family member without one (name and date of birth)."""

    relation = serializers.ChoiceField(choices=HouseholdRelation.choices, read_only=True)
    name = serializers.CharField(read_only=True, allow_null=True)
    dateOfBirth = serializers.DateField(read_only=True, allow_null=True)  # noqa: N815
    person = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("Link naar het dossier, als je dat mag inzien.")
    )

    def to_representation(self, member: HouseholdMember) -> dict[str, Any]:
        data = {"relation": member.relation, "name": None, "dateOfBirth": None, "person": None}
        if member.person_id is None:
            data.update(name=member.display_name, dateOfBirth=member.date_of_birth)
        elif member.person_id in self.context["visible_person_ids"]:
            person = member.person
            data.update(
                name=person.full_name,
                dateOfBirth=person.date_of_birth,
                person=reverse("person-detail", kwargs={"pk": person.pk}, request=self.context["request"]),
            )
        if data["dateOfBirth"] is not None:
            data["dateOfBirth"] = self.fields["dateOfBirth"].to_representation(data["dateOfBirth"])
        return data


class HouseholdSerializer(CamelCaseModelSerializer):
    """A household with its members; listed only when you may open at least one member's dossier."""

    url = serializers.HyperlinkedIdentityField(view_name="household-detail")
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    members = HouseholdMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Household
        fields = ["id", "url", "name", "municipality", "members"]


class TimelineEventSerializer(CamelCaseModelSerializer):
    """One entry on a dossier's timeline."""

    actorName = serializers.SerializerMethodField()  # noqa: N815

    class Meta:
        model = TimelineEvent
        fields = ["id", "occurred_at", "kind", "category", "title", "body", "source", "actorName"]

    def get_actorName(self, event: TimelineEvent) -> str | None:  # noqa: N802
        return str(event.actor) if event.actor_id else None
