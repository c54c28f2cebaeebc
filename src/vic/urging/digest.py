"""The daily digest: one e-mail a working day per user, with their unread notifications and the tasks they
answer for that are overdue or soon due. Sent once per user and day (the Digest row is the key)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vic.calendar.services import is_working_day
from vic.tasks.models import Task
from vic.tasks.permissions import FOLLOWING_ROLES
from vic.tasks.status import OVERDUE, due_soon_q
from vic.units.models import Role, User

from .models import Digest, Notification, Preference
from .notify import excerpt, queue_email

LISTED = 10  # tasks listed per section; the rest are counted


def followed(user: User):
    """The tasks a user answers for: a unit's own; an Office officer's or department head's followed tasks
    (the rule of the task page's buttons); the leaders' whole province. The clerk and the administrator
    answer for no task's progress."""
    if not user.sees_province:
        return Task.objects.visible_to(user)
    if user.role in FOLLOWING_ROLES:
        return Task.objects.monitored_by(user)
    if user.role in (Role.OFFICE_LEADER, Role.PROVINCIAL_LEADER):
        return Task.objects.all()
    return Task.objects.none()


def compose(user: User, today: datetime.date) -> tuple[str, int] | None:
    since = Digest.objects.filter(user=user).order_by("-day").values_list("sent_at", flat=True).first()
    notes = Notification.objects.filter(user=user, read_at__isnull=True)
    if since:
        notes = notes.filter(created_at__gt=since)
    tasks = followed(user).with_status(today)
    overdue = tasks.filter(status__in=OVERDUE).order_by("effective_deadline")
    soon = tasks.filter(due_soon_q(today)).order_by("effective_deadline")
    sections = [
        (_("Thông báo chưa đọc"), [n.text for n in notes[:LISTED]], notes.count()),
        (_("Nhiệm vụ quá hạn"), [_line(t) for t in overdue[:LISTED]], overdue.count()),
        (_("Nhiệm vụ sắp đến hạn"), [_line(t) for t in soon[:LISTED]], soon.count()),
    ]
    if not any(count for _title, _lines, count in sections):
        return None
    body = [
        _("Kính gửi %(name)s,") % {"name": user},
        "",
        _("Tình hình ngày %(day)s:") % {"day": f"{today:%d/%m/%Y}"},
    ]
    for title, lines, count in sections:
        if count:
            body += ["", f"{title} ({count}):", *[f"  - {line}" for line in lines]]
            if count > len(lines):
                body.append("  " + _("… và %(n)d mục khác.") % {"n": count - len(lines)})
    body += ["", _("Xem chi tiết và tắt bản tin này tại mục Thông báo trên VIC: %(url)s")
             % {"url": settings.VIC_PUBLIC_URL + reverse("urging:notifications")}]  # fmt: skip
    return "\n".join(body), sum(count for _title, _lines, count in sections)


def _line(task: Task) -> str:
    from vic.reporting.deadlines import shown

    written = shown(task)  # "28/02/2026 (tính đến 02/03/2026)": the directive's date, and the day that counts
    head = f"#{task.pk} {excerpt(task.content, 100)}"
    return f"{head} — {_('hạn')} {written}" if written else head


def send_all(today: datetime.date) -> int:
    if not is_working_day(today):
        return 0
    sent = 0
    users = User.objects.filter(is_active=True).exclude(email="").select_related("unit")
    for user in users:
        if not Preference.of(user).daily_digest or Digest.objects.filter(user=user, day=today).exists():
            continue
        composed = compose(user, today)
        if composed is None:
            continue
        body, items = composed
        try:
            with transaction.atomic():
                Digest.objects.create(user=user, day=today, items=items)
                queue_email(
                    _("Bản tin nhắc việc ngày %(day)s") % {"day": f"{today:%d/%m/%Y}"}, body, [user.email]
                )
        except IntegrityError:  # another worker sent it a moment ago
            continue
        sent += 1
    return sent
