"""Geographical-indication products of Xi'an (domain-rules §9d; plan-zh.md measure 4 names
户县葡萄, 阎良甜瓜, 临潼石榴 and 周至猕猴桃).

Where the approval date or announcement is known from a source it is given; elsewhere the
number is a demo number and the description says so. Holders are demo associations.
"""
from datetime import date

# key, product, district, regime, approved (or None), announcement (or ""), holder association,
# crop (authorized users are cooperatives with it in their name, then companies of the
# district in the GB/T 4754 sections `trades`, default "A"; "" for none: the demo has no
# jade workshops to authorize for 蓝田玉), protected area, note
GI_PRODUCTS: tuple[dict, ...] = (
    dict(key="LTSL", title="临潼石榴", district="610115", regime="product", approved=date(2006, 4, 27),
         announcement="", holder="西安市临潼区石榴产业协会", crop="石榴",
         area="西安市临潼区现辖行政区域内的石榴产区",
         note="地理标志保护产品，2006-04-27批准（二手来源）；另据产品指南亦为地理标志证明商标、农产品地理标志。"),
    dict(key="HXPT", title="户县葡萄", district="610118", regime="product", approved=date(2012, 6, 21),
         announcement="国家质检总局公告2012年第91号", holder="西安市鄠邑区葡萄产业协会", crop="葡萄",
         area="西安市鄠邑区（原户县）现辖行政区域内的葡萄产区",
         note="地理标志保护产品，国家质检总局2012年第91号公告（2012-06-21，二手来源）；主栽品种户太8号。"),
    dict(key="ZZMHT", title="周至猕猴桃", district="610124", regime="product", approved=date(2007, 1, 1),
         announcement="", holder="周至县猕猴桃产业协会", crop="猕猴桃",
         area="西安市周至县现辖行政区域内的猕猴桃产区",
         note="地理标志产品保护，据报2007年（来源质量低，批准日期为演示取值）。"),
    dict(key="YLTG", title="阎良甜瓜", district="610114", regime="product", approved=None,
         announcement="", holder="西安市阎良区甜瓜产业协会", crop="甜瓜",
         area="西安市阎良区现辖行政区域内的甜瓜产区",
         note="地理标志保护产品（待核实），批准年份未核实。"),
    dict(key="LTHJSZ", title="临潼火晶柿子", district="610115", regime="product", approved=None,
         announcement="", holder="西安市临潼区柿子产业协会", crop="火晶柿子",
         area="西安市临潼区现辖行政区域内的柿子产区",
         note="列为地理标志保护产品（二手来源），批准日期未核实。"),
    dict(key="BQYT", title="灞桥樱桃", district="610111", regime="trademark", approved=None,
         announcement="", holder="西安市灞桥区樱桃协会", crop="樱桃",
         area="西安市灞桥区白鹿原一带樱桃产区",
         note="常被列为西安地理标志产品，类别与日期均未核实（演示数据）。"),
    dict(key="BLYPT", title="白鹿原葡萄", district="610111", regime="agricultural", approved=None,
         announcement="", holder="西安市灞桥区白鹿原葡萄协会", crop="葡萄",
         area="西安市灞桥区、蓝田县白鹿原一带葡萄产区",
         note="常被列为西安地理标志产品，类别与日期均未核实（演示数据）。"),
    dict(key="YLXZ", title="阎良相枣", district="610114", regime="agricultural", approved=None,
         announcement="", holder="西安市阎良区相枣协会", crop="相枣",
         area="西安市阎良区关山街道一带相枣产区",
         note="常被列为西安地理标志产品，类别与日期均未核实（演示数据）。"),
    dict(key="LTY", title="蓝田玉", district="610122", regime="product", approved=None,
         announcement="", holder="蓝田县玉器行业协会", crop="玉器", trades="",
         area="西安市蓝田县现辖行政区域",
         note="常被列为西安地理标志产品，类别与日期均未核实（演示数据）。"),
    dict(key="ZZSZY", title="周至山茱萸", district="610124", regime="agricultural", approved=None,
         announcement="", holder="周至县山茱萸产业协会", crop="山茱萸",
         area="西安市周至县秦岭北麓山茱萸产区",
         note="常被列为西安地理标志产品，类别与日期均未核实（演示数据）。"),
    dict(key="CACM", title="长安草莓", district="610116", regime="trademark", approved=None,
         announcement="", holder="西安市长安区草莓协会", crop="草莓",
         area="西安市长安区现辖行政区域内的草莓产区",
         note="常被列为西安地理标志产品，类别与日期均未核实（演示数据）。"),
)

# Authorized users per GI at each scale (drawn from cooperatives and companies of the district).
GI_USERS = {"small": 6, "city": 120}
