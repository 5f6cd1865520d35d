"""The columns an import file may have, per record type, and how a cell becomes a value.

Headers are matched in Chinese or English (统一社会信用代码 or uscc), ignoring spaces,
case, full-width brackets and a trailing * (the templates mark required columns so).
Cell parsers raise ValidationError with a message for the user; everything else about a
record (lengths, plain text, codes, date order) is the model's full_clean, as for forms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhibao.registry import codes
from zhibao.registry.choices import EntityKind, EntityStatus, GIRegime, Industry, RightKind, RightStatus

ENTITIES = "entities"
RIGHTS = "rights"
RECORD_TYPES = {
    ENTITIES: gettext_lazy("Market entities"),
    RIGHTS: gettext_lazy("IP rights (holders by USCC)"),
}


@dataclass(frozen=True)
class Column:
    key: str  # the English header, also the internal name
    zh: str  # the Chinese header
    label: object  # the column's name in messages (translatable)
    parser: str  # name of a parser in PARSERS (or "choice")
    field: str | None = None  # the model field it sets (attname for foreign keys)
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: type | None = None  # a TextChoices for parser "choice"
    synonyms: dict = dc_field(default_factory=dict)  # extra accepted words for a choice -> value
    example: object = ""
    help: object = ""

    def header(self, language: str | None = None) -> str:
        """The header the templates use: Chinese or English, * marking required columns."""
        lang = language or translation.get_language() or "zh-hans"
        text = self.zh if lang.startswith("zh") else self.key
        return text + ("*" if self.required else "")


def normalize_header(text) -> str:
    value = str(text if text is not None else "").replace("\ufeff", "").strip()
    value = value.translate(_FULLWIDTH).rstrip("*").strip()
    return re.sub(r"[\s_\-]+", "", value).lower()


_FULLWIDTH = str.maketrans({"（": "(", "）": ")", "＊": "*", "　": " "})


ENTITY_COLUMNS: tuple[Column, ...] = (
    Column("uscc", "统一社会信用代码", gettext_lazy("unified social credit code"), "uscc", "uscc", required=True,
           aliases=("信用代码", "社会信用代码", "unified social credit code", "credit code"),
           help=gettext_lazy("18 characters, checked (GB 32100).")),
    Column("name", "名称", gettext_lazy("name"), "text", "name", required=True,
           aliases=("企业名称", "主体名称", "单位名称", "市场主体名称"), example="西安秦川智能装备有限公司"),
    Column("district", "所在区县", gettext_lazy("district"), "district", "district_id", required=True,
           aliases=("区县", "所属区县", "行政区划", "区县代码", "行政区划代码"),
           example="雁塔区", help=gettext_lazy("Name (雁塔区) or division code (610113).")),
    Column("kind", "类型", gettext_lazy("kind"), "choice", "kind", choices=EntityKind,
           aliases=("主体类型", "企业类型", "市场主体类型"),
           synonyms={"企业": "company", "有限责任公司": "company", "股份有限公司": "company", "个体户": "individual",
                     "个体": "individual", "合作社": "cooperative", "高校": "university", "科研院所": "university"},
           example="公司"),
    Column("status", "登记状态", gettext_lazy("status"), "choice", "status", choices=EntityStatus,
           aliases=("状态", "经营状态"), synonyms={"在业": "active", "开业": "active", "存续（在营、开业、在册）": "active"},
           example="存续"),
    Column("legal_representative", "法定代表人", gettext_lazy("legal representative"), "text", "legal_representative",
           aliases=("法人", "法人代表", "负责人", "经营者"), example="张三"),
    Column("address", "地址", gettext_lazy("address"), "text", "address",
           aliases=("住所", "注册地址", "经营场所", "住所地址"), example="西安市雁塔区科技路48号"),
    Column("industry", "行业", gettext_lazy("industry"), "industry", "industry",
           aliases=("行业门类", "所属行业", "国民经济行业"), example="C",
           help=gettext_lazy("GB/T 4754 section letter (C) or its name (制造业).")),
    Column("established", "成立日期", gettext_lazy("date established"), "date", "established",
           aliases=("注册日期", "成立时间"), example="2012-05-08"),
    Column("registered_capital", "注册资本（万元）", gettext_lazy("registered capital (10,000 yuan)"), "decimal",
           "registered_capital", aliases=("注册资本",), example="500"),
    Column("phone", "电话", gettext_lazy("phone"), "text", "phone", aliases=("联系电话", "电话号码"),
           example="029-88886666"),
    Column("zone", "开发区", gettext_lazy("development zone"), "zone", "zone_id",
           aliases=("所在开发区", "园区", "development zone"), example=""),
    Column("supervising_body", "监管机构", gettext_lazy("supervising body"), "organization", "org_id",
           aliases=("监管单位", "主管机构"), example="",
           help=gettext_lazy("Name of an organization in the registry; if absent, your own organization.")),
)

RIGHT_COLUMNS: tuple[Column, ...] = (
    Column("kind", "类型", gettext_lazy("kind"), "choice", "kind", required=True, choices=RightKind,
           aliases=("权利类型", "知识产权类型"),
           synonyms={"发明": "invention", "实用新型": "utility", "外观设计": "design", "外观": "design",
                     "版权": "copyright", "作品著作权": "copyright", "软件著作权": "copyright",
                     "地理标志产品": "gi", "植物品种": "plant_variety", "品种权": "plant_variety",
                     "patent": "invention"},
           example="发明专利"),
    Column("number", "号码", gettext_lazy("number"), "text", "number", required=True,
           aliases=("专利号", "注册号", "登记号", "申请号", "编号", "品种权号"), example="ZL201810123456.7"),
    Column("title", "名称", gettext_lazy("title"), "text", "title", required=True,
           aliases=("专利名称", "商标名称", "作品名称", "产品名称", "品种名称", "商标"), example="一种数控机床主轴冷却装置"),
    Column("holder_uscc", "权利人统一社会信用代码", gettext_lazy("holders' unified social credit codes"), "holders",
           None, required=True, aliases=("权利人信用代码", "权利人代码", "holder", "holders", "holder uscc"),
           help=gettext_lazy("One or more codes of market entities already in the registry, separated by ;")),
    Column("status", "法律状态", gettext_lazy("status"), "choice", "status", choices=RightStatus,
           aliases=("状态", "权利状态"), synonyms={"授权": "valid", "有效期内": "valid", "无效": "invalidated",
                                               "失效": "expired", "已过期": "expired", "在审": "pending",
                                               "申请中": "pending"},
           example="有效"),
    Column("application_date", "申请日", gettext_lazy("application date"), "date", "application_date",
           aliases=("申请日期",), example="2018-02-01"),
    Column("grant_date", "授权日", gettext_lazy("grant or registration date"), "date", "grant_date",
           aliases=("授权日期", "注册日", "注册日期", "授权公告日", "登记日期"), example="2020-06-09"),
    Column("expiry_date", "届满日", gettext_lazy("expiry date"), "date", "expiry_date",
           aliases=("到期日", "有效期至", "期限届满日"), example="2038-02-01"),
    Column("ipc_classes", "IPC分类", gettext_lazy("IPC classes"), "text", "ipc_classes",
           aliases=("ipc", "分类号", "国际专利分类"), example="B23Q 11/12"),
    Column("nice_classes", "尼斯分类", gettext_lazy("Nice classes"), "text", "nice_classes",
           aliases=("商标类别", "国际分类", "类别", "nice"), example=""),
    Column("gi_regime", "地理标志类型", gettext_lazy("GI regime"), "choice", "gi_regime", choices=GIRegime,
           aliases=("保护类型",), synonyms={"证明商标": "trademark", "集体商标": "trademark",
                                         "农产品地理标志": "agricultural", "地理标志保护产品": "product"}),
    Column("protected_area", "保护范围", gettext_lazy("protected area"), "text", "protected_area",
           aliases=("地域范围", "产地范围")),
    Column("description", "简介", gettext_lazy("description"), "text", "description", aliases=("描述", "说明", "摘要")),
    Column("district", "所在区县", gettext_lazy("district"), "district", "district_id",
           aliases=("区县", "所属区县", "行政区划", "区县代码"),
           help=gettext_lazy("If absent, the district of the first holder.")),
    Column("supervising_body", "监管机构", gettext_lazy("supervising body"), "organization", "org_id",
           aliases=("监管单位", "主管机构"),
           help=gettext_lazy("Name of an organization in the registry; if absent, your own organization.")),
)

COLUMNS = {ENTITIES: ENTITY_COLUMNS, RIGHTS: RIGHT_COLUMNS}


def header_index(record_type: str) -> dict[str, Column]:
    """Every accepted spelling of a header (normalized) -> its column."""
    index = {}
    for col in COLUMNS[record_type]:
        for name in (col.key, col.key.replace("_", " "), col.zh, *col.aliases):
            index.setdefault(normalize_header(name), col)
    return index


# -- cell values ----------------------------------------------------------------------------

_WS = " \t\r\n\u3000\u00a0\ufeff"


def cell_text(value) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, surrounding blanks removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if not (value.hour or value.minute or value.second) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip(_WS)


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)


def compact_uscc(value) -> str:
    """The code without spaces and dashes, upper case (as stdnum compacts it); not yet checked.

    The check itself is the model's (full_clean -> registry.validation.clean_entity), run once per
    record; a code compacted here finds the stored record it denotes, if any."""
    text = cell_text(value)
    if _SCIENTIFIC.match(text):
        raise ValidationError(_("Excel has turned this code into a number (%(value)s). Format the column as text "
                                "and enter the codes again.") % {"value": text})
    return _SEPARATORS.sub("", text).upper()


_SEPARATORS = re.compile(r"[\s\-]+")


def parse_uscc(value) -> str:
    """A checked code (GB 32100 check character), or ValidationError saying what is wrong."""
    return codes.clean_uscc(compact_uscc(value))


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_TIME_SUFFIX = re.compile(r"[ T]0{1,2}:00(:00(\.0+)?)?$")


def parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _TIME_SUFFIX.sub("", cell_text(value)).strip()
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                raise ValidationError(_("“%(value)s” is not a real date.") % {"value": text}) from None
    raise ValidationError(_("“%(value)s” is not a date; write it as 2024-01-31, 2024/1/31 or 2024年1月31日.")
                          % {"value": text[:40]})


def parse_decimal(value) -> Decimal | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = cell_text(value).replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": text[:40]}) from None
    if not number.is_finite():
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": text[:40]})
    return number


def split_codes(value) -> list[str]:
    return [part for part in re.split(r"[;；,，、\s]+", cell_text(value)) if part]


class ChoiceLookup:
    """Accept a choice by its stored value, its Chinese or English label, or a listed synonym."""

    def __init__(self, choices, synonyms=None):
        self.choices = choices
        self.index: dict[str, str] = {}
        for value, label in choices.choices:
            self.index[value.lower()] = value
            for lang in ("zh-hans", "en"):
                with translation.override(lang):
                    self.index.setdefault(str(label).strip().lower(), value)
        for word, value in (synonyms or {}).items():
            self.index.setdefault(word.lower(), value)

    def __call__(self, value) -> str:
        text = cell_text(value)
        if not text:
            return ""
        found = self.index.get(text.lower())
        if found is None:
            raise ValidationError(_("“%(value)s” is not one of: %(choices)s.") % {
                "value": text[:40], "choices": "、".join(str(label) for _v, label in self.choices.choices)})
        return found


def industry_lookup() -> ChoiceLookup:
    return ChoiceLookup(Industry)
