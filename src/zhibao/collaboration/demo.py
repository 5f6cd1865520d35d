"""Demo data of collaboration: transfers (some acknowledged late, some to cluster cities), requests for
assistance, a joint operation and four quarterly joint meetings.

    counts = generate(rng, "small", as_of=run.as_of, writer=run.writer, say=say)

Rows are few, so they are written through the ORM and recorded with `writer.record` (many-to-many
rows too: the demo's reset deletes by table). Due dates come from limits.py and zhibao.calendar,
as for real transfers. Cases are linked when the demo holds some (another contributor's).
"""
import datetime
import random
from collections import Counter

from zhibao.accounts.models import User
from zhibao.cases.models import Case
from zhibao.registry.models import Organization

from . import limits
from .models import (
    AgendaItem, AssistanceRequest, Decision, LimitCode, Meeting, Operation, Transfer, TransferItem,
)

CITY_IP_ADMIN = "西安市市场监督管理局（西安市知识产权局）"
CITY_POLICE = "西安市公安局"
CITY_PROCURATORATE = "西安市人民检察院"
CITY_COURT = "西安市中级人民法院"
CITY_CENTRE = "西安市知识产权保护中心"

DEMO_MODELS = (Transfer.bodies.through, TransferItem, Transfer, AssistanceRequest.bodies.through, AssistanceRequest,
               Operation.participants.through, Operation.cases.through, Operation, Decision, AgendaItem,
               Meeting.attendees.through, Meeting.cases.through, Meeting)

# (subject, kind, receiver name or "cluster", days before as_of, acknowledgement delay in working-day-ish
#  calendar days or None, outcome)
TRANSFERS = (
    ("销售假冒“西凤”注册商标白酒案", "crime", CITY_POLICE, 150, 2, "accepted"),
    ("网店销售侵犯著作权图书线索", "crime", CITY_POLICE, 95, 9, "prosecuted"),
    ("假冒专利标识产品批发线索", "competence", "cluster", 70, 3, "accepted"),
    ("跨市销售侵权农机配件线索", "competence", "cluster", 40, 12, ""),
    ("商标侵权民事赔偿争议", "judicial", CITY_COURT, 60, 1, "judgment"),
    ("侵犯商业秘密涉嫌犯罪线索", "crime", CITY_PROCURATORATE, 25, None, ""),
    ("外地企业侵犯地理标志线索", "referral", "cluster", 6, None, ""),
)


def generate(rng: random.Random, scale: str, *, as_of: datetime.date, writer=None, say=print) -> dict[str, int]:
    orgs = {o.name: o for o in Organization.objects.filter(
        name__in=[CITY_IP_ADMIN, CITY_POLICE, CITY_PROCURATORATE, CITY_COURT, CITY_CENTRE])}
    if CITY_IP_ADMIN not in orgs:
        say("  collaboration: no city IP administration in the registry; skipped")
        return {}
    city = orgs[CITY_IP_ADMIN]
    cluster = list(Organization.objects.filter(district__in_cluster=True).order_by("name"))
    users = {u.username: u for u in User.objects.filter(username__in=["officer", "police"])}
    # Cases that took a transfer step first, so that the demo's transfers match their cases.
    cases = list(Case.objects.filter(handling_org=city, outcome="transferred").order_by("pk")[:7])
    cases += list(Case.objects.filter(handling_org=city).exclude(outcome="transferred").order_by("pk")[:20])
    counts: Counter = Counter()

    def keep(obj):
        counts[type(obj)._meta.label] += 1
        if writer is not None:
            writer.record(type(obj), [obj.pk])
        return obj

    def link(manager, objs):
        through = manager.through
        before = set(through.objects.filter(**{manager.source_field_name: manager.instance}).values_list("pk", flat=True))
        manager.add(*objs)
        new = list(through.objects.filter(**{manager.source_field_name: manager.instance})
                   .exclude(pk__in=before).values_list("pk", flat=True))
        counts[through._meta.label] += len(new)
        if writer is not None:
            writer.record(through, new)

    for i, (subject, kind, receiver_name, ago, delay, outcome) in enumerate(TRANSFERS):
        receiver = rng.choice(cluster) if receiver_name == "cluster" and cluster else orgs.get(receiver_name)
        if receiver is None:
            continue
        sent_on = as_of - datetime.timedelta(days=ago)
        ack_due, provisional, rule = limits.due(LimitCode.ACKNOWLEDGEMENT, sent_on)
        acked = sent_on + datetime.timedelta(days=delay) if delay is not None else None
        t = keep(Transfer.objects.create(
            subject=subject, kind=kind, reason="经核查，案件线索" + ("涉嫌构成犯罪，依法移送。" if kind == "crime"
                                                               else "不属本机关管辖或需由受移送机关处理，依法移送。"),
            sender=city, receiver=receiver, sent_on=sent_on, sent_by=users.get("officer"),
            case=cases[i] if i < len(cases) else None, ack_due=ack_due, ack_provisional=provisional, ack_rule=rule,
            acknowledged_on=acked, acknowledged_by=users.get("police") if acked and receiver.name == CITY_POLICE else None,
            outcome=outcome if acked else "",
            outcome_on=min(acked + datetime.timedelta(days=20), as_of) if acked and outcome else None,
            outcome_text="已依法处理并回复移送机关。" if acked and outcome else ""))
        link(t.bodies, [city, receiver])
        for item_kind, text in (("evidence", "现场检查笔录及照片"), ("evidence", "扣押物品清单"),
                                ("finding", "涉案商品经权利人鉴定为侵权商品")):
            keep(TransferItem.objects.create(
                transfer=t, kind=item_kind, description=text,
                recognized=True if outcome in ("accepted", "prosecuted", "judgment") else None,
                recognized_on=t.outcome_on if outcome in ("accepted", "prosecuted", "judgment") else None))

    for subject, addressee, ago, answered in (("协查涉案企业实际经营地址", cluster[0] if cluster else None, 45, True),
                                               ("协查网店实际控制人身份", orgs.get(CITY_POLICE), 10, False)):
        if addressee is None:
            continue
        sent_on = as_of - datetime.timedelta(days=ago)
        req = keep(AssistanceRequest.objects.create(
            requester=city, addressee=addressee, subject=subject, questions="请协助核实相关情况并书面回复。",
            sent_on=sent_on, due_on=limits.due(LimitCode.ASSISTANCE_REPLY, sent_on)[0], sent_by=users.get("officer"),
            status="answered" if answered else "open", reply="经核实，情况属实。" if answered else "",
            replied_on=sent_on + datetime.timedelta(days=12) if answered else None))
        link(req.bodies, [city, addressee])

    op = keep(Operation.objects.create(
        name="“铁拳”知识产权联合执法专项行动", starts_on=as_of - datetime.timedelta(days=120),
        ends_on=as_of - datetime.timedelta(days=30), lead=city, created_by=users.get("officer"),
        results="检查经营场所120家次，立案查处侵权案件18件，移送涉嫌犯罪案件3件。"))
    link(op.participants, [city] + [orgs[n] for n in (CITY_POLICE, CITY_PROCURATORATE) if n in orgs] + cluster[:2])
    if cases:
        link(op.cases, cases[:5])

    for back in range(4, 0, -1):
        year, quarter = _quarter_before(as_of, back)
        held_on = _last_weekday_of_quarter(year, quarter)
        m = keep(Meeting.objects.create(
            title=f"{year}年第{'一二三四'[quarter - 1]}季度知识产权保护工作联席会议", held_on=held_on, year=year,
            quarter=quarter, convener=city, people="市局分管领导、市公安局经侦支队、市检察院、市中级法院知识产权庭负责同志",
            created_by=users.get("officer")))
        link(m.attendees, list(orgs.values()))
        for title in ("通报本季度知识产权保护工作情况", "研究跨部门线索移送和结果互认问题", "部署下季度联合执法工作"):
            keep(AgendaItem.objects.create(meeting=m, title=title))
        owner = orgs.get(CITY_POLICE, city)
        due = held_on + datetime.timedelta(days=60)
        keep(Decision.objects.create(meeting=m, text="完善行政执法与刑事司法衔接线索移送台账", owner=owner, due_on=due,
                                     done_on=due - datetime.timedelta(days=10) if due < as_of else None))
        keep(Decision.objects.create(meeting=m, text="开展关中平原城市群跨区域协查", owner=city, due_on=due))
        if cases:
            link(m.cases, rng.sample(cases, min(2, len(cases))))
    say(f"  collaboration: {counts['collaboration.Transfer']} transfers, 1 operation, 4 joint meetings")
    return dict(counts)


def _quarter_before(day: datetime.date, back: int) -> tuple[int, int]:
    index = day.year * 4 + (day.month - 1) // 3 - back
    return index // 4, index % 4 + 1


def _last_weekday_of_quarter(year: int, quarter: int) -> datetime.date:
    day = datetime.date(year + (quarter == 4), 1 if quarter == 4 else quarter * 3 + 1, 1) - datetime.timedelta(days=7)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day
