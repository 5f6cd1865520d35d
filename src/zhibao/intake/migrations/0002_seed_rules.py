"""Seed the starting Xi'an triage rules and simple/complex criteria (see intake/seed.py)."""
from django.db import migrations


def seed(apps, schema_editor):
    from zhibao.intake import seed as data

    data.load(apps.get_model("intake", "TriageRule"), apps.get_model("intake", "TriageRuleVersion"),
              apps.get_model("intake", "TrackCriteria"))


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
