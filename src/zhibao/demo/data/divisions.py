"""Administrative divisions (GB/T 2260) and year-end resident population.

Sources: domain-rules fact sheet §9a (Xi'an's 11 districts and 2 counties, [V-sec] against
public code tables, cross-checked with python-stdnum's region table) and §9c (population).
"""

XIAN = ("610100", "西安市")

# (code, name, level) of Xi'an's districts and counties, parent 610100.
XIAN_DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("610102", "新城区", "district"),
    ("610103", "碑林区", "district"),
    ("610104", "莲湖区", "district"),
    ("610111", "灞桥区", "district"),
    ("610112", "未央区", "district"),
    ("610113", "雁塔区", "district"),
    ("610114", "阎良区", "district"),
    ("610115", "临潼区", "district"),
    ("610116", "长安区", "district"),
    ("610117", "高陵区", "district"),
    ("610118", "鄠邑区", "district"),
    ("610122", "蓝田县", "county"),
    ("610124", "周至县", "county"),
)

XIAN_DISTRICT_CODES = tuple(code for code, _name, _level in XIAN_DISTRICTS)
XIAN_DISTRICT_NAMES = {code: name for code, name, _level in XIAN_DISTRICTS}

# Earlier codes of the same places. ID numbers issued before a district was created carry
# the old code (python-stdnum checks the code against the year of birth).
# 610123 临潼县 → 610115 (1997); 610121 长安县 → 610116 (2002);
# 610126 高陵县 → 610117 (2014); 610125 户县 → 610118 (2016).
FORMER_CODES: dict[str, tuple[str, ...]] = {
    "610115": ("610123",),
    "610116": ("610121",),
    "610117": ("610126",),
    "610118": ("610125",),
}

# The other cities and areas of the Guanzhong Plain city cluster (关中平原城市群).
# 杨凌示范区 is filed under the code of 杨陵区 (610403), the district it covers.
CLUSTER_CITIES: tuple[tuple[str, str], ...] = (
    ("610200", "铜川市"),
    ("610300", "宝鸡市"),
    ("610400", "咸阳市"),
    ("610403", "杨凌示范区"),
    ("610500", "渭南市"),
    ("611000", "商洛市"),
    ("140800", "运城市"),
    ("141000", "临汾市"),
    ("620500", "天水市"),
    ("620800", "平凉市"),
    ("621000", "庆阳市"),
)

# Year-end resident population (常住人口) of Xi'an, with its source (indicators.md, §9c).
XIAN_POPULATION: tuple[tuple[int, int, str], ...] = (
    (2022, 12_995_900, "西安市2022年国民经济和社会发展统计公报：年末常住人口1299.59万人"),
    (2023, 13_078_200, "由2024年统计公报推算：1316.76万人减去比上年增加的8.94万人（与2023年公报相符，待核实）"),
    (2024, 13_167_600, "西安市2024年国民经济和社会发展统计公报（2025-04-15）：年末常住人口1316.76万人，比上年增加8.94万人"),
)

# Relative size of each district's resident population (roughly, in 10,000 people). Used only
# to split the 2024 city total into district records for the demo; NOT statistics.
DISTRICT_POPULATION_WEIGHTS: dict[str, float] = {
    "610102": 60.3, "610103": 75.6, "610104": 101.3, "610111": 93.0, "610112": 177.0,
    "610113": 218.0, "610114": 28.0, "610115": 68.0, "610116": 140.0, "610117": 45.0,
    "610118": 56.0, "610122": 51.0, "610124": 56.0,
}
DISTRICT_POPULATION_YEAR = 2024
DISTRICT_POPULATION_SOURCE = (
    "演示估算，非统计数据：按区县大致人口规模拆分2024年全市年末常住人口1316.76万人，合计与全市一致；"
    "请以各区县统计公报替换"
)


def split_population(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split `total` in proportion to `weights` so that the parts add up exactly
    (largest-remainder method)."""
    scale = total / sum(weights.values())
    raw = {code: w * scale for code, w in weights.items()}
    parts = {code: int(value) for code, value in raw.items()}
    short = total - sum(parts.values())
    for code in sorted(raw, key=lambda c: (raw[c] - parts[c], c), reverse=True)[:short]:
        parts[code] += 1
    return parts
