"""Reminders counted in working days, sent once per task, rule, day and person (issue 4, first part)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks import actions
from vic.units.models import Role, User
from vic.urging import services
from vic.urging.models import Dispatch, Notification, ReminderRule

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def only(db):
    """Keep just the rules a test creates (the seeded defaults would add their own reminders)."""
    ReminderRule.objects.all().delete()

    def make(**fields):
        fields.setdefault("name", "Quy tắc thử")
        return ReminderRule.objects.create(**fields)

    return make


@pytest.fixture
def due_23_feb(clerk, tree):
    """A task of Sở Tài chính due Mon 23/02/2026 (after Tết 14–22/02), delivered in January."""
    officers = {UserFactory(role=Role.UNIT_OFFICER, unit=tree.stc)}
    officers |= set(User.objects.filter(unit=tree.stc, role=Role.UNIT_OFFICER))  # and the tree's own
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (task,) = register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-02-23"), deliver_on=D("2026-01-06")
    )
    return task, officers


def test_two_working_days_before_a_deadline_after_tet_fires_on_thursday_12_feb(only, due_23_feb):
    rule = only(timing="before", working_days=2, audiences="lead_unit")
    task, officers = due_23_feb
    assert {d.task for d in services.due_on(D("2026-02-12"))} == {task}
    assert services.due_on(D("2026-02-11")) == []
    assert services.due_on(D("2026-02-13")) == []  # one working day before: another rule's business
    assert services.due_on(D("2026-02-14")) == []  # a day off sends nothing
    assert {d.recipient for d in services.due_on(D("2026-02-12"))} == officers
    assert rule.dispatches.count() == 0


def test_dry_run_lists_and_sends_nothing_then_two_runs_send_once(only, due_23_feb):
    only(name="Nhắc trước 2 ngày", timing="before", working_days=2, audiences="lead_unit")
    task, officers = due_23_feb
    out = StringIO()
    call_command("remind", today="2026-02-12", dry_run=True, stdout=out)
    assert f"#{task.pk}" in out.getvalue() and "Nhắc trước 2 ngày" in out.getvalue()
    assert out.getvalue().startswith("2026-02-12 · ")  # the command line speaks ISO dates
    assert f"{len(officers)} lượt nhắc sẽ gửi" in out.getvalue()
    assert Dispatch.objects.count() == 0
    call_command("remind", today="2026-02-12", stdout=StringIO())
    call_command("remind", today="2026-02-12", stdout=StringIO())
    for officer in officers:
        assert Dispatch.objects.filter(task=task, day=D("2026-02-12"), recipient=officer).count() == 1
        note = Notification.objects.get(user=officer, text__startswith="[Nhắc trước 2 ngày]")
        assert "23/02/2026" in note.text and note.read_at is None
    assert Dispatch.objects.count() == len(officers)
    # A dry run after the real one says what a real run would do now: send nothing.
    out = StringIO()
    call_command("remind", today="2026-02-12", dry_run=True, stdout=out)
    assert f"#{task.pk}" not in out.getvalue()
    assert "0 lượt nhắc sẽ gửi" in out.getvalue()
    assert f"{len(officers)} lượt nhắc khác của ngày này đã gửi trước đó" in out.getvalue()


def test_overdue_every_three_working_days_counts_across_tet(only, clerk, tree):
    only(timing="overdue_every", working_days=3, audiences="lead_unit")
    UserFactory(role=Role.UNIT_OFFICER, unit=tree.stc)
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (task,) = register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-02-10"), deliver_on=D("2026-01-06")
    )
    fired = [
        day
        for day in (D("2026-02-10") + datetime.timedelta(days=i) for i in range(1, 20))
        if services.due_on(day)
    ]
    # Working days after Tue 10/02: 11, 12, 13/02, then 23, 24, 25, 26, 27/02…: every third one.
    assert fired == [D("2026-02-13"), D("2026-02-25")]
    assert task.effective_deadline == D("2026-02-10")


def test_escalation_to_the_unit_head_after_five_working_days(only, due_23_feb, tree):
    only(timing="overdue_after", working_days=5, audiences="unit_head")
    head = UserFactory(role=Role.UNIT_HEAD, unit=tree.stc)
    due = services.due_on(D("2026-03-02"))  # 24, 25, 26, 27/02, 02/03: the fifth working day after
    assert [(d.recipient, d.task) for d in due] == [(head, due_23_feb[0])]
    assert services.due_on(D("2026-03-03")) == []


def test_done_and_withdrawn_tasks_get_no_reminder(only, due_23_feb, clerk):
    only(timing="on_day", working_days=0, audiences="lead_unit")
    task, officers = due_23_feb
    assert len(services.due_on(D("2026-02-23"))) == len(officers)
    with clock.at(D("2026-02-20")):
        actions.confirm_completion(clerk, task)
    assert services.due_on(D("2026-02-23")) == []


def test_the_office_is_reminded_of_tasks_not_delivered_in_one_working_day(only, clerk, tree):
    only(date_field="delivery_due_on", timing="overdue_every", working_days=1, audiences="registrars")
    directive = DirectiveFactory(issue_date=D("2026-01-08"))
    (task,) = register_tasks(clerk, tree.stc, directive=directive, deadline=D("2026-03-20"))
    assert task.delivery_due_on == D("2026-01-09")
    due = services.due_on(D("2026-01-12"))
    assert {d.recipient for d in due} == {clerk} and {d.task for d in due} == {task}


def test_a_rule_with_unknown_recipients_is_refused_in_vietnamese(only):
    from django.core.exceptions import ValidationError

    rule = ReminderRule(name="x", timing="before", working_days=2, audiences="lead_unit,boss")
    with pytest.raises(ValidationError, match="Mã người nhận không hợp lệ: boss"):
        rule.full_clean()


def test_a_rule_over_a_year_of_working_days_is_refused_and_an_old_one_stops_only_itself(
    only, due_23_feb, monkeypatch
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Tối đa 250 ngày làm việc"):
        ReminderRule(name="x", timing="before", working_days=251, audiences="lead_unit").full_clean()
    # Saved before the limit (SQLite kept 3000000, past the calendar's year 9999): the scan skips it and
    # sends the others. PostgreSQL's smallint cannot hold such a number, so the overflow is played here.
    only(name="Hỏng", timing="before", working_days=250, audiences="lead_unit")
    good = only(name="Nhắc trước 2 ngày", timing="before", working_days=2, audiences="lead_unit")
    real = services._subjects

    def overflowing(rule, today):
        if rule.name == "Hỏng":
            raise ValueError("year 10000 is out of range")
        return real(rule, today)

    monkeypatch.setattr(services, "_subjects", overflowing)
    task, _officers = due_23_feb
    assert {(d.rule, d.task) for d in services.due_on(D("2026-02-12"))} == {(good, task)}


def test_a_wrong_date_on_the_command_line_is_a_vietnamese_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ: 2026-02-31"):
        call_command("remind", today="2026-02-31", dry_run=True)


def test_the_dry_run_cuts_a_long_task_after_a_whole_word(only, clerk, tree):
    only(timing="before", working_days=2, audiences="lead_unit")
    UserFactory(role=Role.UNIT_OFFICER, unit=tree.stc)
    content = "Tổng hợp, báo cáo UBND tỉnh tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2026"
    register_tasks(clerk, tree.stc, content=content, directive=DirectiveFactory(issue_date=D("2026-01-05")),
                   deadline=D("2026-02-23"), deliver_on=D("2026-01-06"))  # fmt: skip
    out = StringIO()
    call_command("remind", today="2026-02-12", dry_run=True, stdout=out)
    assert "thực hiện kế hoạch…" in out.getvalue() and "kế hoạch phá " not in out.getvalue()


def test_a_reminder_and_the_digest_name_the_directives_date_and_the_working_day_it_rolls_to(
    only, clerk, tree
):
    """Sat 28/02/2026 is a day off: the task counts to Mon 02/03, but the directive says 28/02."""
    from vic.urging.digest import _line

    only(name="Đúng hạn", timing="on_day", working_days=0, audiences="lead_unit")
    UserFactory(role=Role.UNIT_OFFICER, unit=tree.stc)
    long = "Rà soát, tổng hợp nhu cầu kinh phí thực hiện chính sách hỗ trợ " * 3
    (task,) = register_tasks(clerk, tree.stc, content=long, directive=DirectiveFactory(issue_date=D("2026-01-05")),
                             deadline=D("2026-02-28"), deliver_on=D("2026-01-06"))  # fmt: skip
    due = services.due_on(D("2026-03-02"))
    assert due and {d.task for d in due} == {task}
    text = services.message(due[0], D("2026-03-02"))
    assert "Thời hạn thực hiện: 28/02/2026 (tính đến 02/03/2026)." in text
    assert "…”" in text  # cut after a whole word
    line = _line(task)
    assert line.endswith("— hạn 28/02/2026 (tính đến 02/03/2026)") and "…" in line
