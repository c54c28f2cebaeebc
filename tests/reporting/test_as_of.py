"""A report for a past window judges each task with the facts known at the window's end, its deadline
included (DOMAIN "Decisions"): an extension or a correction decided later does not rewrite it."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import DirectiveFactory, register_tasks

from vic.calendar import actions as calendar_actions
from vic.calendar.models import DayOverride
from vic.core import clock
from vic.reporting import figures
from vic.tasks import actions
from vic.tasks.models import DeadlineChange, SubmissionKind, Task
from vic.tasks.status import Status, status_of_task

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db

START, END = D("2026-11-15"), D("2026-11-30")


@pytest.fixture
def task(clerk, tree, leader) -> Task:
    """STC's task due Fri 27/11/2026, not started, delivered 16/11; on 04/12 the leader extends it to 31/12."""
    with clock.at(D("2026-11-16")):
        (task,) = register_tasks(
            clerk, tree.stc, directive=DirectiveFactory(issue_date=D("2026-11-16")), assigning_leader=leader,
            deadline=D("2026-11-27"), deliver_on=D("2026-11-16"),
        )  # fmt: skip
    return task


def extend(users, leader, task, day: str, to: str) -> None:
    with clock.at(D(day)):
        actions.submit(
            users.stc_officer, task, SubmissionKind.EXTENSION, "Xin gia hạn", proposed_deadline=D(to)
        )
        actions.decide_extension(leader.user, task, approve=True, note="Đồng ý gia hạn")


def stc_row(tree):
    return figures.table(Task.objects.all(), START, END)[tree.stc.pk]


def test_an_extension_decided_after_the_window_leaves_its_report_as_it_was(tree, users, leader, task):
    with clock.at(D("2026-12-03")):
        before = stc_row(tree)
    assert before.counts == {Status.NOT_STARTED_OVERDUE: 1} and before.on_time_rate == 0.0
    extend(users, leader, task, "2026-12-04", "2026-12-31")
    with clock.at(D("2026-12-05")):
        after = stc_row(tree)
        (overdue,) = figures.overdue_tasks(Task.objects.all(), START, END)
        # The task's page today: within its new deadline.
        assert Task.objects.with_status().get(pk=task.pk).status == Status.NOT_STARTED_WITHIN
        # Both faces agree on the past day and on today.
        assert status_of_task(Task.objects.get(pk=task.pk), END) == Status.NOT_STARTED_OVERDUE
        assert status_of_task(Task.objects.get(pk=task.pk)) == Status.NOT_STARTED_WITHIN
    assert after.counts == before.counts and after.on_time_rate == 0.0
    assert (overdue.pk, overdue.days_overdue, overdue.effective_as_of) == (task.pk, 3, D("2026-11-27"))


def test_an_extension_decided_within_the_window_counts_in_it(tree, users, leader, task):
    """Decided on 25/11, before the old deadline: at the end of the window the task is within 31/12."""
    extend(users, leader, task, "2026-11-25", "2026-12-31")
    with clock.at(D("2026-12-05")):
        assert stc_row(tree).counts == {Status.NOT_STARTED_WITHIN: 1}
        assert figures.overdue_tasks(Task.objects.all(), START, END) == []


def test_a_decision_on_the_last_day_of_the_window_is_known_at_its_end(tree, users, leader, task):
    extend(users, leader, task, "2026-11-30", "2026-12-31")
    with clock.at(D("2026-12-05")):
        assert stc_row(tree).counts == {Status.NOT_STARTED_WITHIN: 1}


def test_two_later_changes_go_back_to_the_deadline_in_force_at_the_end(tree, users, leader, task):
    extend(users, leader, task, "2026-11-20", "2026-11-28")  # Saturday: rolls to Mon 30/11, in force at END
    extend(users, leader, task, "2026-12-02", "2026-12-18")
    extend(users, leader, task, "2026-12-10", "2026-12-31")
    assert list(DeadlineChange.objects.values_list("old_effective_deadline", flat=True)) == [
        D("2026-11-27"), D("2026-11-30"), D("2026-12-18"),
    ]  # fmt: skip
    with clock.at(D("2026-12-15")):
        assert stc_row(tree).counts == {Status.NOT_STARTED_WITHIN: 1}  # 30/11 is the deadline day itself
        day_after = figures.table(Task.objects.all(), START, D("2026-12-01"))[tree.stc.pk]
        assert day_after.counts == {Status.NOT_STARTED_OVERDUE: 1}
        assert status_of_task(Task.objects.get(pk=task.pk), D("2026-12-01")) == Status.NOT_STARTED_OVERDUE


def test_a_calendar_change_rolls_the_deadlines_in_force_before_a_change_too(tree, users, leader, task):
    """27/11 becomes a day off after the extension: on 30/11 the task was within its (rolled) deadline."""
    extend(users, leader, task, "2026-12-04", "2026-12-31")
    admin = users.admin
    with clock.at(D("2026-12-05")):
        override = DayOverride(day=D("2026-11-27"), kind=DayOverride.Kind.DAY_OFF, reason="Nghỉ bù")
        calendar_actions.save_override(admin, override)
        assert DeadlineChange.objects.get().old_effective_deadline == D("2026-11-30")
        assert stc_row(tree).counts == {Status.NOT_STARTED_WITHIN: 1}


def test_a_past_windows_report_prints_the_deadline_written_then(tree, users, leader, task):
    """The overdue list of 15–30/11 prints 27/11/2026 (the deadline then), not the 31/12 decided on 04/12."""
    from vic.reporting import deadlines, snapshot

    extend(users, leader, task, "2026-12-04", "2026-12-31")
    with clock.at(D("2026-12-05")):
        (overdue,) = figures.overdue_tasks(Task.objects.all(), START, END)
        assert deadlines.shown(overdue) == "27/11/2026"
        (frozen,) = snapshot.unit_figures(tree.stc, START, END)["overdue"]
        assert (frozen["deadline"], frozen["written"]) == ("2026-11-27", "2026-11-27")
        today = Task.objects.with_status().get(pk=task.pk)
        assert deadlines.shown(today) == "31/12/2026 (thời hạn ban đầu 27/11/2026)"
