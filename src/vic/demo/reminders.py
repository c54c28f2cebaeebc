"""The demo's recent reminders: the last working days' scans replayed, so the bell has something to show.
No e-mail (the console would be flooded at start-up); the worker sends today's with e-mail as usual."""

from __future__ import annotations

import datetime

from vic.calendar.services import is_working_day
from vic.core import clock
from vic.urging import services

DAYS = 3


def load_reminders() -> int:
    days, day = [], clock.today()
    while len(days) < DAYS:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    sent = 0
    for day in reversed(days):
        with clock.at(day):
            sent += services.send(day, email=False)
    return sent
