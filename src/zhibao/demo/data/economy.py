"""How generated market entities spread over Xi'an: share per district, industry mix per
district, kinds of entity. These are demo assumptions shaped after the city's economy
(high-tech in 雁塔/高新, manufacturing in 未央/经开 and 长安/航天, aviation in 阎良, fruit
growing in 周至, 鄠邑 and 临潼), not statistics.
"""

# Share of the city's market entities per district.
ENTITY_SHARES: dict[str, float] = {
    "610102": 0.060, "610103": 0.070, "610104": 0.085, "610111": 0.075, "610112": 0.150, "610113": 0.230,
    "610114": 0.025, "610115": 0.040, "610116": 0.105, "610117": 0.030, "610118": 0.045, "610122": 0.030,
    "610124": 0.055,
}

_URBAN = {"F": 30, "H": 12, "L": 12, "I": 8, "M": 6, "C": 6, "O": 8, "E": 5, "R": 4, "G": 3, "K": 2, "P": 2,
          "Q": 1, "N": 0.5, "J": 0.5}
_TECH = {"I": 20, "M": 14, "C": 10, "F": 22, "L": 12, "H": 8, "R": 5, "O": 3, "E": 2, "P": 2, "Q": 1, "K": 1}
_INDUSTRIAL = {"C": 20, "F": 25, "G": 8, "E": 7, "H": 10, "L": 8, "I": 5, "M": 5, "O": 6, "D": 1, "N": 1,
               "K": 2, "R": 2}
_RURAL = {"A": 25, "F": 28, "H": 12, "C": 8, "O": 8, "E": 5, "G": 4, "L": 4, "R": 2, "M": 1, "N": 1, "B": 0.5}

# Industry weights (GB/T 4754 sections) per district.
INDUSTRY_WEIGHTS: dict[str, dict[str, float]] = {
    "610102": _URBAN, "610103": {**_URBAN, "M": 9, "P": 4}, "610104": _URBAN,
    "610111": {**_URBAN, "G": 8, "R": 6}, "610112": _INDUSTRIAL, "610113": _TECH,
    "610114": {**_INDUSTRIAL, "C": 25, "A": 6}, "610115": {**_RURAL, "R": 5, "H": 16},
    "610116": {**_INDUSTRIAL, "I": 8, "M": 8, "A": 4, "P": 4}, "610117": {**_INDUSTRIAL, "A": 8},
    "610118": _RURAL, "610122": {**_RURAL, "B": 1}, "610124": {**_RURAL, "A": 35},
}

# Kind of entity: company, individual business (个体工商户), farmers' cooperative.
KIND_WEIGHTS_URBAN: dict[str, float] = {"company": 0.58, "individual": 0.415, "cooperative": 0.005}
KIND_WEIGHTS_RURAL: dict[str, float] = {"company": 0.38, "individual": 0.52, "cooperative": 0.10}
RURAL_DISTRICTS = frozenset({"610114", "610115", "610117", "610118", "610122", "610124"})
# Individual businesses and companies in these industries.
SHOP_INDUSTRIES = ("H", "F", "O", "L", "A", "C", "R")

# Universities and research institutes that hold many of the city's invention patents.
# Names and campuses are public; the demo's codes and rights for them are generated.
UNIVERSITIES: tuple[tuple[str, str, str], ...] = (
    ("西安交通大学", "610103", "西安市碑林区咸宁西路28号"),
    ("西北工业大学", "610103", "西安市碑林区友谊西路127号"),
    ("西安电子科技大学", "610113", "西安市雁塔区太白南路2号"),
    ("西北大学", "610103", "西安市碑林区太白北路229号"),
    ("长安大学", "610113", "西安市雁塔区南二环路中段"),
    ("陕西师范大学", "610113", "西安市雁塔区长安南路199号"),
    ("西安理工大学", "610103", "西安市碑林区金花南路5号"),
    ("西安建筑科技大学", "610103", "西安市碑林区雁塔路13号"),
    ("西安科技大学", "610113", "西安市雁塔区雁塔中路58号"),
    ("西安石油大学", "610113", "西安市雁塔区电子二路"),
    ("西安工业大学", "610112", "西安市未央区学府中路2号"),
    ("西安邮电大学", "610116", "西安市长安区西长安街"),
    ("西安工程大学", "610103", "西安市碑林区金花南路19号"),
)

# The well-known demo enterprise: the enterprise demo account acts for it. Fictitious.
DEMO_ENTERPRISE = dict(
    name="西安秦川智能装备有限公司", district="610113", zone="西安高新技术产业开发区", industry="C",
    address="西安市雁塔区科技路48号", established=(2012, 5, 8), capital="5000.00",
    legal_representative="王建国", phone="029-88326150", trade_name="秦川",
    # (kind, year, serial, title, ipc or nice classes); numbers are built with their check digit.
    rights=(
        ("invention", 2018, 123456, "一种数控机床主轴冷却装置", "B23Q 11/12"),
        ("invention", 2020, 512334, "一种五轴加工中心几何误差辨识方法", "B23Q 17/09;G05B 19/418"),
        ("invention", 2021, 1088412, "一种工业机器人末端夹持装置及其控制方法", "B25J 15/08;B25J 9/16"),
        ("utility", 2022, 2290176, "一种刀库换刀机构", "B23Q 3/155"),
        ("utility", 2023, 2865023, "一种机床防护罩伸缩结构", "B23Q 11/08"),
        ("design", 2023, 3301877, "机床防护罩", "15-99"),
        ("trademark", 2014, 15372214, "秦川智造", "7"),
        ("trademark", 2014, 15372215, "秦川智造", "42"),
        ("trademark", 2019, 38811902, "QINCHUAN", "7"),
    ),
)
