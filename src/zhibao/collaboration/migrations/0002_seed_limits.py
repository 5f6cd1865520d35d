"""The declared collaboration time limits as their first rows (officials add later ones)."""
from django.db import migrations


def seed(apps, schema_editor):
    from zhibao.collaboration.limits import DECLARED

    Limit = apps.get_model("collaboration", "CollaborationLimit")
    for code, d in DECLARED.items():
        if not Limit.objects.filter(code=code).exists():
            Limit.objects.create(code=code, unit=d.unit, amount=d.amount, effective_from=d.effective_from,
                                 source=d.source, tag=d.tag)


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
