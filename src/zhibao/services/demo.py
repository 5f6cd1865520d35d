"""Demo data of the service network: workstations and a year and a half of their services,
the expert pool (and draws for the demo's adjudication cases, if there are any), the
pre-examination filing entities of the two protection centres and their requests, the
protection lists (Xi'an's real GI products, key enterprises and works, the procuratorate's
batches, plant varieties, key markets, exhibitions) with special actions, product
descriptions, and satisfaction surveys with anonymous responses.

    from zhibao.services import demo as services_demo
    counts = services_demo.generate(run.rng, scale, as_of=run.as_of, writer=run.writer)

It reads the registry that the demo loaded before it (districts, bodies, entities, rights,
demo accounts) and writes with `writer.save(model, objects)` (bulk inserts, recorded for a
reset) and `writer.record(model, pks)` for the few rows written through the rules (draws).
Without a writer it inserts with bulk_create. Everything comes from `rng`: the same seed
gives the same rows. Bulk inserts bypass `save()`, so the period columns that save() keeps
(valid_from, valid_to, turnaround) are computed here with the same functions.

Scales: small: 40 workstations, 60 experts, ~1,400 services; city: 265 workstations (about
245 in operation), 350 experts (about 300 with a valid appointment), ~15,000 services over
18 months, 1,750 applications to file (about 1,300 valid: below the target of 1,400). Chosen
so that a cockpit shows some indicators met and one not.
"""
import datetime
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from faker.providers.person.zh_CN import Provider as FakerPerson

from zhibao.accounts.models import User
from zhibao.calendar.workdays import working_days_between
from zhibao.registry.models import District, IPRight, MarketEntity, Organization, RightHolder

from . import common
from .choices import (
    ExpertRole, FilingStatus, ListKind, PatentKind, PreexamOutcome, QuestionKind, ResponseChannel, ServiceKind,
    SurveyOccasion, TieKind, WorkstationKind,
)
from .models import (
    CentreProfile, DrawPick, Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, ExpertTie, ExpertUnavailability,
    FilingEntity, ListBatch, ListEntry, PreexamRequest, ProductDescription, ServiceRecipient, ServiceRecord,
    SpecialAction, Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse, Workstation,
    WorkstationContact,
)

CITY = "610100"
CITY_IP_ADMIN = "西安市市场监督管理局（西安市知识产权局）"
CITY_CENTRE = "西安市知识产权保护中心"
PROVINCE_CENTRE = "陕西省知识产权保护中心"
CITY_POLICE = "西安市公安局"
CITY_PROCURATORATE = "西安市人民检察院"
CITY_COPYRIGHT = "西安市版权局"
CITY_AGRICULTURE = "西安市农业农村局"
CITY_COURT = "西安市中级人民法院"


@dataclass(frozen=True)
class Scale:
    workstations: int
    experts: int
    services_per_station_month: float
    filings: int
    key_enterprises: int
    contact_enterprises: int
    survey_share: float
    public_responses: int


SCALES = {
    "small": Scale(workstations=40, experts=60, services_per_station_month=2.2, filings=150, key_enterprises=12,
                   contact_enterprises=10, survey_share=0.35, public_responses=60),
    "city": Scale(workstations=265, experts=365, services_per_station_month=3.3, filings=1750, key_enterprises=60,
                  contact_enterprises=40, survey_share=0.3, public_responses=900),
}

# Deletion order for a reset: rows that point to others first (the demo's reset deletes these
# before the registry's rows).
DEMO_MODELS = (
    SurveyAnswer, SurveyResponse, SurveyInvitation, SurveyQuestion, Survey,
    ProductDescription.shared_with.through, ProductDescription.rights.through, ProductDescription,
    SpecialAction.entries.through, SpecialAction.cases.through, SpecialAction,
    ListEntry.rights.through, ListEntry, ListBatch,
    PreexamRequest, FilingEntity, CentreProfile.service_area.through, CentreProfile,
    ExpertOpinion, DrawPick, ExpertDraw, ExpertTie, ExpertAppointment, ExpertUnavailability, Expert,
    ServiceRecipient, ServiceRecord, WorkstationContact, Workstation.bodies.through, Workstation,
)

# Approximate centres of Xi'an's districts and counties (for map positions of the demo).
CENTRES = {
    "610102": (34.267, 108.960), "610103": (34.252, 108.946), "610104": (34.266, 108.919),
    "610111": (34.283, 109.061), "610112": (34.330, 108.930), "610113": (34.214, 108.944),
    "610114": (34.662, 109.226), "610115": (34.367, 109.214), "610116": (34.158, 108.907),
    "610117": (34.535, 109.088), "610118": (34.108, 108.605), "610122": (34.152, 109.317),
    "610124": (34.162, 108.222),
}

CONSULTATIONS = {
    ServiceKind.CONSULTATION: ("商标侵权判定咨询", "专利无效宣告程序咨询", "商业秘密保护咨询", "著作权登记咨询",
                               "电商平台侵权投诉规则咨询", "专利许可合同咨询", "地理标志使用规范咨询"),
    ServiceKind.COMPLAINT: ("协助向电商平台提交侵权投诉", "协助向市场监管部门投诉假冒商标", "协助展会知识产权投诉",
                            "协助12345热线知识产权投诉"),
    ServiceKind.EVIDENCE: ("网络侵权证据保全指导", "公证购买取证指导", "侵权产品比对分析", "商业秘密侵权证据固定"),
    ServiceKind.MEDIATION: ("转介市知识产权纠纷人民调解委员会", "转介行业协会调解", "转介诉前调解"),
    ServiceKind.OVERSEAS: ("海外展会知识产权风险提示", "中亚市场商标抢注应对指导", "海外专利诉讼应诉指导",
                           "跨境电商平台知识产权纠纷应对"),
    ServiceKind.TRAINING: ("企业知识产权管理规范培训", "商标品牌保护培训", "专利布局与挖掘培训", "知识产权海外维权培训",
                           "地理标志产品保护培训"),
}
KIND_WEIGHTS = ((ServiceKind.CONSULTATION, 40), (ServiceKind.COMPLAINT, 16), (ServiceKind.EVIDENCE, 14),
                (ServiceKind.MEDIATION, 8), (ServiceKind.OVERSEAS, 7), (ServiceKind.TRAINING, 15))

# Real Xi'an markets and exhibitions (names as commonly used; dates and details of the demo).
KEY_MARKETS = (
    ("康复路批发市场", "610102", "西安市新城区康复路", "服装、小商品集散地，历年商标侵权投诉较多"),
    ("西安轻工业批发市场", "610104", "西安市莲湖区北大街", "日用轻工产品批发集中，假冒注册商标商品多发"),
    ("小寨赛格电脑城", "610113", "西安市雁塔区长安中路", "电子产品集中销售，存在假冒配件风险"),
    ("大明宫建材家居市场", "610112", "西安市未央区太华北路", "建材家居品牌集中，外观设计侵权易发"),
    ("西安朱雀农产品交易中心", "610116", "西安市长安区", "农产品集散，地理标志产品冒用风险"),
    ("纺织城服装市场", "610111", "西安市灞桥区纺织城", "服装批发，商标侵权风险"),
)
EXHIBITIONS = (
    ("丝绸之路国际博览会", "西安国际会展中心", (5, 20), 5, "610111"),
    ("欧亚经济论坛配套展会", "西安曲江国际会展中心", (9, 10), 3, "610113"),
    ("西安国际车展", "西安国际会展中心", (6, 1), 7, "610111"),
    ("中国西部跨国采购洽谈会", "西安曲江国际会展中心", (4, 15), 3, "610113"),
    ("西安国际茶产业博览会", "西安曲江国际会展中心", (8, 22), 4, "610113"),
)
NAMED_GIS = ("户县葡萄", "阎良甜瓜", "临潼石榴", "周至猕猴桃")


class _Inserter:
    """The writer used without the demo's: bulk inserts, nothing recorded."""

    batch_size = 2000

    def save(self, model, objs):
        return model._default_manager.bulk_create(objs, batch_size=self.batch_size) if objs else objs

    def record(self, model, pks):
        pass


class _Names:
    def __init__(self):
        self.surnames = list(FakerPerson.last_names.keys())
        self.weights = list(FakerPerson.last_names.values())
        self.given = FakerPerson.first_names_male + FakerPerson.first_names_female

    def __call__(self, rng: random.Random) -> str:
        surname = rng.choices(self.surnames, self.weights)[0]
        given = rng.choice(self.given)
        if len(given) == 1 and rng.random() < 0.6:
            given += rng.choice(self.given)[:1]
        return surname + given


def _day(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _phone(rng) -> str:
    return f"029-{rng.randrange(8100_0000, 8999_9999)}"


def generate(rng: random.Random, scale: str, *, as_of: datetime.date, writer=None, say=print) -> dict[str, int]:
    """Build the service network's demo data as of `as_of`; returns row counts by model label."""
    size = SCALES[scale]
    writer = writer or _Inserter()
    counts: dict[str, int] = defaultdict(int)

    def save(model, objs):
        out = writer.save(model, objs)
        counts[model._meta.label] += len(objs)
        return out

    ctx = _Context(rng, as_of, size)
    stations = _workstations(ctx, save)
    say(f"  services: {len(stations)} workstations")
    n = _services(ctx, save, stations)
    say(f"  services: {n} service records")
    experts = _experts(ctx, save)
    drawn = _draws(ctx, writer, experts)
    say(f"  services: {len(experts)} experts, {drawn} draws")
    filings = _preexam(ctx, save)
    say(f"  services: {filings} filing entities")
    entries = _lists(ctx, save)
    say(f"  services: {entries} list entries")
    responses = _surveys(ctx, save)
    say(f"  services: {responses} survey responses")
    counts["services.ExpertDraw"] += drawn
    return dict(counts)


class _Context:
    def __init__(self, rng, as_of, size):
        self.rng, self.as_of, self.size = rng, as_of, size
        self.start = as_of - datetime.timedelta(days=548)       # a year and a half of history
        self.names = _Names()
        self.districts = {d.code: d for d in District.objects.filter(parent__code=CITY).order_by("code")}
        self.orgs = {o.name: o for o in Organization.objects.all()}
        by_district = defaultdict(list)
        industry = {}
        for pk, code, ind in MarketEntity.objects.filter(district__parent__code=CITY, status="active").values_list(
                "pk", "district_id", "industry").order_by("pk").iterator(chunk_size=20000):
            by_district[code].append(pk)
            industry[pk] = ind
        self.entities_by_district = dict(by_district)
        self.all_entities = [pk for code in sorted(by_district) for pk in by_district[code]]
        self.industry = industry

    def org(self, name):
        return self.orgs.get(name)

    def entity_in(self, code: str) -> int:
        pool = self.entities_by_district.get(code) or self.all_entities
        return self.rng.choice(pool)

    def position(self, code: str) -> tuple[Decimal, Decimal]:
        lat, lon = CENTRES.get(code, CENTRES["610113"])
        return (Decimal(f"{lat + self.rng.uniform(-0.04, 0.04):.6f}"),
                Decimal(f"{lon + self.rng.uniform(-0.05, 0.05):.6f}"))


# -- workstations ---------------------------------------------------------------------------------------

def _kind_of(name: str) -> str:
    if "公安" in name:
        return WorkstationKind.POLICE
    if "涉外" in name:
        return WorkstationKind.OVERSEAS
    if "展览" in name or "展会" in name:
        return WorkstationKind.EXHIBITION
    if "检察" in name:
        return WorkstationKind.PROCURATORATE
    return WorkstationKind.ASSISTANCE


def _workstations(ctx: _Context, save) -> list[Workstation]:
    rng, size = ctx.rng, ctx.size
    existing = list(Organization.objects.filter(kind="workstation", workstation__isnull=True).order_by("pk"))
    existing = existing[:size.workstations]
    new_orgs = []
    codes = sorted(ctx.districts)
    used = {o.name for o in Organization.objects.all()}
    extra = size.workstations - len(existing)
    hosts = rng.sample(ctx.all_entities, k=min(len(ctx.all_entities), extra * 3)) if extra > 0 else []
    host_names = dict(MarketEntity.objects.filter(pk__in=hosts).values_list("pk", "name"))
    plan = []  # (org, kind, host entity id, supervisor)
    for org in existing:
        kind = _kind_of(org.name)
        plan.append((org, kind, None, org.parent))
    host_iter = iter(hosts)
    while len(plan) < size.workstations:
        host = next(host_iter, None)
        if host is None:
            break
        r = rng.random()
        if r < 0.62:
            kind, suffix, supervisor = WorkstationKind.ASSISTANCE, "知识产权维权援助工作站", ctx.org(CITY_CENTRE)
        elif r < 0.84:
            kind, suffix, supervisor = WorkstationKind.POLICE, "公安知识产权保护工作站", ctx.org(CITY_POLICE)
        elif r < 0.93:
            kind, suffix, supervisor = WorkstationKind.PROCURATORATE, "检察知识产权保护工作站", ctx.org(CITY_PROCURATORATE)
        else:
            kind, suffix, supervisor = WorkstationKind.OVERSEAS, "涉外知识产权保护工作站", ctx.org(CITY_IP_ADMIN)
        name = host_names[host] + suffix
        if name in used or len(name) > 150:
            continue
        used.add(name)
        district = MarketEntity.objects.filter(pk=host).values_list("district_id", flat=True).first()
        org = Organization(name=name, kind="workstation", district_id=district, parent=supervisor)
        new_orgs.append(org)
        plan.append((org, kind, host, supervisor))
    # two circuit tribunals of the intermediate court (plan-zh.md measure 14), when the court is there
    court = ctx.org(CITY_COURT)
    if court is not None:
        for place, code in (("西咸新区", "610112"), ("高新区", "610113")):
            name = f"西安中院知识产权巡回审判庭（{place}）"
            if name not in used:
                org = Organization(name=name, kind="court", district_id=code, parent=court)
                new_orgs.append(org)
                plan.append((org, WorkstationKind.CIRCUIT, None, court))
    save(Organization, new_orgs)

    stations, contacts, bodies = [], [], []
    for org, kind, host, supervisor in plan:
        code = org.district_id if org.district_id in ctx.districts else rng.choice(codes)
        opened = _day(rng, datetime.date(2019, 3, 1), ctx.as_of - datetime.timedelta(days=30))
        closed = None
        if rng.random() < 0.06:
            closed = _day(rng, opened + datetime.timedelta(days=180), ctx.as_of)
            closed = closed if closed < ctx.as_of else None
        lat, lon = ctx.position(code)
        ws = Workstation(
            name=org.name, kind=kind, org=org, supervisor=supervisor, host_entity_id=host,
            host_org=court if kind == WorkstationKind.CIRCUIT else None,
            host_name="" if host or kind == WorkstationKind.CIRCUIT else org.name.split("知识产权")[0][:150],
            district_id=code, address=f"西安市{ctx.districts[code].name}", latitude=lat, longitude=lon,
            opened_on=opened, closed_on=closed)
        stations.append(ws)
    save(Workstation, stations)
    for ws in stations:
        for _i in range(rng.choice((1, 1, 2))):
            contacts.append(WorkstationContact(workstation=ws, name=ctx.names(rng),
                                               position=rng.choice(("站长", "联络员", "专职维权顾问", "驻站民警")),
                                               phone=_phone(rng)))
        for org_id in {ws.org_id, ws.supervisor_id, ws.host_org_id} - {None}:
            bodies.append(Workstation.bodies.through(workstation_id=ws.pk, organization_id=org_id))
    save(WorkstationContact, contacts)
    save(Workstation.bodies.through, bodies)
    return stations


def _services(ctx: _Context, save, stations) -> int:
    rng = ctx.rng
    records, recipients = [], []
    kinds = [k for k, _w in KIND_WEIGHTS]
    weights = [w for _k, w in KIND_WEIGHTS]
    staff = {u.organization_id: u for u in User.objects.filter(role="workstation").exclude(organization=None)}
    months = 18
    for ws in stations:
        if ws.kind == WorkstationKind.CIRCUIT:
            continue
        first = max(ws.opened_on, ctx.start)
        last = min(ws.closed_on or ctx.as_of, ctx.as_of)
        if last < first:
            continue
        activity = rng.uniform(0.4, 1.6) * ctx.size.services_per_station_month
        n = round(activity * months * (last - first).days / 548)
        for _i in range(n):
            kind = rng.choices(kinds, weights)[0]
            if ws.kind == WorkstationKind.OVERSEAS and rng.random() < 0.6:
                kind = ServiceKind.OVERSEAS
            record = ServiceRecord(workstation=ws, kind=kind, served_on=_day(rng, first, last),
                                   subject=rng.choice(CONSULTATIONS[kind]), recorded_by=staff.get(ws.org_id))
            if kind == ServiceKind.TRAINING:
                record.participants = rng.randint(15, 120)
            records.append(record)
    records.sort(key=lambda r: (r.served_on, r.workstation.name))
    save(ServiceRecord, records)
    for record in records:
        code = record.workstation.district_id
        n = rng.randint(3, 25) if record.kind == ServiceKind.TRAINING else (1 if rng.random() < 0.9 else 2)
        chosen = {ctx.entity_in(code) if rng.random() < 0.7 else rng.choice(ctx.all_entities) for _i in range(n)}
        recipients.extend(ServiceRecipient(record=record, entity_id=pk) for pk in sorted(chosen))
    save(ServiceRecipient, recipients)
    ctx.records = records
    return len(records)


# -- experts ---------------------------------------------------------------------------------------------

IPC_FIELDS = ("B23Q", "B25J", "G05B", "H01L", "H01M", "H02J", "G06F", "G06N", "H04L", "H04W", "G06T", "A61K", "C07D",
              "C12N", "A01H", "A23L", "C22C", "B64C", "F02K", "G01N", "E04B", "D06M", "G06Q", "A61B")
FIELD_INDUSTRY = {"A01H": "A", "A23L": "C", "G06F": "I", "G06N": "I", "H04L": "I", "H04W": "I", "G06T": "I",
                  "G06Q": "I", "A61K": "M", "C07D": "M", "C12N": "M", "A61B": "Q"}
TITLES = ("教授", "研究员", "高级工程师", "正高级工程师", "副教授", "专利代理师", "律师", "副研究员")


def _experts(ctx: _Context, save) -> list[Expert]:
    rng, size = ctx.rng, ctx.size
    universities = list(MarketEntity.objects.filter(kind="university").order_by("pk"))
    companies = ctx.all_entities
    appointers = [o for o in (ctx.org(CITY_IP_ADMIN), ctx.org(CITY_CENTRE), ctx.org(CITY_COURT)) if o]
    experts = []
    for i in range(size.experts):
        fields = rng.sample(IPC_FIELDS, k=rng.randint(1, 3))
        employer = rng.choice(universities) if universities and rng.random() < 0.65 else None
        expert = Expert(
            name=ctx.names(rng), title=rng.choice(TITLES), employer_entity=employer,
            employer_name=employer.name if employer else rng.choice((
                "陕西省知识产权局专利代办处", "西安市专利代理协会", "陕西省技术转移中心", "西安科技大市场",
                "中国科学院西安光学精密机械研究所", "陕西省律师协会知识产权专业委员会")),
            ipc_classes=", ".join(sorted(fields)),
            industries=",".join(sorted({FIELD_INDUSTRY.get(f, "C") for f in fields})),
            phone=_phone(rng), availability="unavailable" if rng.random() < 0.05 else "available")
        experts.append(expert)
    save(Expert, experts)
    # the demo expert account is one of them
    account = User.objects.filter(username="expert", expert__isnull=True).first()
    if account is not None and experts:
        Expert.objects.filter(pk=experts[0].pk).update(user=account)
    appointments, ties = [], []
    roles = (ExpertRole.INVESTIGATOR, ExpertRole.THINK_TANK, ExpertRole.COMMISSIONER)
    for i, expert in enumerate(experts):
        role = roles[0] if i % 5 in (0, 1) else (roles[1] if i % 5 in (2, 3) else roles[2])
        chosen = [role] + ([roles[1]] if role == roles[0] and rng.random() < 0.2 else [])
        for r in chosen:
            batch_year = rng.choices((2022, 2023, 2024, 2025, 2026), (3, 10, 30, 35, 22))[0]
            starts = _day(rng, datetime.date(batch_year, 3, 1), datetime.date(batch_year, 6, 30))
            starts = min(starts, ctx.as_of)
            ends = common.add_years(starts, 3) - common.ONE_DAY
            ended = None
            if rng.random() < 0.04 and starts + datetime.timedelta(days=200) < ctx.as_of:
                ended = _day(rng, starts + datetime.timedelta(days=200), min(ends, ctx.as_of))
            appointments.append(ExpertAppointment(
                expert=expert, role=r, appointed_by=rng.choice(appointers) if appointers else None,
                document=f"西知发〔{starts.year}〕{rng.randint(5, 60)}号", starts_on=starts, ends_on=ends,
                ended_on=ended, end_reason="工作调动" if ended else "",
                valid_from=starts, valid_to=common.earliest(ends, common.day_before(ended))))
        if rng.random() < 0.12 and companies:
            ended = _day(rng, datetime.date(2021, 1, 1), ctx.as_of) if rng.random() < 0.7 else None
            ties.append(ExpertTie(expert=expert, kind=TieKind.ENGAGEMENT, entity_id=rng.choice(companies),
                                  started_on=datetime.date(2019, 1, 1), ended_on=ended, detail="技术顾问",
                                  declared_on=ctx.as_of))
    save(ExpertAppointment, appointments)
    save(ExpertTie, ties)
    return experts


def _draws(ctx: _Context, writer, experts) -> int:
    """Draw technical investigators for the demo's adjudication cases, through the real rule."""
    from django.core.exceptions import ValidationError

    from zhibao.cases.models import Case

    from . import draw as rules

    cases = list(Case.objects.filter(procedure="adjudication", closed_on__isnull=True).order_by("pk")[:40])
    made = []
    for case in cases:
        on = min(ctx.as_of, max(case.received_on, ctx.as_of - datetime.timedelta(days=60)))
        try:
            d = rules.draw(case, None, role=ExpertRole.INVESTIGATOR, count=1, on=on,
                           seed=ctx.rng.randrange(rules.MAX_SEED), note="演示数据")
        except ValidationError:  # too few candidates in a small demo: no draw for that case
            continue
        made.append(d)
    writer.record(ExpertDraw, [d.pk for d in made])
    writer.record(DrawPick, list(DrawPick.objects.filter(draw__in=made).values_list("pk", flat=True)))
    return len(made)


# -- pre-examination ------------------------------------------------------------------------------------

CENTRE_FIELDS = {
    CITY_CENTRE: ("B21, B23, B25, B33, F16, G01, G05B, G06, H01L, H04", "C,I", "演示数据：服务领域为示意，待核实保护中心公布的产业领域"),
    PROVINCE_CENTRE: ("A61, C07, C08, C12, C22, H01M, B64", "C,M", "演示数据：服务领域为示意，待核实保护中心公布的产业领域"),
}
PREEXAM_TITLES = ("一种数控机床主轴冷却装置", "一种基于深度学习的图像识别方法", "一种锂离子电池正极材料的制备方法",
                  "一种工业机器人末端夹持装置", "一种分布式数据存储方法", "一种碳化硅MOSFET器件的制备方法",
                  "一种光伏组件清洗装置", "一种无人机起落架结构", "一种抗肿瘤化合物及其制备方法", "一种高强铝合金及其制备方法")


def _preexam(ctx: _Context, save) -> int:
    rng = ctx.rng
    centres = [ctx.org(name) for name in CENTRE_FIELDS if ctx.org(name)]
    if not centres:
        return 0
    city = District.objects.filter(code=CITY).first()
    profiles, area = [], []
    for centre in centres:
        ipc, industries, source = CENTRE_FIELDS[centre.name]
        profiles.append(CentreProfile(centre=centre, ipc_classes=ipc, industries=industries, filing_years=3,
                                      target_working_days=5, source=source))
    save(CentreProfile, profiles)
    for profile in profiles:
        area.append(CentreProfile.service_area.through(centreprofile_id=profile.pk, district_id=city.code))
    save(CentreProfile.service_area.through, area)

    eligible = [pk for pk in ctx.all_entities if ctx.industry.get(pk) in ("C", "I", "M")]
    chosen = rng.sample(eligible, k=min(len(eligible), ctx.size.filings))
    filings = []
    for pk in chosen:
        centre = centres[0] if rng.random() < 0.7 or len(centres) == 1 else centres[1]
        ipc = CENTRE_FIELDS[centre.name][0].split(", ")
        applied = _day(rng, datetime.date(2023, 6, 1), ctx.as_of - datetime.timedelta(days=3))
        r = rng.random()
        filing = FilingEntity(centre=centre, entity_id=pk, ipc_classes=", ".join(sorted(rng.sample(ipc, k=2))),
                              industries=ctx.industry.get(pk) or "", applied_on=applied,
                              contact_name=ctx.names(rng), contact_phone=_phone(rng))
        reviewed = applied + datetime.timedelta(days=rng.randint(3, 20))
        if reviewed > ctx.as_of or r < 0.04:
            filing.status = FilingStatus.APPLIED
        elif r < 0.10:
            filing.status, filing.reviewed_on, filing.review_note = FilingStatus.REJECTED, reviewed, "技术领域不符合备案条件"
        else:
            filing.status, filing.reviewed_on = FilingStatus.APPROVED, reviewed
            filing.valid_from = reviewed
            filing.valid_until = common.add_years(reviewed, 3) - common.ONE_DAY
            if r < 0.13 and reviewed + datetime.timedelta(days=90) < ctx.as_of:
                filing.status = FilingStatus.REVOKED
                filing.revoked_on = _day(rng, reviewed + datetime.timedelta(days=90), ctx.as_of)
                filing.revocation_reason = "存在非正常专利申请行为"
            filing.valid_to = common.earliest(filing.valid_until, common.day_before(filing.revoked_on))
        filings.append(filing)
    save(FilingEntity, filings)

    requests = []
    for filing in filings:
        if filing.valid_from is None:
            continue
        last = min(filing.valid_to or ctx.as_of, ctx.as_of)
        for _i in range(rng.choice((0, 1, 1, 2, 3, 5, 8))):
            submitted = _day(rng, filing.valid_from, last)
            kind = rng.choices((PatentKind.INVENTION, PatentKind.UTILITY, PatentKind.DESIGN), (55, 35, 10))[0]
            req = PreexamRequest(filing=filing, title=rng.choice(PREEXAM_TITLES), patent_kind=kind,
                                 ipc_class="" if kind == PatentKind.DESIGN else
                                 f"{rng.choice(filing.ipc_classes.split(', '))}",
                                 submitted_on=submitted, reference=f"YS{submitted:%Y%m%d}{rng.randrange(1000):03d}")
            if req.ipc_class and len(req.ipc_class) == 3:
                req.ipc_class += "B"  # a class needs a subclass letter in this demo's requests
            outcome_on = submitted + datetime.timedelta(days=rng.randint(2, 14))
            if outcome_on <= ctx.as_of:
                req.outcome = rng.choices((PreexamOutcome.PASSED, PreexamOutcome.RETURNED, PreexamOutcome.WITHDRAWN),
                                          (82, 15, 3))[0]
                req.outcome_on = outcome_on
                req.turnaround_days = (outcome_on - submitted).days
                req.turnaround_working_days = working_days_between(submitted, outcome_on)
                if req.outcome == PreexamOutcome.PASSED:
                    grant = outcome_on + datetime.timedelta(days={"invention": 95, "utility": 35, "design": 12}[kind]
                                                            + rng.randint(-10, 40))
                    if grant <= ctx.as_of:
                        req.granted_on, req.days_to_grant = grant, (grant - submitted).days
            requests.append(req)
    save(PreexamRequest, requests)
    return len(filings)


# -- protection lists ------------------------------------------------------------------------------------

def _holder(right_id) -> int | None:
    return RightHolder.objects.filter(right_id=right_id, entity__isnull=False).values_list("entity_id", flat=True).first()


def _lists(ctx: _Context, save) -> int:
    rng = ctx.rng
    keeper_ip, keeper_copyright = ctx.org(CITY_IP_ADMIN), ctx.org(CITY_COPYRIGHT) or ctx.org(CITY_IP_ADMIN)
    keeper_procuratorate = ctx.org(CITY_PROCURATORATE)
    keeper_agri = ctx.org(CITY_AGRICULTURE) or keeper_ip
    entries, links = [], []

    def add(entry, rights=()):
        entry.valid_from = entry.listed_on
        entry.valid_to = entry.valid_until
        entries.append((entry, list(rights)))
        return entry

    # geographical indication products: every GI of the registry
    for right in IPRight.objects.filter(kind="gi").order_by("pk"):
        holder = _holder(right.pk)
        listed = max(right.grant_date or datetime.date(2024, 8, 5), datetime.date(2024, 8, 5))
        add(ListEntry(kind=ListKind.GI_PRODUCT, entity_id=holder, name=right.title, keeper=keeper_ip,
                      district_id=right.district_id if right.district_id in ctx.districts else None,
                      reason="西安市地理标志产品，纳入地理标志保护专项行动重点保护", listed_on=min(listed, ctx.as_of)),
            [right])
    # plant varieties
    for right in IPRight.objects.filter(kind="plant_variety").order_by("pk")[:30]:
        add(ListEntry(kind=ListKind.PLANT_VARIETY, entity_id=_holder(right.pk), name=right.title, keeper=keeper_agri,
                      reason="列入林长制考核的植物新品种保护重点", listed_on=_day(rng, datetime.date(2024, 9, 1),
                                                                                 ctx.as_of)), [right])
    # key copyright enterprises and their key works
    holders = list(RightHolder.objects.filter(right__kind="copyright", entity__district__parent__code=CITY)
                   .values_list("entity_id", flat=True).distinct().order_by("entity_id")[:400])
    names = dict(MarketEntity.objects.filter(pk__in=holders).values_list("pk", "name"))
    for pk in rng.sample(holders, k=min(len(holders), ctx.size.key_enterprises)):
        listed = _day(rng, datetime.date(2024, 9, 1), ctx.as_of)
        parent = add(ListEntry(kind=ListKind.KEY_ENTERPRISE, entity_id=pk, name=names[pk], keeper=keeper_copyright,
                               reason="版权产业重点企业，作品被侵权风险高", listed_on=listed,
                               valid_until=common.add_years(listed, 3) - common.ONE_DAY))
        works = list(IPRight.objects.filter(kind="copyright", holders__entity_id=pk).order_by("pk")[:3])
        for work in works:
            add(ListEntry(kind=ListKind.KEY_WORK, entity_id=pk, parent=parent, name=work.title,
                          keeper=keeper_copyright, reason="重点保护作品", listed_on=listed,
                          valid_until=parent.valid_until), [work])
    # the procuratorate's key-contact enterprises and core technologies, in two batches
    batches = []
    for name, published in (("第一批", datetime.date(2025, 4, 24)), ("第二批", datetime.date(2026, 4, 23))):
        if published <= ctx.as_of:
            batches.append(ListBatch(kind=ListKind.CONTACT_ENTERPRISE, name=name, published_on=published,
                                     publisher=keeper_procuratorate, document="演示数据：批次与日期为示意"))
    save(ListBatch, batches)
    inventors = list(RightHolder.objects.filter(right__kind="invention", right__status="valid",
                                                entity__district__parent__code=CITY)
                     .values_list("entity_id", flat=True).distinct().order_by("entity_id")[:600])
    names.update(dict(MarketEntity.objects.filter(pk__in=inventors).values_list("pk", "name")))
    for i, pk in enumerate(rng.sample(inventors, k=min(len(inventors), ctx.size.contact_enterprises))):
        if not batches:
            break
        batch = batches[i % len(batches)]
        parent = add(ListEntry(kind=ListKind.CONTACT_ENTERPRISE, entity_id=pk, name=names[pk], batch=batch,
                               keeper=keeper_procuratorate, reason="拥有核心技术的科技创新企业，纳入检察保护重点联系",
                               listed_on=batch.published_on))
        for patent in IPRight.objects.filter(kind="invention", holders__entity_id=pk).order_by("pk")[:2]:
            add(ListEntry(kind=ListKind.CORE_TECHNOLOGY, entity_id=pk, parent=parent, batch=batch,
                          name=patent.title.removeprefix("一种"), keeper=keeper_procuratorate,
                          reason="核心技术，列入检察保护名录", listed_on=batch.published_on), [patent])
    # key markets and exhibitions
    for name, code, address, reason in KEY_MARKETS:
        add(ListEntry(kind=ListKind.KEY_MARKET, name=name, venue=address, district_id=code, keeper=keeper_ip,
                      reason=reason, listed_on=datetime.date(2024, 10, 1), note="演示数据：市场名称为常用名，关注原因为示意"))
    exhibition_offices = list(Workstation.objects.filter(kind=WorkstationKind.EXHIBITION).order_by("pk"))
    for year in (ctx.start.year, ctx.as_of.year):
        for name, venue, (month, day), days, code in EXHIBITIONS:
            starts = datetime.date(year, month, day)
            if not ctx.start <= starts <= ctx.as_of:
                continue
            office = exhibition_offices[0] if exhibition_offices and days >= 3 else None
            add(ListEntry(kind=ListKind.EXHIBITION, name=f"{year}{name}", venue=venue, district_id=code,
                          keeper=keeper_ip, reason="大型展会，设立知识产权投诉工作站", listed_on=starts - datetime.timedelta(30),
                          valid_until=starts + datetime.timedelta(days=days - 1), starts_on=starts,
                          ends_on=starts + datetime.timedelta(days=days - 1), complaint_office=office,
                          arrangements="会期设立知识产权投诉工作站，市场监管部门派员驻场；投诉24小时内转交处理。"))
    rows = [e for e, _r in entries]
    save(ListEntry, [e for e in rows if e.parent is None])   # parents first: children point to them
    save(ListEntry, [e for e in rows if e.parent is not None])
    for entry, rights in entries:
        links.extend(ListEntry.rights.through(listentry_id=entry.pk, ipright_id=r.pk) for r in rights)
    save(ListEntry.rights.through, links)

    # special actions for the GI products the plan names
    actions, action_links = [], []
    gi_entries = {e.name: e for e, _r in entries if e.kind == ListKind.GI_PRODUCT}
    for title in NAMED_GIS:
        entry = gi_entries.get(title)
        if entry is None or keeper_ip is None:
            continue
        for year in sorted({ctx.start.year, ctx.as_of.year}):
            starts = datetime.date(year, 6, 1)
            if starts > ctx.as_of:
                continue
            actions.append((SpecialAction(
                name=f"{year}年“{title}”地理标志保护专项行动", lead=keeper_ip, starts_on=starts,
                ends_on=datetime.date(year, 10, 31),
                description=f"检查{title}产区、批发市场和电商平台，查处假冒地理标志、擅自使用专用标志的行为。",
                results=f"检查经营主体{rng.randint(80, 400)}家次，责令整改{rng.randint(3, 30)}家，"
                        f"立案{rng.randint(1, 8)}件（演示数据）。"), entry))
    save(SpecialAction, [a for a, _e in actions])
    for action, entry in actions:
        action_links.append(SpecialAction.entries.through(specialaction_id=action.pk, listentry_id=entry.pk))
    save(SpecialAction.entries.through, action_links)

    # product descriptions: the demo enterprise's, shared with the police and the IP administration
    descriptions, shares = [], []
    demo_user = User.objects.filter(username="enterprise").exclude(entity=None).first()
    if demo_user is not None:
        d = ProductDescription(holder_id=demo_user.entity_id, name="数控机床主轴单元", created_by=demo_user,
                               features="主轴端面刻有激光防伪码，可在企业官网输入验证；铭牌为铝合金蚀刻，非贴纸。",
                               markings="外包装印有“秦川智造”注册商标及防伪标签。",
                               channels="仅通过企业直销及授权经销商销售（名单见官网）。", contact="029-88886666",
                               valid_until=common.add_years(ctx.as_of, 1))
        descriptions.append(d)
    save(ProductDescription, descriptions)
    for d in descriptions:
        for name in (CITY_POLICE, CITY_IP_ADMIN):
            if ctx.org(name):
                shares.append(ProductDescription.shared_with.through(productdescription_id=d.pk,
                                                                     organization_id=ctx.org(name).pk))
    save(ProductDescription.shared_with.through, shares)
    return len(rows)


# -- surveys ------------------------------------------------------------------------------------------------

def _score(rng) -> int:
    return max(0, min(100, round(rng.gauss(87, 9))))


def _level(rng) -> int:
    return rng.choices((100, 80, 60, 40, 20), (48, 36, 11, 4, 1))[0]


def _surveys(ctx: _Context, save) -> int:
    rng = ctx.rng
    opens = ctx.start
    service = Survey(title="知识产权维权援助工作站服务满意度调查", occasion=SurveyOccasion.SERVICE, opens_on=opens,
                     intro="请对本次知识产权服务作出评价。答卷匿名，工作人员无法知道是谁作答。")
    public = Survey(title="西安市知识产权保护社会满意度调查", occasion=SurveyOccasion.PUBLIC, opens_on=opens, public=True,
                    intro="请对西安市知识产权保护工作作出总体评价。")
    case = Survey(title="知识产权案件办理满意度调查", occasion=SurveyOccasion.CASE, opens_on=opens)
    save(Survey, [service, public, case])
    questions = [
        SurveyQuestion(survey=service, order=1, text="工作人员是否及时、专业地回应了您的问题？", kind=QuestionKind.SCORE,
                       weight=2),
        SurveyQuestion(survey=service, order=2, text="您对本次服务的总体满意度", kind=QuestionKind.LEVEL),
        SurveyQuestion(survey=service, order=3, text="意见和建议", kind=QuestionKind.TEXT, required=False),
        SurveyQuestion(survey=public, order=1, text="您对西安市知识产权保护工作的总体评价（0–100分）",
                       kind=QuestionKind.SCORE),
        SurveyQuestion(survey=public, order=2, text="意见和建议", kind=QuestionKind.TEXT, required=False),
        SurveyQuestion(survey=case, order=1, text="您对案件办理的总体满意度", kind=QuestionKind.LEVEL),
    ]
    save(SurveyQuestion, questions)
    q = {(x.survey_id, x.order): x for x in questions}
    comments = ("服务很专业，感谢！", "希望增加线上咨询渠道。", "处理速度可以再快一些。", "讲解清楚，很有帮助。", "")

    invitations, responses, answers = [], [], []
    for record in getattr(ctx, "records", []):
        if record.served_on < opens or rng.random() > ctx.size.survey_share:
            continue
        ws = record.workstation
        invitations.append(SurveyInvitation(
            survey=service, token_hash=hashlib.sha256(f"demo-{record.pk}-{rng.random()}".encode()).hexdigest(),
            service_record=record, rated_org_id=ws.org_id, district_id=ws.district_id, created_on=record.served_on,
            expires_on=record.served_on + datetime.timedelta(days=30)))
    for invitation in invitations:
        received = invitation.created_on + datetime.timedelta(days=rng.randint(0, 10))
        if rng.random() < 0.55 and received <= ctx.as_of:
            invitation.responded = True
            s1, s2 = _score(rng), _level(rng)
            response = SurveyResponse(survey=service, received_on=received, channel=ResponseChannel.INVITATION,
                                      rated_org_id=invitation.rated_org_id, district_id=invitation.district_id,
                                      score=(Decimal(2 * s1 + s2) / 3).quantize(Decimal("0.01")))
            responses.append((response, [(q[(service.pk, 1)], s1, ""), (q[(service.pk, 2)], s2, ""),
                                         (q[(service.pk, 3)], None, rng.choice(comments))]))
    for _i in range(ctx.size.public_responses):
        s1 = max(0, min(100, round(rng.gauss(84, 11))))
        responses.append((SurveyResponse(survey=public, received_on=_day(rng, opens, ctx.as_of),
                                         channel=ResponseChannel.PORTAL, score=Decimal(s1)),
                          [(q[(public.pk, 1)], s1, ""), (q[(public.pk, 2)], None, rng.choice(comments))]))
    save(SurveyInvitation, invitations)
    # responses in date order, so that their ids say nothing about which invitation they answer
    responses.sort(key=lambda item: (item[0].received_on, item[0].score))
    save(SurveyResponse, [r for r, _a in responses])
    for response, items in responses:
        answers.extend(SurveyAnswer(response=response, question=question, score=score, text=text)
                       for question, score, text in items if score is not None or text)
    save(SurveyAnswer, answers)
    return len(responses)
