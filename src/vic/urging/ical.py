"""The calendar feed (RFC 5545): one all-day event per open task on its deadline in force.

Read through the owner's permissions at every fetch, so a user who changes unit or leaves stops seeing
tasks at once; revoking the feed's address stops the feed."""

from __future__ import annotations

import datetime
import secrets

from django.db.models import Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from vic.core import clock
from vic.tasks.models import Task
from vic.tasks.permissions import FOLLOWING_ROLES, role_of
from vic.tasks.status import OPEN, Status

from .models import CalendarFeed, FeedScope
from .notify import excerpt

MAX_EVENTS = 2000  # a calendar program chokes on more; the nearest deadlines come first
PAST_DAYS = 365  # overdue tasks stay on the calendar for a year


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tasks_of(feed: CalendarFeed, today: datetime.date):
    owner = feed.owner
    tasks = Task.objects.visible_to(owner)
    if role_of(owner) in FOLLOWING_ROLES:
        # An officer's calendar holds the tasks he follows, not the whole province's deadlines.
        tasks = tasks.monitored_by(owner)
    if feed.scope == FeedScope.UNIT:
        tasks = tasks.filter(Q(lead_unit_id=owner.unit_id) | Q(coordinations__unit_id=owner.unit_id))
    return (
        tasks.with_status(today)
        .filter(status__in=OPEN, effective_deadline__gte=today - datetime.timedelta(days=PAST_DAYS))
        .select_related("lead_unit", "directive")
        .distinct()
        .order_by("effective_deadline", "pk")[:MAX_EVENTS]
    )


def build(feed: CalendarFeed, task_url, host: str) -> bytes:
    """`task_url(task)` gives the absolute address of a task's page; `host` names the UIDs."""
    today = clock.today()
    cal = Calendar()
    cal.add("prodid", "-//VIC//Theo doi nhiem vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("VIC — Thời hạn nhiệm vụ (%(who)s)") % {"who": feed.owner})
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    cal.add("x-published-ttl", "PT1H")
    stamp = clock.now().astimezone(datetime.UTC)
    for task in tasks_of(feed, today):
        event = Event()
        event.add("uid", f"task-{task.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.effective_deadline)
        event.add("dtend", task.effective_deadline + datetime.timedelta(days=1))
        event.add(
            "summary",
            _("Hạn: %(content)s — %(unit)s")
            % {"content": excerpt(task.content, 120), "unit": task.lead_unit},
        )
        event.add("description", _describe(task))
        event.add("url", task_url(task))
        event.add("categories", [str(Status(task.status).label)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _describe(task: Task) -> str:
    lines = [
        task.content,
        _("Văn bản giao: %(d)s") % {"d": task.directive},
        _("Đơn vị chủ trì: %(u)s") % {"u": task.lead_unit},
        _("Tình trạng: %(s)s") % {"s": Status(task.status).label},
    ]
    if task.deadline and task.deadline != task.effective_deadline:
        # The event sits on the working day that counts; the directive's own date is said here.
        lines.append(
            _("Thời hạn ghi trong văn bản: %(d)s (ngày nghỉ, tính đến %(e)s)")
            % {"d": f"{task.deadline:%d/%m/%Y}", "e": f"{task.effective_deadline:%d/%m/%Y}"}
        )
    if task.original_deadline and task.original_deadline != task.deadline:
        lines.append(_("Thời hạn ban đầu: %(d)s") % {"d": f"{task.original_deadline:%d/%m/%Y}"})
    return "\n".join(lines)
