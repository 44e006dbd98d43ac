"""Reference data: the ICC Index policy areas and the two networks with their joining steps."""

from django.db import migrations

from networks.reference import load


def forwards(apps, schema_editor):
    load(
        apps.get_model("networks", "PolicyArea"),
        apps.get_model("networks", "Network"),
        apps.get_model("networks", "JoiningStepDefinition"),
    )


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
