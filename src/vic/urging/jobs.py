"""The background jobs of urging: the reminder scan, the daily digest, and e-mail delivery with retries.

Every worker runs the schedule (huey's periodic tasks); the scans are idempotent (the dispatch and digest
logs are their keys), so two workers, a rerun, or a job redone after a hard kill never send twice.
"""

from __future__ import annotations

import datetime
import logging

from django.core.mail import EmailMessage
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, signal
from huey.signals import SIGNAL_ERROR, SIGNAL_RETRYING

from vic.core import clock

log = logging.getLogger("vic.jobs")


@db_task(retries=5, retry_delay=120)
def send_email(subject: str, body: str, to: list[str], attachments: list | None = None) -> None:
    """Raises on an SMTP failure so huey retries it (every 2 minutes, 5 times) and logs each failure.
    `attachments`: (file name, bytes, MIME type) — an urging notice's .docx."""
    message = EmailMessage(subject, body, None, to)
    for name, data, mimetype in attachments or ():
        message.attach(name, data, mimetype)
    message.send(fail_silently=False)


@db_task()
def scan(day: str | None = None) -> int:
    """Send the reminders due on `day` (ISO date; today when None). Safe to run twice or at once."""
    from . import services

    if day is None:
        return services.send(clock.today())
    when = datetime.date.fromisoformat(day)
    with clock.at(when):
        return services.send(when)


# Every 15 minutes in office hours: a reminder is sent at the first scan of its day.
# Periodic jobs return nothing: huey would keep each result (about 50 a day) for ever.
@db_periodic_task(crontab(minute="*/15", hour="6-18"))
def scan_reminders() -> None:
    log.info("Reminder scan: %d sent", scan.call_local())


@db_periodic_task(crontab(minute="30", hour="7"))
def send_daily_digests() -> None:
    from . import digest

    log.info("Daily digests: %d sent", digest.send_all(clock.today()))


@signal(SIGNAL_ERROR)
def _log_error(signal_name, task, exc=None):
    log.error("Job %s (%s) failed: %r", task.name, task.id, exc)


@signal(SIGNAL_RETRYING)
def _log_retry(signal_name, task):
    log.warning("Job %s (%s) will be retried (%s retries left)", task.name, task.id, task.retries)


__all__ = ["HUEY", "scan", "scan_reminders", "send_daily_digests", "send_email"]
