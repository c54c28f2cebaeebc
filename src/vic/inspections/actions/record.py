"""Recording an inspection and correcting it (R-8.1), with optimistic locking like the tasks' edits."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.text import nfc
from vic.core.uploads import check_attachments, remove_stored, store_upload
from vic.formats import moment
from vic.tasks.actions import ConcurrentEdit, journal
from vic.tasks.models import EventKind, Task

from ..models import Inspection, InspectionFile
from ..permissions import may_record

# The inspection's own fields that the record form edits (its people, units and tasks are passed apart).
RECORD_FIELDS = [
    "title", "basis", "started_on", "ended_on", "leader", "leader_name", "other_members", "findings",
    "conclusion",
]  # fmt: skip
TEXT_FIELDS = ["title", "basis", "leader_name", "other_members", "findings", "conclusion"]
EARLIEST = datetime.date(1990, 1, 1)


def _require_recorder(user) -> None:
    if not may_record(user):
        raise PermissionDenied(_("Chỉ Văn phòng được ghi nhận, sửa đợt kiểm tra."))


def _validate(inspection: Inspection, units) -> None:
    """Check the inspection as it would be saved; every message names its field."""
    errors = {}
    if not inspection.title.strip():
        errors["title"] = _("Chưa nhập nội dung kiểm tra.")
    if not inspection.findings.strip():
        errors["findings"] = _("Chưa nhập kết quả kiểm tra.")
    if not units:
        errors["units"] = _("Chọn ít nhất một đơn vị được kiểm tra.")
    if inspection.leader_id is None and not inspection.leader_name.strip():
        errors["leader"] = _("Chọn trưởng đoàn hoặc ghi họ tên, chức vụ trưởng đoàn.")
    start, end, today = inspection.started_on, inspection.ended_on, clock.today()
    if start is None:
        errors["started_on"] = _("Chưa nhập ngày kiểm tra (dd/mm/yyyy).")
    elif start > today:
        errors["started_on"] = _(
            "Ngày kiểm tra không được sau ngày hôm nay: ghi nhận đợt kiểm tra đã diễn ra."
        )
    elif start < EARLIEST:
        errors["started_on"] = _("Ngày kiểm tra phải từ năm 1990 trở đi.")
    if start and end and end < start:
        errors["ended_on"] = _("“Đến ngày” không được trước ngày kiểm tra.")
    elif end and end > today:
        errors["ended_on"] = _("“Đến ngày” không được sau ngày hôm nay.")
    if errors:
        raise ValidationError(errors)


def _pk(task) -> int:
    return task.pk if isinstance(task, Task) else int(task)


def _checkable(user, tasks, units) -> list[Task]:
    """Only tasks the user may see, delivered, and led or coordinated by an inspected unit (or one of its
    sub-units) can be recorded as checked."""
    wanted = {_pk(t) for t in tasks}
    found = {t.pk: t for t in Task.objects.visible_to(user).filter(pk__in=wanted)}
    missing = sorted(wanted - set(found))
    if missing:
        raise ValidationError(
            {
                "tasks": _("Không tìm thấy nhiệm vụ %(ids)s (hoặc bạn không được xem).")
                % {"ids": ", ".join(f"#{pk}" for pk in missing)}
            }
        )
    drafts = sorted(pk for pk, t in found.items() if t.delivered_on is None)
    if drafts:
        raise ValidationError(
            {
                "tasks": _("Nhiệm vụ %(ids)s chưa chuyển giao cho đơn vị, chưa thể kiểm tra.")
                % {"ids": ", ".join(f"#{pk}" for pk in drafts)}
            }
        )
    unit_ids = {u.pk for u in units}
    concerned = set(
        Task.objects.filter(pk__in=found)
        .filter(
            Q(lead_unit_id__in=unit_ids)
            | Q(lead_unit__parent_id__in=unit_ids)
            | Q(coordinations__unit_id__in=unit_ids)
        )
        .values_list("pk", flat=True)
    )
    strangers = sorted(set(found) - concerned)
    if strangers:
        raise ValidationError(
            {
                "tasks": _(
                    "Nhiệm vụ %(ids)s không do đơn vị được kiểm tra chủ trì hay phối hợp; thêm đơn vị đó vào đợt "
                    "kiểm tra hoặc bỏ nhiệm vụ."
                )
                % {"ids": ", ".join(f"#{pk}" for pk in strangers)}
            }
        )
    return [found[pk] for pk in sorted(found)]


def _journal_checked(user, inspection: Inspection, tasks: list[Task]) -> None:
    note = _("Được kiểm tra trong đợt kiểm tra “%(title)s” ngày %(day)s (đợt kiểm tra #%(id)s).") % {
        "title": inspection.title,
        "day": inspection.started_on.strftime("%d/%m/%Y"),
        "id": inspection.pk,
    }
    for task in tasks:
        journal(task, EventKind.INSPECTED, user, note=note)


def _refresh_search(inspection: Inspection) -> None:
    inspection.search_text = inspection.compute_search_text()
    Inspection.objects.filter(pk=inspection.pk).update(search_text=inspection.search_text)


def _clean_text(fields: dict) -> dict:
    return {k: (nfc(v) if k in TEXT_FIELDS and isinstance(v, str) else v) for k, v in fields.items()}


def record_inspection(user, fields: dict, *, units, tasks=(), members=(), uploads=()) -> Inspection:
    """Record an inspection that took place: the checked tasks get a journal row each."""
    _require_recorder(user)
    fields = _clean_text({k: v for k, v in fields.items() if k in RECORD_FIELDS})
    inspection = Inspection(**fields, created_by=user, updated_by=user)
    units = list(units)
    _validate(inspection, units)
    checked = _checkable(user, tasks, units)
    files = check_attachments(uploads)  # before anything is written
    written: list[InspectionFile] = []
    try:
        with transaction.atomic():
            inspection.save()
            inspection.units.set(units)
            inspection.members.set(list(members))
            inspection.tasks.set(checked)
            written += [attach_inspection_file(user, inspection, upload, sha) for upload, sha in files]
            _refresh_search(inspection)
            _journal_checked(user, inspection, checked)
    except BaseException:
        remove_stored(written)
        raise
    return inspection


def _conflict(inspection: Inspection) -> ConcurrentEdit:
    return ConcurrentEdit(
        _(
            "Đợt kiểm tra đã được %(who)s sửa lúc %(when)s, sau khi bạn mở trang. Những gì bạn nhập vẫn còn "
            "trên trang — kiểm tra lại rồi bấm Lưu: chỉ các mục bạn sửa được ghi, thay đổi của người khác ở "
            "các mục còn lại được giữ."
        )
        % {
            "who": inspection.updated_by,
            "when": moment(inspection.updated_at),
        },
        code="conflict",
    )


def update_inspection(
    user,
    inspection: Inspection,
    changes: dict,
    *,
    expected_version: int,
    units=None,
    tasks=None,
    members=None,
    uploads=(),
) -> Inspection:
    """Apply what this user changed; `None` for units/tasks/members leaves them as they are.

    Someone else's save since the page was opened raises ConcurrentEdit and changes nothing."""
    _require_recorder(user)
    files = check_attachments(uploads)
    written: list[InspectionFile] = []
    try:
        with transaction.atomic():
            current = (
                Inspection.objects.select_for_update(of=("self",))
                .select_related("updated_by")
                .get(pk=inspection.pk)
            )
            if current.version != expected_version:
                raise _conflict(current)
            for name, value in _clean_text({k: v for k, v in changes.items() if k in RECORD_FIELDS}).items():
                setattr(current, name, value)
            new_units = list(current.units.all()) if units is None else list(units)
            _validate(current, new_units)
            added: list[Task] = []
            if tasks is not None:
                before = set(current.tasks.values_list("pk", flat=True))
                # Tasks already recorded stay even if the user can no longer see them; new ones are checked.
                checked = _checkable(user, [t for t in tasks if _pk(t) not in before], new_units)
                kept = [_pk(t) for t in tasks if _pk(t) in before]
                current.tasks.set([*kept, *checked])
                added = checked
            current.updated_by, current.updated_at = user, clock.now()
            current.version += 1
            current.save()
            if units is not None:
                current.units.set(new_units)
            if members is not None:
                current.members.set(list(members))
            written += [attach_inspection_file(user, current, upload, sha) for upload, sha in files]
            _refresh_search(current)
            _journal_checked(user, current, added)
    except BaseException:
        remove_stored(written)
        raise
    inspection.refresh_from_db()
    return inspection


def add_checked_tasks(user, inspection: Inspection, tasks) -> list[Task]:
    """Add tasks found by search to the checked ones; those already there are left as they are."""
    _require_recorder(user)
    with transaction.atomic():
        current = Inspection.objects.select_for_update().get(pk=inspection.pk)
        before = set(current.tasks.values_list("pk", flat=True))
        new = _checkable(user, [t for t in tasks if _pk(t) not in before], list(current.units.all()))
        if not new:
            return []
        current.tasks.add(*new)
        current.version += 1  # the row is locked (select_for_update)
        current.updated_by, current.updated_at = user, clock.now()
        current.save(update_fields=["version", "updated_by", "updated_at"])
        _journal_checked(user, current, new)
    inspection.refresh_from_db()
    return new


def attach_inspection_file(user, inspection: Inspection, upload, sha256: str | None = None) -> InspectionFile:
    return store_upload(InspectionFile(inspection=inspection, uploaded_by=user), upload, sha256)
