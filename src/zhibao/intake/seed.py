"""The triage rules and simple/complex criteria Zhibao starts with for Xi'an (data migration 0002).

They name kinds of body, not bodies, so that they hold in any database: the body of that kind
in the case's district is proposed, else the city's. Officials change them on the rules pages;
every change is a new version. The sources are those of shared/design/domain-rules.md; the
thresholds of the criteria are platform defaults [M], for the officials to set.
"""
import datetime

EFFECTIVE = datetime.date(2020, 1, 1)
WHY = "初始规则（平台默认，依据 domain-rules.md；由主管部门确认）"
PATENTS = ["invention", "utility", "design"]

#: (code, priority, name, conditions, body kind, procedure, track, reasons)
RULES = [
    ("exhibition", 10, "展会投诉", {"exhibition": "yes"}, "ip_admin", "enforcement", "simple",
     "展会期间的投诉由展会知识产权投诉机构受理，24小时内移交展会举办地知识产权行政管理部门，"
     "依展期从快处理（《展会知识产权保护办法》第7、11、13条）。"),
    ("patent-dispute", 20, "专利侵权纠纷", {"right_kinds": PATENTS, "matters": ["infringement"]}, "ip_admin",
     "adjudication", "",
     "专利侵权纠纷由市知识产权局（市场监管局）行政裁决（《专利法》第65条；《专利行政执法办法》）。"),
    ("patent-passing-off", 30, "假冒专利", {"right_kinds": PATENTS, "matters": ["passing_off"]},
     "market_regulation", "passing_off", "",
     "假冒专利行为由所在区县市场监管（知识产权）部门查处（《专利法》第68条；《专利行政执法办法》）。"),
    ("trademark", 40, "商标侵权与地理标志", {"right_kinds": ["trademark", "gi"]}, "market_regulation",
     "enforcement", "",
     "商标侵权、假冒地理标志由行为地区县市场监管部门立案查处（《商标法》第60条；"
     "《市场监督管理行政处罚程序规定》）。"),
    ("copyright", 50, "著作权侵权", {"right_kinds": ["copyright"]}, "copyright", "enforcement", "",
     "侵犯著作权的行为由著作权行政管理部门（市版权局）查处（《著作权法》第53条）。"),
    ("plant-variety", 60, "植物新品种", {"right_kinds": ["plant_variety"]}, "agriculture", "enforcement", "",
     "侵犯植物新品种权、假冒授权品种由农业农村主管部门处理（《植物新品种保护条例》）。"),
    ("passing-off", 90, "其他假冒、仿冒", {"matters": ["passing_off"]}, "market_regulation", "enforcement", "",
     "假冒、仿冒行为由行为地区县市场监管部门查处（《市场监督管理行政处罚程序规定》第18条）。"),
]

CRITERIA = {"complex_value_from": "100000", "complex_rights_from": 3, "complex_respondents_from": 3,
            "foreign_is_complex": True}
CRITERIA_WHY = ("初始繁简分流标准（平台默认 [M]：涉案金额10万元以上、涉及3项以上权利或3个以上被投诉人、"
                "涉外的为复杂案件；由主管部门确认）")


def load(TriageRule, TriageRuleVersion, TrackCriteria) -> None:
    """Create the starting rules and criteria unless rules exist already (models may be historical)."""
    if TriageRule.objects.exists() or TrackCriteria.objects.exists():
        return
    for code, priority, name, conditions, kind, procedure, track, reasons in RULES:
        rule = TriageRule.objects.create(code=code)
        TriageRuleVersion.objects.create(
            rule=rule, number=1, effective_from=EFFECTIVE, priority=priority, name=name, body_kind=kind,
            procedure=procedure, track=track, reasons=reasons, why=WHY, **conditions)
    TrackCriteria.objects.create(number=1, effective_from=EFFECTIVE, why=CRITERIA_WHY, **CRITERIA)
