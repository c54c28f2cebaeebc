"""Builds the built-in Word templates of the reports (reporting/templates_docx/*.docx), committed as files:

    .venv/bin/python -m vic.reporting.exports.default_templates

A report (báo cáo) by Decree 30/2020/NĐ-CP, Appendix I: A4, Times New Roman, the issuing body top left and
the national motto top right, number and symbol "Số: …/BC-…", place and date, the title "BÁO CÁO" with its
subject, numbered tables, "Nơi nhận" and the signer's block. The page set-up, styles and paragraph helpers
are the urging notice's (vic.notices.default_template), so both kinds of document look alike.
Every Jinja tag sits in a run of its own, so Word and docxtpl read it whole.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement

from vic.notices.default_template import (
    TEXT_WIDTH_MM,
    _cell_margins,
    _first_paragraph,
    _no_borders,
    _page,
    _para,
    _short_rule,
    _styles,
    _widths,
)

DIR = Path(__file__).resolve().parent.parent / "templates_docx"
FILES = {"compiled": DIR / "bao-cao-tong-hop.docx", "unit": DIR / "bao-cao-don-vi.docx"}
TABLE_PT = 12
SMALL_PT = 11
HEAD_PT = 10  # the second heading row of the unit table: "Trong hạn" in a count column
CENTER = WD_ALIGN_PARAGRAPH.CENTER
ROMAN = ["", "I", "II", "III", "IV", "V"]
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
# The six statuses under their three headings, then the three stages of the tasks without a deadline
# under "Không thời hạn" (DOMAIN: they have a stage but no timeliness): two heading rows.
STATUS_HEAD = [("Hoàn thành", ("Đúng hạn", "Quá hạn")), ("Đang thực hiện", ("Trong hạn", "Quá hạn")),
               ("Chưa thực hiện", ("Trong hạn", "Quá hạn"))]  # fmt: skip
NO_DEADLINE_HEAD = ("Không thời hạn", ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện"))
STATUS_CELLS = ["r.done_on_time", "r.done_late", "r.in_progress_within", "r.in_progress_overdue",
                "r.not_started_within", "r.not_started_overdue",
                "r.done_no_deadline", "r.in_progress_no_deadline", "r.not_started_no_deadline"]  # fmt: skip


def _heading(doc) -> None:
    left_mm, right_mm = 68, TEXT_WIDTH_MM - 68
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    left, right = (_first_paragraph(c) for c in table.rows[0].cells)
    _para(left, "{{ parent_body }}", size=13, align=CENTER)
    _para(left, "{{ issuing_body }}", size=13, align=CENTER, bold=True)
    _short_rule(left, 22, left_mm)
    _para(left, ["Số: ", "{{ number }}", "/", "{{ symbol }}"], size=13, align=CENTER)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, align=CENTER, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, align=CENTER, bold=True)
    _short_rule(right, 60, right_mm)
    _para(
        right,
        ["{{ place }}", ", ngày ", "{{ day }}", " tháng ", "{{ month }}", " năm ", "{{ year }}"],
        align=CENTER,
        italic=True,
    )


def _title(doc) -> None:
    _para(doc, "", after=6)
    _para(doc, "BÁO CÁO", align=CENTER, bold=True)
    _para(doc, "{{ subject }}", align=CENTER, bold=True)
    _short_rule(doc, 40, TEXT_WIDTH_MM)
    _para(doc, ["Kính gửi: ", "{{ recipient }}", "."], align=CENTER, after=12)


def _paragraphs(doc, name: str) -> None:
    """One indented paragraph per item of the list `name` (the narrative the Office or the unit wrote)."""
    _para(doc, "{%p for text in " + name + " %}")
    _para(doc, "{{ text }}", align=JUSTIFY, indent=10, after=6)
    _para(doc, "{%p endfor %}")


def _section(doc, title: str) -> None:
    _para(doc, title, bold=True, after=6).paragraph_format.keep_with_next = True


def _caption(doc, text: str) -> None:
    """A table's caption stays on the page of the table's first rows."""
    _para(
        doc, text, align=CENTER, bold=True, italic=True, size=13, after=4
    ).paragraph_format.keep_with_next = True


def _table(doc, columns, cells, loop: str, *, centered=(), heads=None, total=None, size=TABLE_PT):
    """A numbered table: heading rows, one row per item of `loop`, and a bold totals row when given.

    `heads` (two heading rows with merged cells) replaces the plain heading row of the column titles."""
    head_rows = 2 if heads else 1
    table = doc.add_table(rows=head_rows + 3 + (1 if total else 0), cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, 0.8)
    _widths(table, [w for _, w in columns])
    rows = table.rows
    for row in rows:  # a row is never cut across two pages (docxtpl copies the loop row with this)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for row in rows[:head_rows]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    if heads:
        heads(table)
    else:
        for i, (title, _w) in enumerate(columns):
            _para(_first_paragraph(rows[0].cells[i]), title, size=size, align=CENTER, bold=True)
    start, body, end = rows[head_rows : head_rows + 3]
    for i in range(len(columns)):
        align = CENTER if i in centered else None
        _para(_first_paragraph(body.cells[i]), "{{ " + cells[i] + " }}", size=size, align=align)
        _para(_first_paragraph(start.cells[i]), "{%tr for r in " + loop + " %}" if i == 0 else "", size=size)
        _para(_first_paragraph(end.cells[i]), "{%tr endfor %}" if i == 0 else "", size=size)
    if total:
        last = rows[-1]
        for i, text in enumerate(total):
            align = CENTER if i in centered or i == 0 else None
            _para(_first_paragraph(last.cells[i]), text, size=size, align=align, bold=True)
    _para(doc, "", after=6)
    return table


def _unit_heads(table) -> None:
    """Two heading rows: STT, Đơn vị, Tổng số, then Hoàn thành / Đang thực hiện / Chưa thực hiện over
    their two columns each, then Không thời hạn over its three stages, then the on-time rate."""
    top, sub = table.rows[0], table.rows[1]
    merged = {0: "STT", 1: "Đơn vị chủ trì", 2: "Tổng số", 12: "Tỷ lệ đúng hạn (%)"}
    for i, title in merged.items():
        cell = top.cells[i].merge(sub.cells[i])
        _para(_first_paragraph(cell), title, size=SMALL_PT, align=CENTER, bold=True)
    groups, i = [*STATUS_HEAD, NO_DEADLINE_HEAD], 3
    for title, subtitles in groups:
        cell = top.cells[i].merge(top.cells[i + len(subtitles) - 1])
        _para(_first_paragraph(cell), title, size=SMALL_PT, align=CENTER, bold=True)
        for j, subtitle in enumerate(subtitles):
            _para(_first_paragraph(sub.cells[i + j]), subtitle, size=HEAD_PT, align=CENTER, bold=True)
        i += len(subtitles)


def _signature(doc, recipients: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [80, TEXT_WIDTH_MM - 80])
    # The signer's block moves to the next page whole rather than leave its name alone there.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = (_first_paragraph(c) for c in table.rows[0].cells)
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in recipients:
        _para(left, line, size=11)
    _para(right, "{{ signer.authority }}", align=CENTER, bold=True)
    _para(right, "{{ signer.position }}", align=CENTER, bold=True)
    for _ in range(4):
        _para(right, "")
    _para(right, "{{ signer.name }}", align=CENTER, bold=True)


def _document(title: str):
    doc = Document()
    doc.core_properties.author = "Văn phòng Ủy ban nhân dân tỉnh"
    doc.core_properties.title = title
    doc.core_properties.comments = "Mẫu của VIC, sửa được trong Word; giữ nguyên các thẻ trong ngoặc nhọn."
    for p in list(doc.paragraphs):
        doc.element.body.remove(p._p)
    _styles(doc)
    _page(doc)
    _heading(doc)
    _title(doc)
    return doc


def _compiled(doc) -> None:
    _paragraphs(doc, "intro")
    _section(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    _paragraphs(doc, "summary")
    _caption(doc, "Bảng 1. Kết quả thực hiện nhiệm vụ theo đơn vị chủ trì")
    # 13 columns in the 165 mm of a portrait page, checked rendered: a count column of 11.5 mm holds
    # "Trong" / "hạn" whole at 10 pt, the unit's name wraps in 29 mm much as it did in 33.
    unit_cols = [("STT", 9), ("Đơn vị chủ trì", 29), ("Tổng số", 11)] + [("", 11.5)] * 9 + [("", 12.5)]
    _table(
        doc,
        unit_cols,
        ["r.no", "r.name", "r.total", *STATUS_CELLS, "r.rate"],
        "units",
        centered=set(range(2, 13)) | {0},
        heads=_unit_heads,
        total=["", "Tổng cộng", *("{{ total." + c[2:] + " }}" for c in ["r.total", *STATUS_CELLS, "r.rate"])],
        size=SMALL_PT,
    )
    _caption(doc, "Bảng 2. Nhiệm vụ trọng tâm")
    _table(
        doc,
        [
            ("STT", 12),
            ("Nội dung nhiệm vụ", 57),
            ("Đơn vị chủ trì", 35),
            ("Thời hạn", 25),  # "21/12/2026)" whole on its line (deadlines.shown)
            ("Tình trạng", 36),
        ],
        ["r.no", "r.content", "r.unit", "r.deadline", "r.status"],
        "key_tasks",
        centered={0, 3},
    )
    _section(doc, "II. NHIỆM VỤ QUÁ HẠN VÀ NGUYÊN NHÂN")
    _caption(doc, "Bảng 3. Nhiệm vụ quá hạn chưa hoàn thành")
    _table(
        doc,
        [
            ("STT", 12),
            ("Nội dung nhiệm vụ", 46),
            ("Đơn vị chủ trì", 28),
            ("Thời hạn", 25),
            ("Số ngày quá hạn", 16),
            ("Lý do (giải trình của đơn vị)", 38),
        ],  # fmt: skip
        ["r.no", "r.content", "r.unit", "r.deadline", "r.days_overdue", "r.reason"],
        "overdue",
        centered={0, 3, 4},
    )
    _para(doc, "{%p if submissions is not none %}")
    _section(doc, "III. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ")
    _paragraphs(doc, "submissions_summary")
    _caption(doc, "Bảng 4. Tình hình gửi báo cáo định kỳ của các đơn vị")
    _table(
        doc,
        [("STT", 12), ("Đơn vị", 73), ("Hạn gửi", 25), ("Ngày gửi", 25), ("Tình trạng", 30)],
        ["r.no", "r.name", "r.due_on", "r.sent_on", "r.state"],
        "submissions",
        centered={0, 2, 3},
    )
    _para(doc, "{%p endif %}")
    _section(doc, "{{ evaluation_heading }}")
    _paragraphs(doc, "evaluation")
    _section(doc, "{{ proposals_heading }}")
    _paragraphs(doc, "proposals")
    _signature(doc, ["- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "- Lãnh đạo VP UBND tỉnh;", "- Lưu: VT, TH."])


def _unit(doc) -> None:
    _paragraphs(doc, "intro")
    _section(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    _paragraphs(doc, "summary")
    _caption(doc, "Bảng 1. Kết quả thực hiện nhiệm vụ theo tình trạng")
    _table(
        doc,
        [("STT", 12), ("Tình trạng", 93), ("Số nhiệm vụ", 30), ("Tỷ lệ (%)", 30)],
        ["r.no", "r.label", "r.count", "r.share"],
        "statuses",
        centered={0, 2, 3},
        total=["", "Tổng số", "{{ total }}", "{{ total_share }}"],
    )
    _section(doc, "II. NHIỆM VỤ QUÁ HẠN, CHƯA THỰC HIỆN VÀ GIẢI TRÌNH")
    _caption(doc, "Bảng 2. Nhiệm vụ quá hạn và giải trình của đơn vị")
    _table(
        doc,
        [
            ("STT", 12),
            ("Nội dung nhiệm vụ", 57),
            ("Thời hạn", 25),
            ("Số ngày quá hạn", 18),
            ("Giải trình", 53),
        ],  # fmt: skip
        ["r.no", "r.content", "r.deadline", "r.days_overdue", "r.reason"],
        "overdue",
        centered={0, 2, 3},
    )
    _caption(doc, "Bảng 3. Đề xuất gia hạn và kết quả xử lý")
    _table(
        doc,
        [("STT", 12), ("Nội dung nhiệm vụ", 53), ("Thời hạn đề xuất", 22), ("Kết quả xử lý", 78)],
        ["r.no", "r.content", "r.proposed", "r.decision"],
        "extensions",
        centered={0, 2},
    )
    for number, (title, name) in enumerate(
        [
            ("KẾT QUẢ NỔI BẬT", "results"),
            ("KHÓ KHĂN, VƯỚNG MẮC", "difficulties"),
            ("KIẾN NGHỊ, ĐỀ XUẤT", "proposals"),
        ],  # fmt: skip
        start=3,
    ):
        _section(doc, f"{ROMAN[number]}. {title}")
        _paragraphs(doc, name)
    _signature(doc, ["- Như trên;", "- Văn phòng UBND tỉnh (để tổng hợp);", "- Lưu: VT."])


def build(kind: str, path: Path | None = None) -> Path:
    path = path or FILES[kind]
    doc = _document("Báo cáo tổng hợp" if kind == "compiled" else "Báo cáo của đơn vị")
    (_compiled if kind == "compiled" else _unit)(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    for kind in sys.argv[1:] or FILES:
        print(build(kind))
