"""The shape of the invented 2026 directives (plan_2026_h1/h2), made so that every status shows on 03/12/2026.

Each task names its outcome (history.py), or MIXED for a random one per lead unit. Deadlines on days off
(31/01, 28/02, 25/04, 10/05, 31/08, 31/10, 15/11, 05/12, 20/12) show the effective deadline rolling.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .history import LATE, NONE, ON_TIME, PROGRESS

MIXED = "mixed"
SERIES = "series"  # a recurring duty: each past occurrence done (mostly on time), the current one in progress
NEXT_DAY = "next"  # delivered on the next working day (the one-working-day rule)
DISTRICTS = "UBND các huyện, thành phố"


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@dataclass(frozen=True)
class G:
    """A generated task."""

    content: str
    lead: str
    outcome: str
    deadline: str | None = None
    coordinators: tuple[str, ...] = ()
    key: bool = False
    asap: bool = False
    frequency: str = ""
    until: str | None = None
    report_to: str = "UBND tỉnh"
    expected_output: str = ""
    report_by: bool = False


@dataclass(frozen=True)
class GD:
    """A generated directive."""

    kind: str
    number: str
    symbol: str
    issue_date: datetime.date
    abstract: str
    leader: str
    tasks: tuple[G, ...]
    registered_on: datetime.date | None = None  # default: the issue date
    delivered_on: datetime.date | str | None = NEXT_DAY  # None: registered only (draft)
    department: str = ""  # Office department short name when the symbol does not name one
    signer_position: str = "Phó Chủ tịch"
    notes: str = ""


MIXED_OUTCOMES = ([ON_TIME, LATE, PROGRESS, NONE], [45, 20, 20, 15])
SERIES_OUTCOMES = ([ON_TIME, LATE], [80, 20])
