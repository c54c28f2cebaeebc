"""Builds the built-in Word template of the urging notice (templates_docx/van-ban-don-doc.docx).

The .docx is committed; this script is how it was made, so it can be regenerated after a change here:

    .venv/bin/python -m vic.notices.default_template

Layout of an official letter (công văn) by Decree 30/2020/NĐ-CP, Appendix I: A4; margins top and bottom
20 mm, left 30 mm, right 15 mm; Times New Roman; the issuing body top left and the national motto top right;
number and symbol, the abstract ("V/v …") under the number; place and date under the motto; "Kính gửi";
the body; "Nơi nhận" bottom left and the signer's block bottom right; page numbers from page 2.
Every Jinja tag sits in a run of its own, so Word and docxtpl read it whole.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

OUTPUT = Path(__file__).resolve().parent / "templates_docx" / "van-ban-don-doc.docx"
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
TEXT_WIDTH_MM = 210 - 30 - 15
# Column widths of the task table (mm), summing to the text width.
TASK_COLUMNS = [
    ("STT", 12),  # 10 mm wrapped "STT" at 13 pt
    ("Nội dung nhiệm vụ", 50),
    ("Văn bản giao", 33),
    ("Thời hạn", 24),
    ("Tình trạng", 28),
    ("Số ngày quá hạn", 18),
]
TASK_CELLS = [
    "{{ t.no }}",
    "{{ t.content }}",
    "{{ t.directive }}",
    "{{ t.deadline }}",
    "{{ t.status }}",
    "{{ t.days_overdue }}",
]
CENTERED_COLUMNS = {0, 3, 5}
# Word refuses a document whose properties are out of the schema's order: what follows w:pBdr in w:pPr.
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip

INTRO = (
    "Thực hiện Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ do Ủy ban nhân dân tỉnh, "
    "Chủ tịch Ủy ban nhân dân tỉnh giao (ban hành kèm theo Quyết định số 1261/QĐ-UBND ngày 28/08/2015 "
    "của Chủ tịch Ủy ban nhân dân tỉnh); qua theo dõi trên Hệ thống theo dõi nhiệm vụ, tính đến ngày "
)
CLOSING = "Để bảo đảm các nhiệm vụ được hoàn thành đúng thời hạn, Văn phòng Ủy ban nhân dân tỉnh đề nghị "
CLOSING_END = (
    " khẩn trương chỉ đạo thực hiện các nhiệm vụ nêu trên và cập nhật kết quả trên Hệ thống; đối với "
    "nhiệm vụ đã quá hạn, báo cáo rõ nguyên nhân chậm và đề xuất giải pháp, thời hạn hoàn thành (Điều 11 "
    "Quy chế), gửi về Văn phòng Ủy ban nhân dân tỉnh để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh./."
)


def _fonts(rpr) -> None:
    """Times New Roman for every script (Latin, East Asian, complex), not only the ASCII slot."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _styles(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is None:
            size = OxmlElement(tag)
            rpr.insert_element_before(size, "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:lang")
        size.set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        _fonts(style.element.get_or_add_rPr())
        if name != "Table Grid":
            style.font.size = Pt(BODY_PT)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(0)
    normal.line_spacing = 1.0


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Whole twips rounded up, so that no margin falls a hair short of the Decree's minimum.
    section.top_margin, section.bottom_margin = _at_least(20), _at_least(20)
    section.left_margin, section.right_margin = _at_least(30), _at_least(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # Decree 30: page numbers centred at the top, from the second page.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)


def _at_least(mm: float) -> Twips:
    return Twips(math.ceil(mm * 1440 / 25.4))


def _page_field(paragraph) -> None:
    """A PAGE field, one run per part as Word writes it."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()._r
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run.append(element)


def _para(container, parts=(), *, size=BODY_PT, align=None, bold=False, italic=False, indent=None, after=0):
    """A paragraph of runs; `parts` are strings or (text, {"bold": …, "italic": …, "size": …}) pairs."""
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    if indent is not None:
        fmt.first_line_indent = Mm(indent)
    for part in [parts] if isinstance(parts, str) else parts:
        text, style = part if isinstance(part, tuple) else (part, {})
        run = p.add_run(text)
        run.font.size = Pt(style.get("size", size))
        run.bold = style.get("bold", bold)
        run.italic = style.get("italic", italic)
    return p


def _short_rule(cell, width_mm: float, column_mm: float) -> None:
    """The short line under the issuing body and under the motto: a bottom border on an indented paragraph."""
    p = cell.add_paragraph()
    side = Mm((column_mm - width_mm) / 2)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    p.paragraph_format.space_after = Pt(4)
    run = p.add_run()
    run.font.size = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *PPR_AFTER_BORDER)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _cell_margins(table, mm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(int(mm * 56.7)))
        e.set(qn("w:type"), "dxa")
        margins.append(e)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook")


def _widths(table, widths_mm) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)


def _first_paragraph(cell):
    """A new cell has one empty paragraph: use it for the first line instead of leaving a blank one."""
    p = cell.paragraphs[0]
    p._p.getparent().remove(p._p)
    return cell


def _heading(doc) -> None:
    left_mm, right_mm = 62, TEXT_WIDTH_MM - 62
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    left, right = (_first_paragraph(c) for c in table.rows[0].cells)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, "ỦY BAN NHÂN DÂN", size=13, align=center)
    _para(left, "{{ province }}", size=13, align=center)
    _para(left, "{{ issuing_body }}", size=13, align=center, bold=True)
    _short_rule(left, 22, left_mm)
    _para(left, ["Số: ", "{{ number }}", "/", "{{ symbol }}"], size=13, align=center, after=2)
    _para(left, "{{ abstract }}", size=12, align=center)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, align=center, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, align=center, bold=True)
    _short_rule(right, 60, right_mm)
    _para(
        right,
        ["{{ place }}", ", ngày ", "{{ day }}", " tháng ", "{{ month }}", " năm ", "{{ year }}"],
        size=14,
        align=center,
        italic=True,
    )


def _task_table(doc) -> None:
    table = doc.add_table(rows=4, cols=len(TASK_COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, 1.0)
    _widths(table, [w for _, w in TASK_COLUMNS])
    header, loop_start, body, loop_end = table.rows
    # The heading row repeats at the top of every page the table runs onto.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    center = WD_ALIGN_PARAGRAPH.CENTER
    for i, (title, _width) in enumerate(TASK_COLUMNS):
        _para(_first_paragraph(header.cells[i]), title, size=TABLE_PT, align=center, bold=True)
        align = center if i in CENTERED_COLUMNS else None
        _para(_first_paragraph(body.cells[i]), TASK_CELLS[i], size=TABLE_PT, align=align)
        _para(
            _first_paragraph(loop_start.cells[i]), "{%tr for t in tasks %}" if i == 0 else "", size=TABLE_PT
        )
        _para(_first_paragraph(loop_end.cells[i]), "{%tr endfor %}" if i == 0 else "", size=TABLE_PT)


def _closing(doc) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left_mm = 80
    _widths(table, [left_mm, TEXT_WIDTH_MM - left_mm])
    left, right = (_first_paragraph(c) for c in table.rows[0].cells)
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in ("- Như trên;", "- Lãnh đạo VP UBND tỉnh;", "- Lưu: VT, "):
        p = _para(left, line, size=11)
    p.add_run("{{ drafting_department }}").font.size = Pt(11)
    p.add_run(".").font.size = Pt(11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, "{{ signer.authority }}", size=14, align=center, bold=True)
    _para(right, "{{ signer.position }}", size=14, align=center, bold=True)
    for _ in range(4):
        _para(right, "", size=14)
    _para(right, "{{ signer.name }}", size=14, align=center, bold=True)


def build(path: Path = OUTPUT) -> Path:
    doc = Document()
    doc.core_properties.author = "Văn phòng Ủy ban nhân dân tỉnh"
    doc.core_properties.title = "Văn bản đôn đốc thực hiện nhiệm vụ"
    doc.core_properties.comments = "Mẫu của VIC, sửa được trong Word; giữ nguyên các thẻ trong ngoặc nhọn."
    body = doc.element.body
    for p in list(doc.paragraphs):
        body.remove(p._p)
    _styles(doc)
    _page(doc)
    _heading(doc)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "", after=6)
    _para(doc, ["Kính gửi: ", "{{ recipient }}", "."], align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _para(
        doc,
        [
            INTRO,
            "{{ as_of }}",
            ", ",
            "{{ recipient }}",
            " còn ",
            "{{ summary }}",
            " chưa hoàn thành, cụ thể như sau:",
        ],
        align=justify,
        indent=10,
        after=6,
    )
    _task_table(doc)
    _para(doc, "", after=0)
    _para(doc, [CLOSING, "{{ recipient }}", CLOSING_END], align=justify, indent=10, after=12)
    _closing(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT))
