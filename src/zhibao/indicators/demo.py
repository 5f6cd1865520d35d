"""Demo data for the cockpit: what makes the demo's patents high-value, and the monthly history.

Runs after the cases and services contributors (demo/build.py), on the registry they share:

- an excerpt of the IPC–Strategic Emerging Industries concordance (the Xi'an industries the
  demo's patents are classed in), marked as a demo excerpt;
- facts about some valid inventions: a family member granted abroad, pledges (a few above
  the threshold in force), national awards;
- the stored high-value patents and the case and served summaries (the demo writes in bulk,
  which sends no signals);
- a snapshot of the city's nine figures for each month of the history that has ended, so
  that the cockpit's stable trend and the snapshot/live comparison have something to show.

The plan's targets are seeded by migration 0002 and the population by the registry's demo.
With the services' and cases' volumes, some indicators are met (civil cases within their
limit, assistance and mediation cases, satisfaction) and the others are not.
"""
import datetime
from decimal import Decimal

from zhibao.registry.choices import RightKind, RightStatus
from zhibao.registry.models import IPRight

from . import casemonths, highvalue, served, snapshots
from .models import CaseMonth, FactKind, HighValuePatent, PatentFact, ServedMonth, Snapshot, StrategicClass
from .periods import month_of, months

# The derived rows (high-value patents, summaries) point to demo rows: recorded too, so a reset removes them.
DEMO_MODELS = (Snapshot, ServedMonth, CaseMonth, HighValuePatent, PatentFact, StrategicClass)
CONCORDANCE_SOURCE = "Demo excerpt of 战略性新兴产业分类与国际专利分类参照关系表（2021）"
CONCORDANCE_FROM = datetime.date(2021, 11, 1)
#: (IPC subclass or group, strategic emerging industry): classes of Xi'an's key industries.
CONCORDANCE = (
    ("H01L", "新一代信息技术产业（集成电路）"), ("G06N", "新一代信息技术产业（人工智能）"),
    ("H04L", "新一代信息技术产业（下一代信息网络）"), ("H04W", "新一代信息技术产业（下一代信息网络）"),
    ("G06T", "新一代信息技术产业（新兴软件）"), ("H01M", "新能源汽车产业（动力电池）"),
    ("B64C", "高端装备制造产业（航空装备）"), ("B64G", "高端装备制造产业（卫星及应用）"),
    ("C22F", "新材料产业（先进有色金属材料）"), ("A61P 35", "生物产业（生物药）"),
    ("C12N", "生物产业（生物技术）"), ("H02J", "新能源产业（智能电网）"),
)
HISTORY_MONTHS = 18


def generate(rng, scale: str, *, as_of: datetime.date, writer, say=print) -> dict[str, int]:
    classes = writer.save(StrategicClass, [
        StrategicClass(ipc=ipc, industry=industry, effective_from=CONCORDANCE_FROM, source=CONCORDANCE_SOURCE)
        for ipc, industry in CONCORDANCE])
    facts = writer.save(PatentFact, list(_facts(rng, as_of)))
    high_value = highvalue.refresh()
    casemonths.rebuild()
    served.rebuild()
    for model in (HighValuePatent, CaseMonth, ServedMonth):
        writer.record(model, list(model.objects.values_list("pk", flat=True)))
    stored = _history(as_of, writer)
    say(f"  indicators: {len(classes)} concordance classes, {len(facts):,} patent facts, "
        f"{high_value:,} high-value patents, {stored} monthly snapshots")
    return {"facts": len(facts), "high_value": high_value, "snapshots": stored}


def _facts(rng, as_of: datetime.date):
    """Facts about a share of the valid inventions, dated between their grant and `as_of`."""
    inventions = IPRight.objects.filter(kind=RightKind.INVENTION, status=RightStatus.VALID,
                                        grant_date__isnull=False, grant_date__lte=as_of)
    for pk, granted in inventions.order_by("pk").values_list("pk", "grant_date").iterator(chunk_size=10000):
        def on() -> datetime.date:
            return granted + datetime.timedelta(days=rng.randint(0, max(0, (as_of - granted).days)))
        draw = rng.random()
        if draw < 0.12:
            yield PatentFact(right_id=pk, kind=FactKind.FOREIGN_FAMILY, on=on(),
                             detail=f"{rng.choice(('US', 'EP', 'JP', 'KR'))} {rng.randint(10_000_000, 11_999_999)}")
        elif draw < 0.18:
            amount = Decimal(rng.choice((200, 500, 800, 1_500, 3_000))) * 10_000
            yield PatentFact(right_id=pk, kind=FactKind.PLEDGE, on=on(), amount=amount,
                             detail=rng.choice(("西安银行", "长安银行", "中国建设银行陕西省分行")))
        elif draw < 0.185:
            yield PatentFact(right_id=pk, kind=FactKind.AWARD, on=on(), detail="中国专利优秀奖")


def _history(as_of: datetime.date, writer) -> int:
    """The city's snapshot of each month that has ended, over the history (districts are left to
    the monthly job: 14 times the work, and the small demo must load fast)."""
    last = month_of(as_of).first - datetime.timedelta(days=1)
    first = month_of(last).first
    for _ in range(HISTORY_MONTHS - 1):
        first = month_of(first - datetime.timedelta(days=1)).first
    for month in months(first, last):
        snapshots.store(month.first, districts=[None])
    writer.record(Snapshot, list(Snapshot.objects.filter(month__gte=first, month__lte=last)
                                 .values_list("pk", flat=True)))
    return len(months(first, last))
