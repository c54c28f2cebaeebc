"""Telling people: one in-app notification each, and an e-mail queued after the transaction commits.

Every part of VIC that must tell someone something calls `notify`, so the bell, the e-mail and the
user's preferences behave the same everywhere."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Notification, Preference

SUBJECT_PREFIX = "VIC — "


def notify(
    users: Iterable,
    text: str,
    task=None,
    subject: str | None = None,
    email: bool = True,
    attachments: list[tuple[str, bytes, str]] = (),
    link: str = "",
) -> list[Notification]:
    """Must run inside the caller's transaction: nothing is sent if the caller's change is rolled back.
    `email=False` keeps it to the bell (the demo's replayed history); `attachments` (name, bytes, type)
    go with the e-mail; `link` is the page the bell opens when the notification is not about a task."""
    made = []
    body = text + open_line(task, link)
    for user in {u.pk: u for u in users if u.is_active}.values():
        made.append(Notification.objects.create(user=user, task=task, text=text[:500], link=link))
        if email and user.email and Preference.of(user).email_each:
            queue_email(subject or _("Thông báo"), body, [user.email], list(attachments))
    return made


def open_line(task=None, link: str = "") -> str:
    """The e-mail's last line: where to open it in VIC (the task's page, the page of `link`, else VIC)."""
    from django.conf import settings
    from django.urls import reverse

    path = reverse("tasks:detail", args=[task.pk]) if task is not None else (link or "/")
    return "\n\n" + _("Xem trên VIC: %(url)s") % {"url": settings.VIC_PUBLIC_URL + path}


def excerpt(text: str, limit: int) -> str:
    """`text` in at most `limit` characters and "…", cut after a whole word (Django's Truncator.chars cuts
    inside one: "…về Sở Kế hoạch v")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else text[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


def queue_email(subject: str, body: str, to: list[str], attachments: list | None = None) -> None:
    """Queued on commit; the job retries a failing mail server (urging/jobs.py)."""
    from .jobs import send_email

    transaction.on_commit(lambda: send_email(SUBJECT_PREFIX + subject, body, to, attachments or None))


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
