"""The public bodies of Xi'an's IP protection system, under their public names.

Names follow the bodies' usual public titles (plan-zh.md names several of them; the others
from general knowledge [M]: notary offices other than 汉唐, district police branches and
courts are named by the standard pattern). Workstation names are plausible, not a list of
real workstations. No addresses or codes are given for real bodies: the demo does not
invent contact details for them.
"""
from .divisions import CLUSTER_CITIES, XIAN_DISTRICTS

CITY_IP_ADMIN = "西安市市场监督管理局（西安市知识产权局）"
CITY_CENTRE = "西安市知识产权保护中心"
PROVINCE_CENTRE = "陕西省知识产权保护中心"
CITY_POLICE = "西安市公安局"
CITY_PROCURATORATE = "西安市人民检察院"
CITY_COURT = "西安市中级人民法院"
CITY_MEDIATION = "西安市知识产权纠纷人民调解委员会"

_DISTRICT_NAMES = {code: name for code, name, _level in XIAN_DISTRICTS}


def district_bureau(code: str) -> str:
    """The market regulation bureau of a district or county: 西安市雁塔区市场监督管理局, 周至县市场监督管理局."""
    name = _DISTRICT_NAMES[code]
    return f"{name}市场监督管理局" if name.endswith("县") else f"西安市{name}市场监督管理局"


def _district_body(code: str, suffix: str) -> str:
    name = _DISTRICT_NAMES[code]
    return f"{name}{suffix}" if name.endswith("县") else f"西安市{name}{suffix}"


def _police_branch(code: str) -> str:
    name = _DISTRICT_NAMES[code]
    return f"{name}公安局" if name.endswith("县") else f"西安市公安局{name[:-1]}分局"


def organizations() -> list[tuple[str, str, str, str | None, str | None]]:
    """(name, short name, kind, district code, parent name), parents before children."""
    rows: list[tuple[str, str, str, str | None, str | None]] = [
        ("陕西省知识产权局", "省知识产权局", "ip_admin", None, None),
        (CITY_IP_ADMIN, "市市场监管局", "ip_admin", "610100", None),
        ("西安市市场监管综合执法支队", "综合执法支队", "enforcement", "610100", CITY_IP_ADMIN),
        (PROVINCE_CENTRE, "省保护中心", "protection_centre", "610100", "陕西省知识产权局"),
        (CITY_CENTRE, "市保护中心", "protection_centre", "610100", CITY_IP_ADMIN),
        ("西安市版权局", "市版权局", "copyright", "610100", None),
        ("西安市农业农村局", "市农业农村局", "agriculture", "610100", None),
        ("西安海关", "西安海关", "customs", "610100", None),
        (CITY_POLICE, "市公安局", "police", "610100", None),
        (CITY_PROCURATORATE, "市检察院", "procuratorate", "610100", None),
        ("秦创原知识产权检察保护中心", "秦创原检察保护中心", "procuratorate", "610100", CITY_PROCURATORATE),
        (CITY_COURT, "西安中院", "court", "610100", None),
        ("西安知识产权法庭", "知识产权法庭", "court", "610100", CITY_COURT),
        ("西安铁路运输法院", "铁路运输法院", "court", "610100", None),
        (CITY_MEDIATION, "市知识产权调委会", "mediation", "610100", CITY_IP_ADMIN),
        ("西安仲裁委员会", "西安仲裁委", "arbitration", "610100", None),
        ("西安市汉唐公证处", "汉唐公证处", "notary", "610100", None),
        ("西安市长安公证处", "长安公证处", "notary", "610100", None),
        ("西安市大秦公证处", "大秦公证处", "notary", "610100", None),
    ]
    for code, name, _level in XIAN_DISTRICTS:
        short = name if name.endswith("县") else name[:-1]
        rows.append((district_bureau(code), f"{short}市场监管局", "market_regulation", code, CITY_IP_ADMIN))
        rows.append((_police_branch(code), f"{short}公安", "police", code, CITY_POLICE))
        rows.append((_district_body(code, "人民检察院"), f"{short}检察院", "procuratorate", code,
                     CITY_PROCURATORATE))
        rows.append((_district_body(code, "人民法院"), f"{short}法院", "court", code, CITY_COURT))
    rows.append(("西安市公安局高新分局", "高新公安", "police", "610113", CITY_POLICE))
    for code, name in CLUSTER_CITIES:
        rows.append((f"{name}市场监督管理局", f"{name[:-1] if name.endswith('市') else name}市场监管局",
                     "market_regulation", code, None))
    rows.extend(workstations())
    return rows


# Workstations: (name, district code, parent). Rights-protection assistance stations hang off
# the city centre, police IP protection stations off the city police, foreign-related ones
# off the city IP administration (plan-zh.md measures 14 and 15).
_ASSISTANCE_ZONES = (
    ("西安高新区知识产权维权援助工作站", "610113"),
    ("西安经开区知识产权维权援助工作站", "610112"),
    ("曲江新区知识产权维权援助工作站", "610113"),
    ("浐灞生态区知识产权维权援助工作站", "610111"),
    ("西安国际港务区知识产权维权援助工作站", "610111"),
    ("航天基地知识产权维权援助工作站", "610116"),
    ("航空基地知识产权维权援助工作站", "610114"),
    ("西咸新区知识产权维权援助工作站", "610112"),
)
_ASSISTANCE_SECTORS = (
    ("康复路市场知识产权维权援助工作站", "610102"),
    ("西安软件园知识产权维权援助工作站", "610113"),
    ("西安电子商务产业园知识产权维权援助工作站", "610112"),
    ("西安丝路国际展览中心知识产权保护工作站", "610111"),
    ("周至猕猴桃产业知识产权维权援助工作站", "610124"),
    ("临潼石榴产业知识产权维权援助工作站", "610115"),
    ("鄠邑葡萄产业知识产权维权援助工作站", "610118"),
    ("阎良甜瓜产业知识产权维权援助工作站", "610114"),
    ("西安市文化创意产业知识产权维权援助工作站", "610113"),
    ("西安市装备制造业知识产权维权援助工作站", "610112"),
    ("西安市生物医药产业知识产权维权援助工作站", "610113"),
    ("西安市新能源产业知识产权维权援助工作站", "610116"),
)
_POLICE_STATIONS = (
    ("西安高新区公安知识产权保护工作站", "610113"),
    ("西安经开区公安知识产权保护工作站", "610112"),
    ("航天基地公安知识产权保护工作站", "610116"),
    ("航空基地公安知识产权保护工作站", "610114"),
    ("浐灞生态区公安知识产权保护工作站", "610111"),
    ("曲江新区公安知识产权保护工作站", "610113"),
)
_FOREIGN_STATIONS = (
    ("西安国际港务区涉外知识产权保护工作站", "610111"),
    ("西安高新区涉外知识产权保护工作站", "610113"),
    ("西安经开区涉外知识产权保护工作站", "610112"),
)


def workstations() -> list[tuple[str, str, str, str | None, str | None]]:
    rows = []
    for name, code in _ASSISTANCE_ZONES + _ASSISTANCE_SECTORS:
        rows.append((name, "", "workstation", code, CITY_CENTRE))
    for code, district, _level in XIAN_DISTRICTS:
        rows.append((f"{district}知识产权维权援助工作站", "", "workstation", code, CITY_CENTRE))
    for name, code in _POLICE_STATIONS:
        rows.append((name, "", "workstation", code, CITY_POLICE))
    for name, code in _FOREIGN_STATIONS:
        rows.append((name, "", "workstation", code, CITY_IP_ADMIN))
    return rows
