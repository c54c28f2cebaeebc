"""Task status (R-4.7, DOMAIN.md "Status" and "Decisions"): the pure rule, its SQL face, and the calendar."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from tests.factories import DirectiveFactory, register_tasks

from vic.calendar.services import roll_forward
from vic.core import clock
from vic.tasks.actions import confirm_completion, record_progress, withdraw_task
from vic.tasks.models import Schedule, Task
from vic.tasks.status import Facts, Status, days_overdue, derive_status, facts_of

D = datetime.date.fromisoformat

DELIVERED = D("2026-01-12")
DEADLINE = D("2026-03-20")  # a Friday, a working day: the effective deadline is the date as written


def facts(**kw) -> Facts:
    kw.setdefault("delivered_on", DELIVERED)
    kw.setdefault("effective_deadline", DEADLINE)
    return Facts(**kw)


# ---------------------------------------------------------------------------------------------------
# The DOMAIN.md table, case by case (pure function).
# ---------------------------------------------------------------------------------------------------

TABLE = [
    # done (completion confirmed): on time / late, judged by the completion date, whenever evaluated
    ("done before the deadline", facts(completed_on=D("2026-03-10")), "2026-03-25", Status.DONE_ON_TIME),
    ("done on the deadline day", facts(completed_on=DEADLINE), "2026-03-25", Status.DONE_ON_TIME),
    ("done on the deadline, seen that day", facts(completed_on=DEADLINE), "2026-03-20", Status.DONE_ON_TIME),
    ("done a day late", facts(completed_on=D("2026-03-21")), "2026-03-25", Status.DONE_LATE),
    ("done late, seen months later", facts(completed_on=D("2026-04-02")), "2026-12-31", Status.DONE_LATE),
    (
        "done on time, seen a year later",
        facts(completed_on=D("2026-02-02")),
        "2027-03-01",
        Status.DONE_ON_TIME,
    ),
    # in progress (some progress reported)
    ("in progress, before", facts(started_on=D("2026-02-01")), "2026-03-10", Status.IN_PROGRESS_WITHIN),
    ("in progress, deadline day", facts(started_on=D("2026-02-01")), "2026-03-20", Status.IN_PROGRESS_WITHIN),
    ("in progress, day after", facts(started_on=D("2026-02-01")), "2026-03-21", Status.IN_PROGRESS_OVERDUE),
    (
        "started after the deadline",
        facts(started_on=D("2026-03-24")),
        "2026-03-25",
        Status.IN_PROGRESS_OVERDUE,
    ),
    # not started
    ("not started, before", facts(), "2026-03-10", Status.NOT_STARTED_WITHIN),
    ("not started, deadline day", facts(), "2026-03-20", Status.NOT_STARTED_WITHIN),
    ("not started, day after", facts(), "2026-03-21", Status.NOT_STARTED_OVERDUE),
    ("not started, delivery day", facts(), "2026-01-12", Status.NOT_STARTED_WITHIN),
    # no deadline (ongoing / "khẩn trương"): a stage but no timeliness, however late it gets
    ("ongoing, not started", facts(effective_deadline=None), "2027-06-01", Status.NOT_STARTED_NO_DEADLINE),
    (
        "ongoing, in progress",
        facts(effective_deadline=None, started_on=D("2026-02-01")),
        "2027-06-01",
        Status.IN_PROGRESS_NO_DEADLINE,
    ),
    (
        "ongoing, done",
        facts(effective_deadline=None, started_on=D("2026-02-01"), completed_on=D("2026-05-01")),
        "2027-06-01",
        Status.DONE_NO_DEADLINE,
    ),
    # returned and withdrawn tasks leave the counts, whatever else is true
    ("returned before the deadline", facts(returned_on=D("2026-01-13")), "2026-04-30", Status.RETURNED),
    (
        "returned after progress",
        facts(started_on=D("2026-01-20"), returned_on=D("2026-01-25")),
        "2026-04-30",
        Status.RETURNED,
    ),
    ("withdrawn", facts(withdrawn_on=D("2026-02-01")), "2026-04-30", Status.WITHDRAWN),
    (
        "withdrawn after being returned",
        facts(returned_on=D("2026-01-13"), withdrawn_on=D("2026-01-15")),
        "2026-04-30",
        Status.WITHDRAWN,
    ),
    (
        "withdrawn before delivery",
        facts(delivered_on=None, withdrawn_on=D("2026-01-10")),
        "2026-04-30",
        Status.WITHDRAWN,
    ),
    # registered but not delivered: a draft, never overdue
    ("draft before the deadline", facts(delivered_on=None), "2026-03-01", Status.DRAFT),
    ("draft long after the deadline", facts(delivered_on=None), "2026-12-01", Status.DRAFT),
]


@pytest.mark.parametrize(("f", "today", "expected"), [c[1:] for c in TABLE], ids=[c[0] for c in TABLE])
def test_status_table(f, today, expected):
    assert derive_status(f, D(today)) == expected


# Evaluating "as of" a date uses only the facts known then (report windows, DOMAIN "Report population").
AS_OF = [
    ("before delivery it was a draft", facts(), "2026-01-11", Status.DRAFT),
    (
        "completion not yet happened",
        facts(completed_on=D("2026-03-23")),
        "2026-03-22",
        Status.NOT_STARTED_OVERDUE,
    ),
    (
        "completion not yet happened, progress known",
        facts(started_on=D("2026-03-01"), completed_on=D("2026-03-23")),
        "2026-03-22",
        Status.IN_PROGRESS_OVERDUE,
    ),
    (
        "completed later but on time, seen earlier",
        facts(started_on=D("2026-03-01"), completed_on=D("2026-03-15")),
        "2026-03-14",
        Status.IN_PROGRESS_WITHIN,
    ),
    (
        "progress reported after today",
        facts(started_on=D("2026-03-16")),
        "2026-03-15",
        Status.NOT_STARTED_WITHIN,
    ),
    ("returned after today", facts(returned_on=D("2026-03-10")), "2026-03-09", Status.NOT_STARTED_WITHIN),
    ("withdrawn after today", facts(withdrawn_on=D("2026-04-01")), "2026-03-25", Status.NOT_STARTED_OVERDUE),
    ("the day a fact happens it counts", facts(completed_on=D("2026-03-23")), "2026-03-23", Status.DONE_LATE),
]


@pytest.mark.parametrize(("f", "today", "expected"), [c[1:] for c in AS_OF], ids=[c[0] for c in AS_OF])
def test_status_as_of_ignores_later_facts(f, today, expected):
    assert derive_status(f, D(today)) == expected


# ---------------------------------------------------------------------------------------------------
# Days overdue: calendar days past the effective deadline (what reports and the press quote).
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "today", "expected"),
    [
        (facts(), "2026-03-10", 0),
        (facts(), "2026-03-20", 0),  # the deadline day is within
        (facts(), "2026-03-21", 1),
        (facts(), "2026-03-25", 5),
        (facts(), "2026-04-20", 31),
        (facts(completed_on=D("2026-03-23")), "2026-05-01", 3),  # frozen at completion
        (facts(completed_on=D("2026-03-18")), "2026-05-01", 0),
        (facts(completed_on=D("2026-03-30")), "2026-03-25", 5),  # completion after `today` is not known yet
        (facts(effective_deadline=None), "2027-01-01", 0),
        # Deadline Sat 14/02/2026, effective Mon 23/02/2026 after Tết: counted from the effective day.
        (facts(effective_deadline=D("2026-02-23")), "2026-02-25", 2),
    ],
)
def test_days_overdue(f, today, expected):
    assert days_overdue(f, D(today)) == expected


# ---------------------------------------------------------------------------------------------------
# Effective deadline: a written date that falls on a day off rolls to the next working day.
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "effective"),
    [
        ("2026-02-14", "2026-02-23"),  # Sat, first day of Tết 2026 (14/2–22/2)
        ("2026-02-17", "2026-02-23"),  # Tết holiday on a Tuesday
        ("2026-01-02", "2026-01-05"),  # Fri 2/1/2026 off by letter 12729/VPCP-KGVX
        ("2026-01-04", "2026-01-05"),  # Sunday
        ("2026-04-30", "2026-05-04"),  # 30/4 and 1/5 holidays, then the weekend
        ("2026-01-10", "2026-01-10"),  # Sat 10/1/2026 is a swapped working day
        ("2026-03-20", "2026-03-20"),  # an ordinary Friday
    ],
)
def test_effective_deadline_rolls_forward_to_a_working_day(clerk, tree, written, effective):
    directive = DirectiveFactory(issue_date=D("2025-12-22"))  # issued before every written deadline
    (task,) = register_tasks(clerk, tree.stc, directive=directive, deadline=D(written))
    assert task.deadline == D(written)  # the date as written is kept
    assert task.original_deadline == D(written)
    assert task.effective_deadline == D(effective)


def test_deadline_on_tet_saturday_completed_on_the_next_working_day_is_on_time(clerk, users, tree):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-02-14"), deliver_on=D("2026-01-12"))
    assert task.effective_deadline == D("2026-02-23")
    # Before completion: within the deadline through Mon 23/02, overdue from Tue 24/02.
    assert task.status(D("2026-02-16")) == Status.NOT_STARTED_WITHIN
    assert task.status(D("2026-02-23")) == Status.NOT_STARTED_WITHIN
    assert task.status(D("2026-02-24")) == Status.NOT_STARTED_OVERDUE

    task = confirm_completion(users.monitoring_officer, task, completed_on=D("2026-02-23"))
    assert task.status(D("2026-03-01")) == Status.DONE_ON_TIME
    assert Task.objects.with_status(D("2026-03-01")).get(pk=task.pk).status == Status.DONE_ON_TIME
    assert days_overdue(facts_of(task), D("2026-03-01")) == 0


def test_completed_the_day_after_the_rolled_deadline_is_late(clerk, users, tree):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-02-14"), deliver_on=D("2026-01-12"))
    task = confirm_completion(users.monitoring_officer, task, completed_on=D("2026-02-24"))
    assert task.status(D("2026-03-01")) == Status.DONE_LATE
    assert days_overdue(facts_of(task), D("2026-03-01")) == 1


# ---------------------------------------------------------------------------------------------------
# The SQL face agrees with the pure function, on states built by the actions.
# ---------------------------------------------------------------------------------------------------

TODAY = D("2026-03-25")
EARLY, LATE = D("2026-03-31"), D("2026-03-20")  # a deadline still ahead of TODAY / already passed


def test_with_status_gives_every_status_for_tasks_built_by_actions(clerk, users, tree):
    officer = users.stc_officer
    mo = users.monitoring_officer

    def one(deliver=True, **kw):
        (task,) = register_tasks(clerk, tree.stc, deliver_on=D("2026-01-12") if deliver else None, **kw)
        return task

    expected = {}
    expected[one(deliver=False, deadline=LATE).pk] = Status.DRAFT
    expected[one(deadline=EARLY).pk] = Status.NOT_STARTED_WITHIN
    expected[one(deadline=LATE).pk] = Status.NOT_STARTED_OVERDUE

    t = one(deadline=EARLY)
    record_progress(officer, t, "Đã xây dựng dự thảo kế hoạch", reported_on=D("2026-03-10"))
    expected[t.pk] = Status.IN_PROGRESS_WITHIN

    # The deadline day itself is within the deadline, in SQL as in Python.
    expected[one(deadline=TODAY).pk] = Status.NOT_STARTED_WITHIN
    t = one(deadline=TODAY)
    record_progress(officer, t, "Đang hoàn thiện báo cáo", reported_on=D("2026-03-24"))
    expected[t.pk] = Status.IN_PROGRESS_WITHIN
    expected[confirm_completion(mo, one(deadline=TODAY), completed_on=TODAY).pk] = Status.DONE_ON_TIME

    t = one(deadline=LATE)
    record_progress(officer, t, "Đang lấy ý kiến các sở", reported_on=D("2026-03-10"))
    expected[t.pk] = Status.IN_PROGRESS_OVERDUE

    expected[confirm_completion(mo, one(deadline=LATE), completed_on=LATE).pk] = Status.DONE_ON_TIME
    expected[confirm_completion(mo, one(deadline=LATE), completed_on=D("2026-03-24")).pk] = Status.DONE_LATE

    expected[one(schedule=Schedule.ONGOING, deadline=None).pk] = Status.NOT_STARTED_NO_DEADLINE
    t = one(schedule=Schedule.ONGOING, deadline=None)
    record_progress(officer, t, "Thực hiện thường xuyên", reported_on=D("2026-02-10"))
    expected[t.pk] = Status.IN_PROGRESS_NO_DEADLINE
    t = confirm_completion(mo, one(schedule=Schedule.ASAP, deadline=None), completed_on=D("2026-02-01"))
    expected[t.pk] = Status.DONE_NO_DEADLINE

    with clock.at(D("2026-02-02")):
        t = withdraw_task(clerk, one(deadline=LATE), "Giao trùng với Công văn số 120/UBND-TH")
    expected[t.pk] = Status.WITHDRAWN

    # No action writes returns yet (R-5.3 is another session's): set the fact directly, tests only.
    t = one(deadline=LATE)
    Task.objects.filter(pk=t.pk).update(returned_on=D("2026-01-14"))
    expected[t.pk] = Status.RETURNED

    assert set(expected.values()) == set(Status)  # every status is exercised
    rows = Task.objects.with_status(TODAY)
    assert {t.pk: t.status for t in rows} == expected
    assert {t.pk: t.status(TODAY) for t in Task.objects.all()} == expected

    # Reports count neither drafts nor returned nor withdrawn tasks.
    left_out = {Status.DRAFT, Status.RETURNED, Status.WITHDRAWN}
    assert set(Task.objects.counted().values_list("pk", flat=True)) == {
        pk for pk, s in expected.items() if s not in left_out
    }


# Dates bunched around the Tết 2026 break so that equal dates, deadline days and rolled deadlines are common.
ANCHOR = D("2026-02-13")
offsets = st.integers(min_value=-4, max_value=12)
maybe = st.none() | offsets
# Completion, return and withdrawal are the exceptions: mostly absent, so open tasks are well covered.
rare = st.one_of(st.none(), st.none(), st.none(), offsets)
# `today` is often the effective deadline itself or a day either side: the boundary the rules turn on.
todays = st.sampled_from(["deadline-1", "deadline", "deadline+1"]) | offsets


def _day(offset):
    return None if offset is None else ANCHOR + datetime.timedelta(days=offset)


@pytest.fixture
def directive(db):
    return DirectiveFactory(number="846", symbol="UBND-TH", issue_date=D("2026-01-05"))


@hsettings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the work tree; the boundaries are fixed @examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    delivered=maybe,
    deadline=maybe,
    started=maybe,
    completed=rare,
    returned=rare,
    withdrawn=rare,
    today=todays,
)
# The boundaries, always tried: the deadline day (Sat 14/02/2026 → Mon 23/02/2026 after Tết) and the day after.
@example(
    delivered=-4, deadline=0, started=None, completed=None, returned=None, withdrawn=None, today="deadline"
)
@example(
    delivered=-4, deadline=1, started=-2, completed=None, returned=None, withdrawn=None, today="deadline"
)
@example(
    delivered=-4, deadline=1, started=None, completed=None, returned=None, withdrawn=None, today="deadline+1"
)
@example(delivered=-4, deadline=1, started=-2, completed=10, returned=None, withdrawn=None, today=12)
@example(delivered=-4, deadline=1, started=-2, completed=11, returned=None, withdrawn=None, today=12)
@example(delivered=None, deadline=1, started=None, completed=None, returned=None, withdrawn=-1, today=12)
def test_sql_status_agrees_with_derive_status(
    clerk, tree, directive, delivered, deadline, started, completed, returned, withdrawn, today
):
    (task,) = register_tasks(clerk, tree.stc, directive=directive)
    written = _day(deadline)
    # Arbitrary fact combinations, some no action would produce: tests only.
    Task.objects.filter(pk=task.pk).update(
        schedule=Schedule.DATED if written else Schedule.ONGOING,
        deadline=written,
        effective_deadline=roll_forward(written) if written else None,
        delivered_on=_day(delivered),
        started_on=_day(started),
        completed_on=_day(completed),
        returned_on=_day(returned),
        withdrawn_on=_day(withdrawn),
    )
    task.refresh_from_db()
    if isinstance(today, str):
        around = task.effective_deadline or ANCHOR
        day = around + datetime.timedelta(days={"deadline-1": -1, "deadline": 0, "deadline+1": 1}[today])
    else:
        day = _day(today)
    sql = Task.objects.filter(pk=task.pk).with_status(day).get().status
    assert sql == derive_status(facts_of(task), day)
    assert task.status(day) == sql


@pytest.mark.django_db
def test_due_soon_is_one_rule_for_the_badge_the_list_and_the_digest(settings):
    """5 working days from Thu 12/02/2026 reach past Tết to Thu 26/02; only open tasks within their deadline
    carry the marker (a returned task near its deadline does not)."""
    from vic.tasks.status import due_soon_limit, is_due_soon

    settings.VIC_DUE_SOON_WORKING_DAYS = 5
    today = datetime.date(2026, 2, 12)
    assert due_soon_limit(today) == datetime.date(2026, 2, 26)
    assert is_due_soon(Status.IN_PROGRESS_WITHIN, datetime.date(2026, 2, 26), today)
    assert not is_due_soon(Status.IN_PROGRESS_WITHIN, datetime.date(2026, 2, 27), today)
    assert not is_due_soon(Status.RETURNED, datetime.date(2026, 2, 13), today)
    assert not is_due_soon(Status.NOT_STARTED_NO_DEADLINE, None, today)
