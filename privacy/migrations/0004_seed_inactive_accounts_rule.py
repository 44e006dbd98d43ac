"""The retention rule the accounts notice promises: unused for three years, warned, then deleted."""

from django.db import migrations

RULE = {
    "dataset": "mondinsieme.inactive_accounts",
    "purpose": "accounts",
    "period_days": 1095,
    "action": "delete",
    "legal_basis": "GDPR art. 5.1.c ed e (minimizzazione, limitazione della conservazione)",
    "description": "Account senza accessi da tre anni: prima un avviso per e-mail, poi, se "
    "nessuno accede entro 30 giorni, l'account è eliminato come se lo chiedesse la persona. "
    "Non riguarda il personale; l'unico referente di un'associazione resta finché non ne "
    "nomina un altro.",
}


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    RetentionRule.objects.get_or_create(dataset=RULE["dataset"], defaults=RULE)


def unseed(apps, schema_editor):
    apps.get_model("privacy", "RetentionRule").objects.filter(dataset=RULE["dataset"]).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_inactivitywarning")]

    operations = [migrations.RunPython(seed, unseed)]
