"""Seed the plan's 2025 targets (design/indicators.md, plan section 二) and the pledge threshold
used until an administrator records the official one."""
import datetime
from decimal import Decimal

from django.db import migrations

PLAN_DATE = datetime.date(2024, 8, 5)
TARGET_DATE = datetime.date(2025, 12, 31)
SOURCE = "西安市国家知识产权保护示范区建设方案, 二、建设预期指标 (2025)"
TARGETS = {1: "32", 2: "3000", 3: "240", 4: "300", 5: "1400", 6: "95", 7: "95", 8: "200", 9: "85"}
THRESHOLD_NOTE = ("Unverified: the official wording is only 较高质押融资金额; some local indicator rules use "
                  "1,000万元 (domain-rules.md §5). Replace with the document Xi'an adopts.")


def seed(apps, schema_editor):
    Target = apps.get_model("indicators", "Target")
    PledgeThreshold = apps.get_model("indicators", "PledgeThreshold")
    for code, value in TARGETS.items():
        Target.objects.get_or_create(code=code, effective_from=PLAN_DATE,
                                     defaults={"value": Decimal(value), "target_date": TARGET_DATE, "source": SOURCE})
    PledgeThreshold.objects.get_or_create(effective_from=PLAN_DATE,
                                          defaults={"amount": Decimal("10000000"), "document": THRESHOLD_NOTE})


def unseed(apps, schema_editor):
    apps.get_model("indicators", "Target").objects.filter(effective_from=PLAN_DATE, source=SOURCE).delete()
    apps.get_model("indicators", "PledgeThreshold").objects.filter(document=THRESHOLD_NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
