"""Build the Word templates of the procedures' standard documents (src/zhibao/cases/docx/*.docx).

    .venv/bin/python scripts/make_docx_templates.py

Our own layouts in the formal style of Chinese administrative documents (GB/T 9704: A4,
title in a song-style face, body in 仿宋 三号, the number right-aligned under the title,
the issuing body, date and seal at the end), written with python-docx. The placeholders are
Jinja for docxtpl; `zhibao.cases.documents.context` says what each one holds. Run this again
after changing a layout and commit both this script and the .docx files: the output is
deterministic (fixed core properties), so an unchanged layout gives an unchanged file.
"""
from __future__ import annotations

import datetime
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "src" / "zhibao" / "cases" / "docx"
TITLE_FONT, BODY_FONT, BOLD_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"
BODY = 16      # 三号
TITLE = 22     # 二号
FIXED = datetime.datetime(2026, 1, 1)


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


class Doc:
    """A document being laid out: each method adds one kind of paragraph."""

    def __init__(self):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        props = self.doc.core_properties
        props.author = props.last_modified_by = "Zhibao"
        props.created = props.modified = FIXED
        props.revision = 1

    def _p(self, text: str, *, font=BODY_FONT, size=BODY, bold=False, align=None, indent=True, space=0):
        p = self.doc.add_paragraph()
        p.paragraph_format.line_spacing = Pt(28)
        p.paragraph_format.space_after = Pt(space)
        if align is not None:
            p.alignment = align
        elif indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if text:
            _font(p.add_run(text), font, size, bold)
        return p

    def heading(self, title: str) -> None:
        self._p("{{ org }}", font=TITLE_FONT, size=TITLE, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._p(title, font=TITLE_FONT, size=TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, space=6)
        self._p("{{ number }}", align=WD_ALIGN_PARAGRAPH.RIGHT, space=12)

    def para(self, text: str, **kw) -> None:
        self._p(text, **kw)

    def control(self, tag: str) -> None:
        """A paragraph that holds only a docxtpl block tag ({%p if … %}, {%p for … %})."""
        self._p(tag, indent=False)

    def parties(self, roles: str = "") -> None:
        """One paragraph per party: role, name, code, address (`roles` filters, e.g. 'respondent')."""
        var = f"parties_by_role.{roles}" if roles else "parties"
        self.control(f"{{%p for party in {var} %}}")
        self.para("{{ party.role }}：{{ party.name }}{% if party.code %}，统一社会信用代码：{{ party.code }}"
                  "{% endif %}{% if party.address %}，住所：{{ party.address }}{% endif %}。", indent=False)
        self.control("{%p endfor %}")

    def deadline(self, key: str, text: str) -> None:
        """A sentence about deadline `key`; the date carries （暂定） when it is provisional."""
        self.control(f"{{%p if deadlines.{key} %}}")
        self.para(text)
        self.control("{%p endif %}")

    def seal(self) -> None:
        self._p("", indent=False, space=24)
        self._p("{{ org }}（印章）", align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._p("{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, space=12)

    def footer(self) -> None:
        self.control("{%p if provisional %}")
        self._p("注：标有“（暂定）”的日期涉及尚未公布节假日安排的年度（{{ provisional_years }}年），"
                "待国务院办公厅公布后以重新计算的日期为准。", size=12, indent=False)
        self.control("{%p endif %}")
        self._p("本文书一式{{ copies }}份，{{ copies_note }}。", size=12, indent=False)

    def table(self, rows: list[tuple[str, str]]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Cm(3.6), Cm(12)
            _font(cells[0].paragraphs[0].add_run(label), BOLD_FONT, 14)
            cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cells[1].paragraphs[0].add_run(value), BODY_FONT, 14)

    def save(self, name: str) -> Path:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}.docx"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        _with_fixed_times(buffer, path)
        return path


def _with_fixed_times(buffer: io.BytesIO, path: Path) -> None:
    """Write the package with fixed member times, so the same layout gives the same bytes."""
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(zipfile.ZipInfo(item.filename, date_time=FIXED.timetuple()[:6]), src.read(item.filename),
                         compress_type=zipfile.ZIP_DEFLATED)


def filing_approval() -> Doc:
    d = Doc()
    d.heading("立案审批表")
    d.table([
        ("案件名称", "{{ case_title }}"),
        ("案件来源", "{{ source }}"),
        ("受理日期", "{{ received_on }}"),
        ("当事人", "{{ parties_text }}"),
        ("涉案权利", "{{ rights_text }}"),
        ("涉案产品", "{{ products_text }}"),
        ("涉案场所", "{{ places_text }}"),
        ("案情摘要", "{{ summary }}"),
        ("期限", "立案核查期限至{{ deadlines.filing_check }}；如于{{ date }}立案，办案期限至{{ deadlines.decision }}。"),
        ("承办人意见", "经核查，有证据初步证明当事人涉嫌违法，依法应当给予行政处罚，属本机关管辖，且在追责时效内，"
                   "建议立案调查。\n承办人：{{ officers_text }}        {{ date }}"),
        ("审批意见", "\n\n负责人签字：                    年    月    日"),
    ])
    d.footer()
    return d


def advance_notice() -> Doc:
    d = Doc()
    d.heading("行政处罚告知书")
    d.parties("respondent")
    d.para("经查，你（单位）{{ case_title }}一案，{{ summary }}")
    d.para("涉案权利：{{ rights_text }}。涉案产品：{{ products_text }}。")
    d.para("你（单位）的上述行为违反了{{ basis }}的规定。依据《中华人民共和国行政处罚法》第四十四条、第六十三条、"
           "第六十四条的规定，本机关拟对你（单位）作出行政处罚，现将拟作出行政处罚的事实、理由、依据及处罚内容告知如下："
           "{{ proposal }}")
    d.deadline("statements", "你（单位）有权进行陈述和申辩，并有权要求举行听证。请于收到本告知书之日起五个工作日内"
                             "向本机关提出；如本告知书于{{ date }}送达，期限至{{ deadlines.statements }}止。"
                             "逾期视为放弃上述权利。")
    d.para("联系人：{{ officers_text }}    联系地址：{{ org_address }}")
    d.seal()
    d.footer()
    return d


def penalty_decision() -> Doc:
    d = Doc()
    d.heading("行政处罚决定书")
    d.parties("respondent")
    d.para("本机关于{{ filed_on }}对你（单位）{{ case_title }}一案立案调查。现已调查终结。")
    d.para("经查：{{ summary }}涉案权利：{{ rights_text }}。涉案产品：{{ products_text }}。")
    d.para("以上事实，有现场检查笔录、询问笔录、证据材料等证据为证。")
    d.para("本机关认为，你（单位）的上述行为违反了{{ basis }}的规定。依据《中华人民共和国行政处罚法》"
           "及相关法律法规的规定，决定：{{ proposal }}")
    d.deadline("payment", "罚款应当自收到本决定书之日起十五日内缴纳；如本决定书于{{ date }}送达，"
                          "缴纳期限至{{ deadlines.payment }}止。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。")
    d.para("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。"
           "复议或者诉讼期间，本决定不停止执行。")
    d.seal()
    d.footer()
    return d


def acceptance_notice() -> Doc:
    d = Doc()
    d.heading("专利侵权纠纷案件受理通知书")
    d.parties("requester")
    d.para("你（单位）于{{ received_on }}提交的请求处理专利侵权纠纷的请求书及有关材料已收到。经审查，"
           "该请求符合《专利纠纷行政裁决和调解办法》规定的受理条件，本机关决定予以受理。")
    d.para("案件名称：{{ case_title }}。被请求人：{{ names.respondent }}。涉案专利：{{ rights_text }}。")
    d.deadline("service", "本机关将于立案之日起五个工作日内（至{{ deadlines.service }}）将请求书副本送达被请求人。")
    d.deadline("decision", "本案依法应自立案之日起三个月内审结；以{{ date }}立案计，结案期限至{{ deadlines.decision }}"
                           "（中止、公告、检测、鉴定等期间不计入）。")
    d.para("案件承办人：{{ officers_text }}。")
    d.seal()
    d.footer()
    return d


def defence_notice() -> Doc:
    d = Doc()
    d.heading("答辩通知书")
    d.parties("respondent")
    d.para("请求人{{ names.requester }}就{{ case_title }}一案向本机关提出处理专利侵权纠纷的请求，"
           "本机关已于{{ filed_on }}立案（案号：{{ case_number }}）。现将请求书副本及有关证据材料送达你（单位）。")
    d.para("涉案专利：{{ rights_text }}。")
    d.deadline("defence", "请你（单位）自收到本通知书之日起{{ defence_period }}内提交答辩书及有关证据一式两份；"
                          "如本通知书于{{ date }}送达，答辩期限至{{ deadlines.defence }}止。"
                          "期满不答辩的，不影响本案的审理。")
    d.seal()
    d.footer()
    return d


def hearing_notice() -> Doc:
    d = Doc()
    d.heading("{{ hearing_title }}")
    d.parties()
    d.para("{{ case_title }}一案（案号：{{ case_number }}），本机关定于{{ hearing_date }}在{{ hearing_place }}"
           "进行{{ hearing_name }}。请准时参加。")
    d.para("当事人可以委托一至二名代理人参加，代理人应当提交授权委托书。无正当理由拒不参加或者未经许可中途退出的，"
           "请求人按撤回请求处理，被请求人可以缺席处理。")
    d.deadline("notice", "本通知书至迟应于{{ deadlines.notice }}前送达当事人。")
    d.para("联系人：{{ officers_text }}")
    d.seal()
    d.footer()
    return d


def adjudication_decision() -> Doc:
    d = Doc()
    d.heading("专利侵权纠纷处理决定书")
    d.parties()
    d.para("请求人{{ names.requester }}与被请求人{{ names.respondent }}{{ case_title }}一案，本机关于{{ filed_on }}"
           "立案受理，依法组成合议组进行了审理。本案现已审理终结。")
    d.para("涉案专利：{{ rights_text }}。涉案产品：{{ products_text }}。")
    d.para("经审理查明：{{ summary }}")
    d.para("本机关认为：依据《中华人民共和国专利法》第六十五条及《专利纠纷行政裁决和调解办法》的规定，决定如下："
           "{{ proposal }}")
    d.deadline("litigation", "当事人不服本决定的，可以自收到本决定书之日起十五日内依照《中华人民共和国行政诉讼法》"
                             "向人民法院起诉；如本决定书于{{ date }}送达，期限至{{ deadlines.litigation }}止。"
                             "期满不起诉又不履行的，本机关可以申请人民法院强制执行。")
    d.seal()
    d.footer()
    return d


def mediation_agreement() -> Doc:
    d = Doc()
    d.heading("调解协议书")
    d.parties()
    d.para("纠纷事项：{{ case_title }}。{{ summary }}")
    d.para("经{{ org }}主持调解，双方当事人在平等自愿的基础上达成如下协议：")
    d.para("一、{{ proposal }}")
    d.para("二、本协议自双方当事人签名（盖章）、调解员签名并加盖调解组织印章之日起生效。")
    d.deadline("confirmation", "三、双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认；"
                               "如本协议于{{ date }}生效，期限至{{ deadlines.confirmation }}止。")
    d.para("本协议一式三份，双方当事人各执一份，调解组织留存一份。")
    d.para("当事人（签名或盖章）：", indent=False)
    d.control("{%p for party in parties %}")
    d.para("{{ party.role }}：{{ party.name }}          年    月    日", indent=False)
    d.control("{%p endfor %}")
    d.para("调解员（签名）：{{ officers_text }}", indent=False)
    d.seal()
    d.footer()
    return d


def generic() -> Doc:
    """For every other document a procedure declares: the case's particulars and a body to fill."""
    d = Doc()
    d.heading("{{ title }}")
    d.parties()
    d.para("案件名称：{{ case_title }}（案号：{{ case_number }}）。")
    d.para("涉案权利：{{ rights_text }}。涉案产品：{{ products_text }}。")
    d.para("{{ summary }}")
    d.control("{%p for item in deadline_list %}")
    d.para("{{ item.label }}：{{ item.date }}")
    d.control("{%p endfor %}")
    d.seal()
    d.footer()
    return d


BUILDERS = {
    "filing_approval": filing_approval, "advance_notice": advance_notice, "penalty_decision": penalty_decision,
    "acceptance_notice": acceptance_notice, "defence_notice": defence_notice, "hearing_notice": hearing_notice,
    "adjudication_decision": adjudication_decision, "mediation_agreement": mediation_agreement,
    "generic": generic,
}


def main() -> int:
    for name, build in BUILDERS.items():
        print(build().save(name).relative_to(OUT.parent.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
