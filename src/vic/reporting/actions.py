"""Every write to a unit's report (R-11, R-6.3) goes through these actions: permission, one transaction on
the locked row, a revision check against lost updates. django-auditlog journals each save.

The unit's officers draft and send to their head; only the head submits (he may submit his own draft).
Submitting freezes the figures of the window. A correction is version n+1, written as a new draft; it
supersedes the report in force only when it is submitted, and every submitted version is kept."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.text import nfc
from vic.formats import moment
from vic.tasks.actions import ConcurrentEdit
from vic.tasks.limits import check_past_date
from vic.units.models import Role, User
from vic.urging.notify import notify

from . import snapshot
from .models import ReportState, UnitReport
from .periods import Period, PeriodKind, window_in_force

NARRATIVE = ("results", "difficulties", "proposals")
MAX_TEXT = 20000
UNIT_ROLES = {Role.UNIT_OFFICER, Role.UNIT_HEAD}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_write(user, unit_id: int | None) -> bool:
    """The unit's own officers and head; nobody else writes a unit's report (not even the Office)."""
    return _active(user) and user.role in UNIT_ROLES and unit_id is not None and user.unit_id == unit_id


def is_head(user, unit_id: int | None) -> bool:
    return may_write(user, unit_id) and user.role == Role.UNIT_HEAD


def may_edit(user, report: UnitReport) -> bool:
    """Drafts are written by the unit; once sent to the head, only the head edits before submitting."""
    if report.state == ReportState.DRAFT:
        return may_write(user, report.unit_id)
    return report.state == ReportState.AWAITING_HEAD and is_head(user, report.unit_id)


def may_correct(user, report: UnitReport) -> bool:
    return (
        may_write(user, report.unit_id)
        and report.state == ReportState.SUBMITTED
        and report.superseded_by_id is None
        and not _open_version(report).exists()
    )


def _open_version(report: UnitReport):
    return UnitReport.objects.filter(unit_id=report.unit_id, kind=report.kind, period=report.period).exclude(
        state=ReportState.SUBMITTED
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def open_report(user, unit, period: Period) -> UnitReport:
    """The unit's draft for `period`: the one being written if any, else a new first version with the
    window and due date in force today (later admin changes do not move an open report's window)."""
    _require(may_write(user, unit.pk), _("Chỉ cán bộ, thủ trưởng của đơn vị được soạn báo cáo của đơn vị."))
    if period.kind == PeriodKind.ADHOC:
        raise ValidationError(_("Báo cáo đột xuất không soạn theo lịch báo cáo định kỳ."))
    existing = UnitReport.objects.current().filter(unit=unit, kind=period.kind, period=period.label)
    found = existing.order_by("state").first()  # the draft being written before the report in force
    if found is not None:
        return found
    w = window_in_force(period)
    try:
        with transaction.atomic():
            return UnitReport.objects.create(
                unit=unit,
                kind=period.kind,
                period=period.label,
                window_start=w.start,
                window_end=w.end,
                due_on=w.unit_due,
                created_by=user,
                created_at=clock.now(),
                updated_at=clock.now(),
                updated_by=user,
            )
    except IntegrityError:  # a colleague opened it at the same moment: his draft is the unit's
        return existing.get()


def _locked(report: UnitReport) -> UnitReport:
    return UnitReport.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)


def _conflict(report: UnitReport) -> ConcurrentEdit:
    return ConcurrentEdit(
        _(
            "Báo cáo đã được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Nội dung bạn nhập vẫn còn trên "
            "trang: đối chiếu với bản đã lưu (mở trang ở thẻ khác), sửa lại nếu cần rồi bấm Lưu lần nữa."
        )
        % {
            "who": report.updated_by or "—",
            "when": moment(report.updated_at),
        },
        code="conflict",
    )


def _clean(data: dict, report: UnitReport) -> dict:
    out, errors = {}, {}
    for name in NARRATIVE:
        value = nfc(data.get(name) or "")
        if len(value) > MAX_TEXT:
            errors[name] = _("Nội dung dài quá %(n)d ký tự.") % {"n": MAX_TEXT}
        out[name] = value
    out["paper_number"] = nfc(data.get("paper_number") or "")
    if len(out["paper_number"]) > 60:
        errors["paper_number"] = _("Số văn bản dài quá 60 ký tự.")
    paper_date = data.get("paper_date")
    if paper_date and not isinstance(paper_date, datetime.date):
        errors["paper_date"] = _("Ngày văn bản không hợp lệ (dd/mm/yyyy).")
    elif paper_date:
        try:  # a report of a period is signed after the period's data window opens
            check_past_date(paper_date, _("Ngày văn bản"), "paper_date", earliest=report.window_start)
        except ValidationError as error:
            errors.update(error.message_dict)
    out["paper_date"] = paper_date or None
    if errors:
        raise ValidationError(errors)
    return out


def _save(locked: UnitReport, user, **fields) -> None:
    """Saved (not updated in bulk) so django-auditlog records the change; the row is locked."""
    fields.update(updated_at=clock.now(), updated_by=user, revision=locked.revision + 1)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(fields))


def _run(report: UnitReport, user, data: dict | None, expected_revision: int | None, check, work):
    """Lock, check permission and revision, write `data` (when given) and run `work` in one transaction."""
    clean = _clean(data, report) if data is not None else None
    with transaction.atomic():
        locked = _locked(report)
        _require(may_write(user, locked.unit_id), _("Chỉ đơn vị được soạn và gửi báo cáo của mình."))
        # A stale page of the unit first hears that someone else acted (and keeps what it typed), then why
        # it may not act at this step.
        if expected_revision is not None and locked.revision != expected_revision:
            raise _conflict(locked)
        check(locked)
        if clean is not None:
            if not may_edit(user, locked):
                raise PermissionDenied(_("Bạn không được sửa báo cáo ở bước này."))
            _save(locked, user, **clean)
        work(locked)
    report.refresh_from_db()
    return report


def _nothing(locked: UnitReport) -> None:
    return None


def save_draft(user, report: UnitReport, data: dict, expected_revision: int | None = None) -> UnitReport:
    """Save the narrative and the paper's number and date (Lưu nháp)."""

    def check(locked):
        _require(may_edit(user, locked), _("Bạn không được sửa báo cáo ở bước này."))

    return _run(report, user, data, expected_revision, check, _nothing)


def _people(unit_id: int, role: str) -> list[User]:
    return list(User.objects.filter(unit_id=unit_id, role=role, is_active=True))


def _link(report: UnitReport) -> str:
    return reverse("reporting:unit_report", args=[report.pk])


def send_to_head(user, report: UnitReport, data: dict | None = None, expected_revision: int | None = None):
    """An officer sends the draft to his head for approval (Trình thủ trưởng)."""

    def check(locked):
        _require(
            may_write(user, locked.unit_id) and user.role == Role.UNIT_OFFICER,
            _("Chỉ cán bộ đầu mối của đơn vị trình báo cáo lên thủ trưởng."),
        )
        if locked.state != ReportState.DRAFT:
            raise ValidationError(_("Báo cáo không còn ở bước soạn thảo."))
        if not _people(locked.unit_id, Role.UNIT_HEAD):
            raise ValidationError(_("Đơn vị chưa có tài khoản thủ trưởng để duyệt báo cáo."))

    def work(locked):
        _save(locked, user, state=ReportState.AWAITING_HEAD)
        text = _("%(who)s trình %(title)s của đơn vị, chờ thủ trưởng duyệt và gửi.") % {
            "who": user,
            "title": locked.name,
        }
        notify(
            _people(locked.unit_id, Role.UNIT_HEAD), text, subject=_("Báo cáo chờ duyệt"), link=_link(locked)
        )

    return _run(report, user, data, expected_revision, check, work)


def approve_and_submit(
    user, report: UnitReport, data: dict | None = None, expected_revision: int | None = None
) -> UnitReport:
    """The head approves and submits (Duyệt và gửi): the figures of the window are frozen, the time of
    submission recorded against the due date; a correction now supersedes the version in force."""

    def check(locked):
        _require(is_head(user, locked.unit_id), _("Chỉ thủ trưởng đơn vị được duyệt và gửi báo cáo."))
        if locked.state == ReportState.SUBMITTED:
            raise ValidationError(_("Báo cáo đã được gửi."))

    def work(locked):
        previous = (
            UnitReport.objects.in_force()
            .filter(unit_id=locked.unit_id, kind=locked.kind, period=locked.period)
            .exclude(pk=locked.pk)
            .select_for_update(of=("self",))
            .first()
        )
        if previous is not None:  # before this one is in force: one version in force at a time
            previous.superseded_by = locked
            previous.save(update_fields=["superseded_by"])
        _save(
            locked,
            user,
            state=ReportState.SUBMITTED,
            figures=snapshot.unit_figures(locked.unit, locked.window_start, locked.window_end),
            submitted_at=clock.now(),
            submitted_by=user,
        )
        officers = [u for u in _people(locked.unit_id, Role.UNIT_OFFICER) if u.pk != user.pk]
        text = _("%(who)s đã duyệt và gửi %(title)s của đơn vị.") % {"who": user, "title": locked.name}
        notify(officers, text, subject=_("Báo cáo đã gửi"), link=_link(locked))

    return _run(report, user, data, expected_revision, check, work)


def decline(user, report: UnitReport, note: str, expected_revision: int | None = None) -> UnitReport:
    """The head sends the draft back to his officers with what to change (Trả lại để sửa)."""
    note = nfc(note or "")
    if not note:
        raise ValidationError({"note": _("Ghi rõ nội dung cần sửa khi trả lại báo cáo.")})

    def check(locked):
        _require(is_head(user, locked.unit_id), _("Chỉ thủ trưởng đơn vị được trả lại báo cáo."))
        if locked.state != ReportState.AWAITING_HEAD:
            raise ValidationError(_("Báo cáo không ở bước chờ thủ trưởng duyệt."))

    def work(locked):
        _save(locked, user, state=ReportState.DRAFT, head_note=note[:MAX_TEXT])
        text = _("Thủ trưởng trả lại %(title)s để sửa: %(note)s") % {"title": locked.name, "note": note}
        notify(
            _people(locked.unit_id, Role.UNIT_OFFICER),
            text,
            subject=_("Báo cáo bị trả lại"),
            link=_link(locked),
        )

    return _run(report, user, None, expected_revision, check, work)


def correct(user, report: UnitReport) -> UnitReport:
    """A new draft (version n+1) of a submitted report, its narrative copied to be amended (Đính chính)."""
    with transaction.atomic():
        locked = _locked(report)
        _require(
            may_write(user, locked.unit_id), _("Chỉ cán bộ, thủ trưởng của đơn vị được đính chính báo cáo.")
        )
        if not may_correct(user, locked):
            raise ValidationError(
                _("Chỉ đính chính được bản đã gửi đang có hiệu lực, khi chưa có bản đính chính khác.")
            )
        now = clock.now()
        return UnitReport.objects.create(
            unit=locked.unit,
            kind=locked.kind,
            period=locked.period,
            window_start=locked.window_start,
            window_end=locked.window_end,
            due_on=locked.due_on,
            version=locked.version + 1,
            results=locked.results,
            difficulties=locked.difficulties,
            proposals=locked.proposals,
            created_by=user,
            created_at=now,
            updated_at=now,
            updated_by=user,
        )
