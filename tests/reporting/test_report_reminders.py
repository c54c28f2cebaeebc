"""Report-due reminders (R-12.2): units expected to report and not yet submitted are reminded under the
REPORT_DUE reminder rules, in working days, once per rule, unit, report, day and person."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from tests.factories import DirectiveFactory, UnitFactory, UserFactory, register_tasks

from vic.core import clock
from vic.reporting import actions
from vic.reporting.periods import parse
from vic.units.models import UnitKind
from vic.urging import services
from vic.urging.models import Dispatch, Notification, ReminderRule

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def rule(db):
    """Only the rules a test creates (the seeded report rules would add their own)."""
    ReminderRule.objects.all().delete()

    def make(timing, n=0, audiences="lead_unit"):
        return ReminderRule.objects.create(
            name="Nhắc báo cáo", date_field="report_due", timing=timing, working_days=n, audiences=audiences
        )

    return make


@pytest.fixture
def stc_task(clerk, tree):
    """A task of Sở Tài chính delivered 06/01/2026, open all year: it counts in every 2026 window."""
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    return register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-12-31"), deliver_on=D("2026-01-06")
    )


def reports(day):
    return {(d.report.unit.code, d.report.key, d.recipient.username) for d in services.due_on(D(day))}


def test_three_working_days_before_the_may_report_due_wed_20_05_fires_fri_15_05(rule, users, stc_task):
    rule("before", 3)
    assert reports("2026-05-15") == {("stc", "monthly:2026-05", "stc_daumoi")}
    assert reports("2026-05-14") == set() and reports("2026-05-18") == set()
    assert reports("2026-05-16") == set()  # Saturday: nothing goes out on a day off


def test_run_twice_one_dispatch_and_a_vietnamese_notification(rule, users, stc_task):
    rule("before", 3)
    with clock.at(D("2026-05-15")):
        assert services.send(D("2026-05-15"), email=False) == 1
        assert services.send(D("2026-05-15"), email=False) == 0
    dispatch = Dispatch.objects.get()
    assert (dispatch.task, dispatch.unit.code, dispatch.report) == (None, "stc", "monthly:2026-05")
    text = Notification.objects.get(user=users.stc_officer, text__startswith="[Nhắc báo cáo]").text
    assert "Sở Tài chính chưa gửi báo cáo tháng 5 năm 2026 — hạn gửi: 20/05/2026" in text
    assert "số liệu từ 15/04/2026 đến 14/05/2026" in text


def test_a_submitted_report_stops_reminders(rule, users, tree, stc_task):
    rule("on_day")
    head = UserFactory(unit_head=True, unit=tree.stc)
    assert reports("2026-05-20")
    with clock.at(D("2026-05-19")):
        report = actions.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-05"))
        actions.approve_and_submit(head, report)
    assert reports("2026-05-20") == set()
    actions.correct(users.stc_officer, report)  # a correction being written: the report is still sent
    assert reports("2026-05-20") == set()


def test_a_quarterly_due_date_on_sunday_15_03_is_rolled_to_monday_16_03(rule, users, stc_task):
    rule("on_day")
    assert ("stc", "quarterly:2026-Q1", "stc_daumoi") in reports("2026-03-16")
    assert not any(key.startswith("quarterly") for _u, key, _r in reports("2026-03-13"))


def test_the_february_report_due_in_tet_is_reminded_on_monday_23_02(rule, users, stc_task):
    rule("on_day")
    assert reports("2026-02-23") == {("stc", "monthly:2026-02", "stc_daumoi")}
    assert reports("2026-02-20") == set()  # a day off of Tết


def monthly(day):
    return {key for _u, key, _r in reports(day) if key.startswith("monthly")}


def test_overdue_every_two_working_days_until_the_next_report_falls_due(rule, users, stc_task):
    rule("overdue_every", 2)
    assert monthly("2026-05-22") == {"monthly:2026-05"}  # Fri: 2 working days late; April's is overtaken
    assert monthly("2026-05-21") == set()
    assert monthly("2026-05-26") == {"monthly:2026-05"}  # Tue: 4 working days late
    assert monthly("2026-06-24") == {
        "monthly:2026-06"
    }  # June's due Mon 22/06 (20/06 a Saturday); May's overtaken
    ReminderRule.objects.all().delete()
    rule("overdue_after", 1)
    assert monthly("2026-05-21") == {"monthly:2026-05"}
    assert monthly("2026-05-22") == set()


def test_audiences_units_people_office_leaders_task_audiences_skipped(rule, users, tree, stc_task):
    head = UserFactory(username="gd_stc", unit_head=True, unit=tree.stc)
    rule("on_day", audiences="lead_unit,unit_head,office_leaders,monitors,coordinators")
    got = {r for _u, key, r in reports("2026-05-20") if key == "monthly:2026-05"}
    assert got == {"stc_daumoi", head.username, users.office_leader.username}


def test_only_units_with_counted_tasks_and_never_external_ones(rule, users, clerk, tree, stc_task):
    rule("on_day")
    external = UnitFactory(name="Bộ Tài chính", kind=UnitKind.EXTERNAL, code="btc", parent=tree.province)
    UserFactory(unit_officer=True, unit=external)
    register_tasks(clerk, external, deadline=D("2026-12-31"), deliver_on=D("2026-01-06"))
    assert {u for u, _k, _r in reports("2026-05-20")} == {"stc"}  # not the districts (no task), not external


def test_vic_remind_dry_run_lists_report_reminders(rule, users, stc_task):
    rule("before", 3)
    out = StringIO()
    call_command("remind", "--today", "2026-05-15", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Sở Tài chính · monthly:2026-05 (20/05/2026)" in text and "stc_daumoi" in text
    assert "1 lượt nhắc sẽ gửi" in text
    assert Dispatch.objects.count() == 0
    call_command("remind", "--today", "2026-05-15", stdout=StringIO())
    call_command("remind", "--today", "2026-05-15", stdout=StringIO())
    assert Dispatch.objects.count() == 1


def test_the_seeded_rules_remind_before_on_the_day_and_when_overdue(users, tree, stc_task):
    head = UserFactory(unit_head=True, unit=tree.stc)
    assert {r for _u, k, r in reports("2026-05-15") if k == "monthly:2026-05"} == {"stc_daumoi"}
    assert {r for _u, k, r in reports("2026-05-20") if k == "monthly:2026-05"} == {
        "stc_daumoi",
        head.username,
    }
    assert {r for _u, k, r in reports("2026-05-22") if k == "monthly:2026-05"} == {
        "stc_daumoi",
        head.username,
    }


def test_an_overdue_yearly_report_is_not_chased_for_a_year(rule, users, stc_task, settings):
    """2026's yearly report is due Tue 10/11/2026; the next one only in November 2027. Chased every working
    day for VIC_REPORT_CHASE_WORKING_DAYS (20) working days, then left to the scorecard."""
    rule("overdue_every", 1)

    def yearly(day):
        return {key for (_u, key, _r) in reports(day) if key.startswith("yearly")}

    assert yearly("2026-11-11") == {"yearly:2026"}
    assert yearly("2026-12-09") == {"yearly:2026"}  # 20 working days late (24/11 is a day off since 2026)
    assert yearly("2026-12-10") == set()
    settings.VIC_REPORT_CHASE_WORKING_DAYS = 30
    assert yearly("2026-12-10") == {"yearly:2026"}
