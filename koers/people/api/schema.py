"""OpenAPI details of the person resource that drf-spectacular cannot see by itself."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension

from koers.people.categories import PERSON_FIELD_CATEGORIES


class PersonSerializerExtension(OpenApiSerializerExtension):
    """Fields of a data category the user may not see are left out of the response, so the
    schema lists only the uncategorised fields (id, url, timestamps) as always present."""

    target_class = "koers.people.api.serializers.PersonSerializer"

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        serializer = self.target if not isinstance(self.target, type) else self.target()
        optional = {name for name, field in serializer.fields.items() if field.source in PERSON_FIELD_CATEGORIES}
        required = [name for name in schema.get("required", []) if name not in optional]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)
        schema["description"] = (
            "Een dossier zoals jij het mag zien: velden van gegevenscategorieën die je niet mag zien, "
            "ontbreken (een vrijwilliger krijgt bijvoorbeeld nooit het BSN)."
        )
        return schema
