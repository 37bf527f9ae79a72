from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("begeleiding", "0004_group_sessions"),
    ]

    operations = [
        migrations.RenameField(model_name="casemeetingitem", old_name="month", new_name="meeting_on"),
        migrations.AlterField(
            model_name="casemeetingitem", name="meeting_on", field=models.DateField(verbose_name="overleg van")
        ),
        migrations.AlterModelOptions(name="casemeetingitem", options={"ordering": ["meeting_on", "id"]}),
    ]
