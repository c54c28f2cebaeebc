"""The reports as Excel workbooks: the Word report's tables, one sheet each, and the full task list.

Write-only workbooks (openpyxl streams the rows, so a yearly list of 100,000 tasks stays small in memory);
totals are values (a SUM formula stands beside them as a check); dates are dates shown dd/mm/yyyy;
statuses carry the one palette of the application (vic.tasks.status.COLOURS). Text is always a text cell:
only the product's own `Formula`s are formulas, so what users typed ("=HYPERLINK(…)") never runs.
"""

from __future__ import annotations

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from vic.core.text import without_controls
from vic.tasks.status import COLOURS, Status

from .. import deadlines, figures
from ..content import Compiled, UnitContent
from .word import day, decision

DATE = "DD/MM/YYYY"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
FONT = "Times New Roman"


class Formula(str):
    """A formula the product writes on purpose (the SUM check row); any other string is written as text."""


def _fill(status) -> PatternFill:
    return PatternFill("solid", fgColor=COLOURS[Status(status)].lstrip("#").upper())


class Sheet:
    """One table on its own sheet: a title, a note, the heading row (frozen), rows with borders.

    Cells take named styles registered once per workbook: setting font, border, alignment and fill on each
    of a yearly list's million cells made openpyxl hash styles for minutes (docs/performance.md)."""

    def __init__(
        self, wb, name: str, title: str, note: str, columns: list[tuple[str, float]], status_cols=()
    ):
        self.wb = wb
        self.ws = wb.create_sheet(name[:31])
        for i, (_title, width) in enumerate(columns, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A4"
        self._print_setup()
        self.ws.append([self._cell(title, font=Font(name=FONT, bold=True, size=13))])
        self.ws.append([self._cell(note, font=Font(name=FONT, italic=True))])
        heads = []
        for i, (text, _w) in enumerate(columns):
            status = status_cols[i] if i < len(status_cols) else None
            heads.append(self._cell(text, bold=True, border=True, align="centre", fill=status or "head"))
        self.ws.append(heads)
        self.next_row = 4

    def _print_setup(self) -> None:
        """A4 landscape, the width of one page, the heading row repeated on every printed page."""
        setup = self.ws.page_setup
        setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight = "landscape", "9", 1, 0
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.ws.print_title_rows = "3:3"

    def _style(self, bold: bool, border: bool, align: str, fmt: str | None, fill: str | None) -> str:
        name = f"vic-{int(bold)}{int(border)}-{align}-{fmt or ''}-{fill or ''}"
        if name not in self.wb.named_styles:
            white = fill not in (None, "head")
            style = NamedStyle(
                name=name,
                font=Font(name=FONT, bold=bold, color="FFFFFF" if white and bold else None),
                alignment=CENTRE if align == "centre" else WRAP,
            )
            if border:
                style.border = BORDER
            if fmt:
                style.number_format = fmt
            if fill == "head":
                style.fill = HEAD_FILL
            elif fill:
                style.fill = _fill(fill)
            self.wb.add_named_style(style)
        return name

    def _cell(self, value, *, bold=False, border=False, align="wrap", font=None, fmt=None, fill=None):
        text = isinstance(value, str) and not isinstance(value, Formula)
        if text:
            value = without_controls(value)  # one control character would fail the whole workbook
        cell = WriteOnlyCell(self.ws, value=value)
        if text:
            cell.data_type = "s"  # openpyxl makes "=…" a formula and "#N/A" an error: typed text stays text
        if font is not None:  # the title and note lines: two cells a sheet
            cell.font, cell.alignment = font, WRAP
            return cell
        if isinstance(value, datetime.date) and not fmt:
            fmt = DATE
        cell.style = self._style(bold, border, align, fmt, fill)
        return cell

    def row(self, values, *, bold=False, status=None, status_col=None):
        cells = []
        for i, v in enumerate(values):
            number = isinstance(v, int | float) and not isinstance(v, bool)
            fmt = "0.0" if isinstance(v, float) else None
            fill = status if status and i == status_col else None
            align = "centre" if number or isinstance(v, datetime.date) else "wrap"
            cells.append(self._cell(v, bold=bold, border=True, align=align, fmt=fmt, fill=fill))
        self.ws.append(cells)
        self.next_row += 1


def _rate(value):
    return value if value is not None else "—"


def _status_values(row: figures.Row) -> list:
    return [row.total, *(row.count(s) for s in figures.COLUMNS)]


def deadline_heads() -> list[tuple[str, float]]:
    """ "Thời hạn" as written (a date cell, to sort and filter by), then what Word prints beside it in
    brackets (deadlines.py): one date per cell is what a spreadsheet is for."""
    return [(_("Thời hạn"), 12), (_("Ghi chú thời hạn"), 18)]


def deadline_values(t) -> list:
    """The cells under deadline_heads() of a Task or of a unit report's frozen row."""
    return [deadlines.dates(t)[0], deadlines.note(t)]


def _task_values(no: int, t, *extra) -> list:
    return [no, t.content, t.directive.reference, t.lead_unit.name, *deadline_values(t), *extra]


def _window_note(start, end) -> str:
    return _("Số liệu từ ngày %(a)s đến ngày %(b)s") % {"a": day(start), "b": day(end)}


def compiled_xlsx(c: Compiled, progress=None) -> bytes:
    wb = Workbook(write_only=True)
    note = _window_note(c.start, c.end)
    if filters := c.filters.describe():
        note += " — " + "; ".join(filters)
    heads = [(_("STT"), 6), (_("Đơn vị chủ trì"), 40), (_("Tổng số"), 10)]
    # The six statuses, then the stages of the tasks without a deadline (DOMAIN: their own columns).
    heads += [(str(s.label), 14) for s in figures.COLUMNS]
    heads += [(_("Chuyển giao trong kỳ"), 12), (_("Hoàn thành trong kỳ"), 12), (_("Tỷ lệ đúng hạn (%)"), 12)]
    sheet = Sheet(
        wb,
        _("Bảng 1 - Theo đơn vị"),
        _("Bảng 1. Kết quả thực hiện nhiệm vụ %(p)s theo đơn vị chủ trì") % {"p": c.period.title},
        note,
        heads,
        status_cols=[None, None, None, *figures.COLUMNS],
    )
    for i, line in enumerate(c.units, 1):
        r = line.row
        sheet.row([i, line.unit.name, *_status_values(r), r.delivered_in_window, r.completed_in_window,
                   _rate(r.on_time_rate)])  # fmt: skip
    t, first, last = c.total, 4, sheet.next_row - 1
    sheet.row([None, _("Tổng cộng"), *_status_values(t), t.delivered_in_window, t.completed_in_window,
               _rate(t.on_time_rate)], bold=True)  # fmt: skip
    # The same totals as formulas, beside the values, for whoever checks the sums in Excel.
    sums = [
        Formula(f"=SUM({get_column_letter(col)}{first}:{get_column_letter(col)}{last})")
        for col in range(3, len(heads))  # every count column; the rate (the last) is no sum
    ]
    sheet.row([None, _("Kiểm tra (công thức SUM)"), *sums])
    if progress:
        progress(40)
    task_heads = [(_("STT"), 6), (_("Nội dung nhiệm vụ"), 60), (_("Văn bản giao"), 28),
                  (_("Đơn vị chủ trì"), 30), *deadline_heads()]  # fmt: skip
    key = Sheet(wb, _("Bảng 2 - Trọng tâm"), _("Bảng 2. Nhiệm vụ trọng tâm"), note,
                [*task_heads, (_("Tình trạng"), 26)])  # fmt: skip
    for i, task in enumerate(c.all_key_tasks(), 1):
        key.row(_task_values(i, task, str(Status(task.status).label)), status=task.status, status_col=6)
    late = Sheet(wb, _("Bảng 3 - Quá hạn"), _("Bảng 3. Nhiệm vụ quá hạn chưa hoàn thành"), note,
                 [*task_heads, (_("Số ngày quá hạn"), 10), (_("Tình trạng"), 26), (_("Lý do (giải trình)"), 50)])  # fmt: skip
    for i, task in enumerate(c.all_overdue(), 1):
        values = _task_values(i, task, task.days_overdue, str(Status(task.status).label), task.reason or "")
        late.row(values, status=task.status, status_col=7)
    if c.submissions is not None:
        sent = Sheet(wb, _("Bảng 4 - Gửi báo cáo"), _("Bảng 4. Tình hình gửi báo cáo định kỳ của các đơn vị"),
                     note, [(_("STT"), 6), (_("Đơn vị"), 45), (_("Hạn gửi"), 12), (_("Ngày gửi"), 12),
                            (_("Tình trạng"), 20)])  # fmt: skip
        for i, s in enumerate(c.submissions, 1):
            sent.row([i, s.unit.name, s.due_on, s.sent_on, s.state])
    if progress:
        progress(60)
    if c.tasks is not None:
        _task_list(wb, c, note, task_heads)
    return _save(wb)


def _task_list(wb, c: Compiled, note: str, task_heads) -> None:
    sheet = Sheet(wb, _("Danh sách nhiệm vụ"), _("Danh sách nhiệm vụ trong kỳ"), note,
                  [*task_heads, (_("Ngày chuyển giao"), 12), (_("Ngày hoàn thành"), 12), (_("Tình trạng"), 26),
                   (_("Trọng tâm"), 10)])  # fmt: skip
    tasks = c.tasks.select_related("directive", "lead_unit").order_by(
        "lead_unit__order", figures.BY_DEADLINE, "id"
    )
    for i, t in enumerate(tasks.iterator(chunk_size=2000), 1):
        done = t.completed_on if t.completed_on and t.completed_on <= c.end else None
        values = _task_values(
            i, t, t.delivered_on, done, str(Status(t.status).label), _("Có") if t.is_key else ""
        )
        sheet.row(values, status=t.status, status_col=8)


def unit_xlsx(u: UnitContent, progress=None) -> bytes:
    wb = Workbook(write_only=True)
    note = f"{u.unit.name} — {_window_note(u.start, u.end)}"
    row = u.figures["row"]
    sheet = Sheet(wb, _("Bảng 1 - Theo tình trạng"), _("Bảng 1. Kết quả thực hiện nhiệm vụ %(p)s theo tình trạng")
                  % {"p": u.period.title}, note, [(_("STT"), 6), (_("Tình trạng"), 40), (_("Số nhiệm vụ"), 14)])  # fmt: skip
    for i, s in enumerate(figures.COLUMNS, 1):
        sheet.row([i, str(s.label), row["counts"].get(str(s), 0)], status=s, status_col=1)
    sheet.row([None, _("Tổng số"), row["total"]], bold=True)
    sheet.row([None, _("Kiểm tra (công thức SUM)"), Formula(f"=SUM(C4:C{3 + len(figures.COLUMNS)})")])
    sheet.row([None, _("Tỷ lệ đúng hạn (%)"), _rate(row["on_time_rate"])], bold=True)
    late = Sheet(wb, _("Bảng 2 - Quá hạn"), _("Bảng 2. Nhiệm vụ quá hạn và giải trình của đơn vị"), note,
                 [(_("STT"), 6), (_("Nội dung nhiệm vụ"), 60), (_("Văn bản giao"), 28), *deadline_heads(),
                  (_("Số ngày quá hạn"), 10), (_("Tình trạng"), 26), (_("Giải trình"), 50)])  # fmt: skip
    for i, t in enumerate(u.figures["overdue"], 1):
        late.row([i, t["content"], t["directive"], *deadline_values(t), t["days_overdue"],
                  str(Status(t["status"]).label), t["reason"]], status=t["status"], status_col=6)  # fmt: skip
    ext = Sheet(wb, _("Bảng 3 - Gia hạn"), _("Bảng 3. Đề xuất gia hạn và kết quả xử lý"), note,
                [(_("STT"), 6), (_("Nội dung nhiệm vụ"), 60), (_("Thời hạn đề xuất"), 14), (_("Kết quả xử lý"), 50)])  # fmt: skip
    for i, e in enumerate(u.figures["extensions"], 1):
        proposed = datetime.date.fromisoformat(e["proposed"]) if e["proposed"] else None
        ext.row([i, e["content"], proposed, decision(e)])
    return _save(wb)


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
