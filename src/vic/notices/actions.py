"""Every write of the notices app: issuing a notice (permission, one transaction, journal rows, notifications
queued on commit). Installing its Word template is vic.core.word_templates, shared with the reports."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vic.core import clock
from vic.tasks.actions import journal
from vic.tasks.models import EventKind
from vic.units.models import Leader, LeaderPosition, Role, Unit, UnitKind, User
from vic.urging.notify import notify

from . import document
from .models import NoticeItem, NoticeTemplate, UrgingNotice
from .selection import may_issue, rows_of, tasks_for_unit

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_WINDOW_DAYS = 30


def default_symbol(user) -> str:
    """`VP-TH`: the Office's letters carry the drafting department's short name (DOMAIN "Documents")."""
    unit = getattr(user, "unit", None)
    if unit is not None and unit.kind == UnitKind.OFFICE_DEPARTMENT and unit.short_name:
        return f"VP-{unit.short_name}"
    return "VP-TH"


def default_signer(user):
    """The issuing Office leader himself, else the first Deputy Chief (who usually signs urging letters)."""
    office = [LeaderPosition.OFFICE_CHIEF, LeaderPosition.OFFICE_DEPUTY]
    mine = Leader.objects.filter(user_id=user.pk, active=True, position__in=office).first()
    return mine or Leader.objects.filter(active=True, position=LeaderPosition.OFFICE_DEPUTY).first()


def _drafting_department(symbol: str) -> str:
    parts = symbol.split("-")
    return parts[-1] if len(parts) > 1 else symbol


def _check_number(number: str, symbol: str, year: int) -> None:
    """Numbers restart every 1 January: the same number and symbol twice in a year is a typing mistake."""
    if number and UrgingNotice.objects.filter(number=number, symbol=symbol, as_of__year=year).exists():
        message = _("Số %(ref)s đã dùng cho một văn bản đôn đốc khác trong năm %(year)s.")
        raise ValidationError({"number": message % {"ref": f"{number}/{symbol}", "year": year}})


def issue_notice(
    user,
    unit: Unit,
    task_ids,
    *,
    number: str = "",
    symbol: str = "",
    signer=None,
    window_days: int | None = None,
) -> UrgingNotice:
    """Issue an urging notice to `unit` listing the chosen tasks among its overdue and soon-due ones.

    Each listed task gets a journal row; the unit's officers and head are notified (e-mail with the
    document attached, sent after the commit)."""
    if not may_issue(user):
        raise PermissionDenied(
            _("Chỉ chuyên viên theo dõi, trưởng phòng và lãnh đạo Văn phòng được lập văn bản đôn đốc.")
        )
    today = clock.today()
    window_days = settings.VIC_DUE_SOON_WORKING_DAYS if window_days is None else window_days
    if not 1 <= window_days <= MAX_WINDOW_DAYS:
        raise ValidationError(
            {"window_days": _("Số ngày làm việc phải từ 1 đến %(max)d.") % {"max": MAX_WINDOW_DAYS}}
        )
    number, symbol = (number or "").strip(), (symbol or "").strip() or default_symbol(user)
    wanted = {int(pk) for pk in task_ids}
    if not wanted:
        raise ValidationError(_("Chọn ít nhất một nhiệm vụ để đôn đốc."))
    with transaction.atomic():
        tasks = list(tasks_for_unit(user, unit, today, window_days).filter(pk__in=wanted))
        missing = wanted - {t.pk for t in tasks}
        if missing:
            raise ValidationError(
                _(
                    "Nhiệm vụ %(ids)s không thuộc danh sách quá hạn, sắp đến hạn của đơn vị mà bạn theo dõi "
                    "(có thể vừa hoàn thành hoặc được gia hạn). Mở lại trang để xem danh sách mới."
                )
                % {"ids": ", ".join(f"#{pk}" for pk in sorted(missing))}
            )
        _check_number(number, symbol, today.year)
        rows = rows_of(tasks, today)
        template = NoticeTemplate.objects.filter(is_active=True).first()
        context = document.build_context(
            unit=unit,
            rows=rows,
            as_of=today,
            number=number,
            symbol=symbol,
            window_days=window_days,
            signer=signer,
            drafting_department=_drafting_department(symbol),
        )
        data = document.render(document.template_bytes(template), context)
        notice = UrgingNotice(
            unit=unit,
            issued_by=user,
            issued_at=clock.now(),
            as_of=today,
            number=number,
            symbol=symbol,
            window_days=window_days,
            signer=signer,
            overdue_count=sum(1 for r in rows if r.overdue),
            due_soon_count=sum(1 for r in rows if not r.overdue),
            template=template,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
        )
        notice.file.save(f"{notice.sha256}.docx", ContentFile(data), save=False)
        notice.save()
        NoticeItem.objects.bulk_create(
            NoticeItem(
                notice=notice,
                task=r.task,
                position=i,
                status=r.status.value,
                effective_deadline=r.task.effective_deadline,
                days_overdue=r.days_overdue,
            )
            for i, r in enumerate(rows, start=1)
        )
        for r in rows:
            journal(r.task, EventKind.URGING_NOTICE, user, note=_journal_note(notice, r))
        _notify(notice, data)
    return notice


def _journal_note(notice: UrgingNotice, row) -> str:
    state = (
        _("quá hạn %(n)d ngày") % {"n": row.days_overdue}
        if row.overdue
        else _("sắp đến hạn, còn %(n)d ngày") % {"n": row.days_left}
    )
    return _("Văn bản đôn đốc %(ref)s gửi %(unit)s (%(state)s).") % {
        "ref": notice.reference,
        "unit": notice.unit,
        "state": state,
    }


def recipients(unit: Unit) -> list[User]:
    """The unit's contact officers and head (who answer for the unit's tasks)."""
    return list(
        User.objects.filter(unit=unit, is_active=True, role__in=[Role.UNIT_OFFICER, Role.UNIT_HEAD]).order_by(
            "pk"
        )
    )


def notification_text(notice: UrgingNotice) -> str:
    counts = []
    if notice.overdue_count:
        counts.append(_("%(n)d nhiệm vụ quá hạn") % {"n": notice.overdue_count})
    if notice.due_soon_count:
        counts.append(_("%(n)d nhiệm vụ sắp đến hạn") % {"n": notice.due_soon_count})
    return _(
        "Văn phòng UBND tỉnh gửi văn bản đôn đốc %(ref)s về %(counts)s của đơn vị; "
        "xem và tải văn bản tại mục “Văn bản đôn đốc”."
    ) % {"ref": notice.reference, "counts": _(" và ").join(counts)}


def _notify(notice: UrgingNotice, data: bytes) -> None:
    """The bell and, per each person's preference, an e-mail with the notice attached (retried)."""
    notify(
        recipients(notice.unit),
        notification_text(notice),
        subject=_("văn bản đôn đốc %(ref)s") % {"ref": notice.reference},
        attachments=[(notice.filename, data, DOCX_TYPE)],
        link=reverse("notices:detail", args=[notice.pk]),
    )
