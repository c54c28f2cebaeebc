"""The reports as Word documents (Decree 30/2020): the templates' context and their rendering.

Templates are docxtpl documents (built-in: reporting/templates_docx/, or the newest active ReportTemplate
of the kind an administrator uploaded), rendered in the notices' sandboxed, autoescaping Jinja
environment; the Decree 30 helpers (committee, place, date, signer) are the notices' too.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.text import fold
from vic.notices.document import (
    BLANK_NUMBER,
    check_template,
    committee_name,
    date_parts,
    place_of,
    render,
    signer_block,
)
from vic.tasks.status import SIX, Status
from vic.units.models import Leader, LeaderPosition, Unit, UnitKind

from .. import deadlines, figures
from ..content import Compiled, Filters, Submission, UnitContent, UnitLine
from ..periods import Period, PeriodKind
from .default_templates import FILES, ROMAN

COMMITTEE_PREFIX = "Ủy ban nhân dân "


def number(value: float | None) -> str:
    """A percentage the Vietnamese way (85,7), or a dash when nothing was due."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def day(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def subject(period: Period) -> str:
    return _(
        "Kết quả thực hiện nhiệm vụ do Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh giao %(p)s"
    ) % {"p": period.title}


def paragraphs(text: str, placeholder: str) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines or [placeholder]


def status_cells(row: figures.Row) -> dict:
    """A unit table's row: a cell per status (the six, then the three stages without a deadline), and
    `no_deadline`, their sum, which the table showed before the stages and uploaded templates may still use."""
    out = {str(s): row.count(s) for s in figures.COLUMNS}
    out.update(total=row.total, no_deadline=row.no_deadline, rate=number(row.on_time_rate))
    return out


def rate_text(value: float | None) -> str:
    return f"{number(value)}%" if value is not None else _("chưa tính được (chưa có nhiệm vụ đến hạn)")


def summary(row: figures.Row) -> str:
    parts = "; ".join(f"{str(s.label).lower()} {row.count(s)}" for s in SIX)
    return _(
        "Tổng số nhiệm vụ trong kỳ: %(total)d (chuyển giao trong kỳ %(new)d, hoàn thành trong kỳ %(done)d), "
        "trong đó: %(parts)s; không thời hạn %(nd)d. Tỷ lệ hoàn thành đúng hạn: %(rate)s."
    ) % {
        "total": row.total,
        "new": row.delivered_in_window,
        "done": row.completed_in_window,
        "parts": parts,
        "nd": row.no_deadline,
        "rate": rate_text(row.on_time_rate),
    }


def _common(when: datetime.date, committee: str | None = None) -> dict:
    """`committee`: the body whose seat names the place (the province's by default; a district's own)."""
    place = place_of(committee or committee_name())
    return {"place": place, **date_parts(when), "year": str(when.year), "number": BLANK_NUMBER}


def _in_full(name: str) -> str:
    """Decree 30 writes the issuing body's name in full: "UBND huyện U Minh" → "Ủy ban nhân dân huyện U Minh"."""
    return COMMITTEE_PREFIX + name[5:] if fold(name).startswith("ubnd ") else name


def _committee_lines(committee: str) -> str:
    """ "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU": the parent body on two lines, as Decree 30 sets it."""
    committee = _in_full(committee)
    if fold(committee).startswith(fold(COMMITTEE_PREFIX)):
        return f"{COMMITTEE_PREFIX.strip()}\n{committee[len(COMMITTEE_PREFIX) :]}".upper()
    return committee.upper()


def _task_line(no: int, task) -> dict:
    deadline = deadlines.shown(task, "\n") or _("Không thời hạn")
    return {
        "no": no,
        "content": f"{task.content} ({task.directive.reference})",
        "unit": task.lead_unit.name,
        "deadline": deadline,
        "status": str(Status(task.status).label),
        "days_overdue": getattr(task, "days_overdue", ""),
        "reason": getattr(task, "reason", None) or _("Chưa giải trình"),
    }


def _listed(tasks: list, total: int, blank: dict) -> list[dict]:
    """The table's rows; when the list was cut (VIC_REPORT_LIST_LIMIT), a last row says so."""
    rows = [_task_line(i, t) for i, t in enumerate(tasks, 1)] or _none_row(**blank)
    if total > len(tasks):
        note = _("… và %(n)d nhiệm vụ khác (tổng số %(total)d); danh sách đầy đủ trong tệp Excel kèm theo.")
        rows.append({**blank, "no": "", "content": note % {"n": total - len(tasks), "total": total}})
    return rows


def _none_row(**cells) -> list[dict]:
    return [{"no": "", "content": _("Không có"), **cells}]


def compiled_context(c: Compiled) -> dict:
    committee = committee_name()
    window = _("số liệu tính từ ngày %(a)s đến ngày %(b)s") % {"a": day(c.start), "b": day(c.end)}
    filters = c.filters.describe()
    if filters:
        window += " (" + "; ".join(filters) + ")"
    intro = _(
        "Thực hiện Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ do Ủy ban nhân dân tỉnh, "
        "Chủ tịch Ủy ban nhân dân tỉnh giao, Văn phòng Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện "
        "nhiệm vụ %(period)s, %(window)s, như sau:"
    ) % {"period": c.period.title, "window": window}
    units = [{"no": i, "name": line.unit.name, **status_cells(line.row)} for i, line in enumerate(c.units, 1)]
    blank = {"unit": "", "deadline": "", "status": "", "days_overdue": "", "reason": ""}
    context = {
        **_common(clock.today()),
        "parent_body": _committee_lines(committee),
        "issuing_body": _("VĂN PHÒNG"),
        "symbol": "BC-VP",
        "subject": subject(c.period),
        "recipient": _("Chủ tịch %(c)s") % {"c": committee},
        "intro": [intro],
        "summary": [summary(c.total)],
        "units": units,
        "total": status_cells(c.total),
        "key_tasks": _listed(c.key_tasks, c.key_total, blank),
        "overdue": _listed(c.overdue, c.overdue_total, blank),
        "submissions": None,
        "signer": signer_block(compiled_signer(c.user)),
    }
    section = 3
    if c.submissions is not None:
        context["submissions"] = [
            {
                "no": i,
                "name": s.unit.name,
                "due_on": day(s.due_on),
                "sent_on": day(s.sent_on),
                "state": s.state,
            }
            for i, s in enumerate(c.submissions, 1)
        ] or [{"no": "", "name": _("Không có"), "due_on": "", "sent_on": "", "state": ""}]
        sent = sum(1 for s in c.submissions if s.sent_on)
        context["submissions_summary"] = [
            _(
                "Hạn gửi báo cáo của các đơn vị: ngày %(due)s. Đã gửi %(sent)d/%(all)d đơn vị; "
                "gửi trễ hạn hoặc chưa gửi: %(late)d đơn vị."
            )
            % {
                "due": day(c.submissions[0].due_on) if c.submissions else "",
                "sent": sent,
                "all": len(c.submissions),
                "late": len(c.late_units),
            }  # fmt: skip
        ]
        section = 4
    n = c.narrative
    context["evaluation_heading"] = f"{ROMAN[section]}. " + _("ĐÁNH GIÁ CHUNG")
    context["proposals_heading"] = f"{ROMAN[section + 1]}. " + _("KIẾN NGHỊ, ĐỀ XUẤT")
    context["evaluation"] = paragraphs(n.evaluation if n else "", _("(Văn phòng bổ sung đánh giá chung.)"))
    context["proposals"] = paragraphs(n.proposals if n else "", _("(Văn phòng bổ sung kiến nghị, đề xuất.)"))
    return context


def compiled_signer(user):
    """Who signs the Office's report to the Chairman: the Office leader exporting it, else the Chief of the
    Office (else a Deputy, "KT.")."""
    office = [LeaderPosition.OFFICE_CHIEF, LeaderPosition.OFFICE_DEPUTY]
    leaders = Leader.objects.filter(active=True)
    mine = leaders.filter(user_id=getattr(user, "pk", None), position__in=office).first() if user else None
    return (
        mine
        or leaders.filter(position=LeaderPosition.OFFICE_CHIEF).first()
        or leaders.filter(position=LeaderPosition.OFFICE_DEPUTY).first()
    )


def _unit_signer(report) -> dict:
    user = report.submitted_by if report else None
    position = (user.position if user and user.position else _("Thủ trưởng đơn vị")).upper()
    return {"authority": "", "position": position, "name": (user.full_name or str(user)) if user else ""}


def _split_number(paper_number: str) -> tuple[str, str]:
    """ "123/BC-STC" as the officer typed it → ("123", "BC-STC"); "123" → ("123", ""). The template writes
    "Số: {number}/{symbol}", which would otherwise print the symbol twice."""
    number, _slash, symbol = (paper_number or "").strip().partition("/")
    return number.strip(), symbol.strip()


def unit_context(u: UnitContent) -> dict:
    committee = committee_name()
    report, unit = u.report, u.unit
    district = unit.kind == UnitKind.DISTRICT
    when = (report.paper_date or report.submitted_on) if report else None
    row = u.figures["row"]
    total = row["total"]
    statuses = [
        {
            "no": i,
            "label": str(Status(s).label),
            "count": row["counts"].get(str(s), 0),
            "share": number(100.0 * row["counts"].get(str(s), 0) / total if total else None),
        }  # fmt: skip
        for i, s in enumerate(figures.COLUMNS, 1)
    ]
    overdue = [
        {
            "no": i,
            "content": f"{t['content']} ({t['directive']})",
            "deadline": deadlines.shown(t, "\n"),
            "days_overdue": t["days_overdue"],
            "reason": t["reason"] or _("Chưa giải trình"),
        }  # fmt: skip
        for i, t in enumerate(u.figures["overdue"], 1)
    ]
    extensions = [
        {"no": i, "content": e["content"], "proposed": day(e["proposed"]), "decision": decision(e)}
        for i, e in enumerate(u.figures["extensions"], 1)
    ]
    intro = _(
        "%(unit)s báo cáo kết quả thực hiện nhiệm vụ do Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh "
        "giao %(period)s, số liệu tính từ ngày %(a)s đến ngày %(b)s, như sau:"
    ) % {"unit": unit.name, "period": u.period.title, "a": day(u.start), "b": day(u.end)}
    blank = {"deadline": "", "days_overdue": "", "reason": ""}
    symbol = "BC-UBND" if district else "BC-" + (unit.short_name or unit.code).upper()
    paper_no, typed_symbol = _split_number(report.paper_number if report else "")
    return {
        **_common(when or clock.today(), _in_full(unit.name) if district else None),
        "number": paper_no or BLANK_NUMBER,
        "parent_body": "" if district else _committee_lines(committee),
        "issuing_body": _committee_lines(unit.name) if district else unit.name.upper(),
        "symbol": typed_symbol or symbol,
        "subject": subject(u.period),
        "recipient": committee,
        "intro": [intro],
        "summary": [summary(_row_of(row))],
        "statuses": statuses,
        "total": total,
        "total_share": number(100.0) if total else "—",
        "overdue": overdue or _none_row(**blank),
        "extensions": extensions or _none_row(proposed="", decision=""),
        "results": paragraphs(u.text("results"), _("(Đơn vị bổ sung kết quả nổi bật.)")),
        "difficulties": paragraphs(u.text("difficulties"), _("Không có.")),
        "proposals": paragraphs(u.text("proposals"), _("Không có.")),
        "signer": _unit_signer(report),
    }


def decision(e: dict) -> str:
    from vic.tasks.models import SubmissionState

    if e["state"] == SubmissionState.SUBMITTED:
        return _("Chưa quyết định (chờ lãnh đạo)")
    text = str(SubmissionState(e["state"]).label)
    if e.get("decided_on"):
        text += " " + _("ngày %(d)s") % {"d": day(e["decided_on"])}
    return f"{text}: {e['decision']}" if e.get("decision") else text


def _row_of(row: dict) -> figures.Row:
    return figures.Row(
        counts={Status(k): v for k, v in row["counts"].items()},
        delivered_in_window=row["delivered_in_window"],
        completed_in_window=row["completed_in_window"],
    )


def template_bytes(kind: str, template=None) -> bytes:
    """The given template, else the newest active upload of `kind`, else the built-in one."""
    from ..models import ReportTemplate

    template = template or ReportTemplate.objects.filter(kind=kind, is_active=True).first()
    if template is None:
        return FILES[kind].read_bytes()
    with template.file.open("rb") as f:
        return f.read()


def compiled_docx(c: Compiled) -> bytes:
    return render(template_bytes("compiled"), compiled_context(c))


def unit_docx(u: UnitContent) -> bytes:
    return render(template_bytes("unit"), unit_context(u))


def sample(kind: str) -> dict:
    """What an uploaded template is tried with before it replaces the active one (no database rows)."""
    period = Period(PeriodKind.MONTHLY, 2026, 5)
    row = figures.Row(counts={Status.DONE_ON_TIME: 3, Status.NOT_STARTED_OVERDUE: 1}, delivered_in_window=2)
    unit = Unit(name="Sở Kế hoạch & Đầu tư", short_name="SKHĐT", code="skhdt")
    start, end = datetime.date(2026, 4, 15), datetime.date(2026, 5, 14)
    if kind == "compiled":
        c = Compiled(period, start, end, Filters(), row, [UnitLine(unit, row)], [], [],
                     [Submission(unit, None, datetime.date(2026, 5, 20))], None)  # fmt: skip
        return compiled_context(c)
    from ..snapshot import VERSION

    data = {"version": VERSION, "row": row.as_dict(), "overdue": [], "extensions": []}
    return unit_context(UnitContent(None, unit, period, start, end, None, data))


# The fields without which a report's Word file has no figures.
NEEDS = {"compiled": ("units", "total", "overdue"), "unit": ("statuses", "total", "overdue")}


def check(kind: str, data: bytes) -> None:
    """Refuse, in Vietnamese, an upload that is not a .docx rendering with this kind's context and fields."""
    check_template(data, sample(kind), NEEDS[kind])
