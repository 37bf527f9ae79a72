from django.db import migrations

# The defaults of koers.access.policy.DEFAULT_CONSENT_RULES as they stood when this migration was
# written: a migration does not follow later edits of the code.
OPEN_TO_PARTNERS = {"identiteit", "contact", "opleiding_werk"}
ALL = {"identiteit", "contact", "bsn", "gezondheid", "financien", "opleiding_werk", "notities", "duo"}
DEFAULTS = {
    "mb_organisatie": {"gezondheid", "financien", "notities"},
    "vrijwilliger": ALL - OPEN_TO_PARTNERS,
    "taalaanbieder": ALL - OPEN_TO_PARTNERS,
    "partner": ALL - OPEN_TO_PARTNERS,
    "volgende_gemeente": ALL,
}


def add_default_rules(apps, schema_editor):
    Municipality = apps.get_model("access", "Municipality")
    ConsentRule = apps.get_model("access", "ConsentRule")
    ConsentRule.objects.bulk_create(
        [
            ConsentRule(municipality=municipality, recipient=recipient, category=category)
            for municipality in Municipality.objects.all()
            for recipient, categories in DEFAULTS.items()
            for category in sorted(categories)
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("access", "0002_hash_chain")]

    operations = [migrations.RunPython(add_default_rules, migrations.RunPython.noop)]
