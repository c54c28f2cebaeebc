"""Unit reports (R-11, R-6.3): drafted by the unit, approved and submitted by its head with the figures
frozen, sent back with a note, corrected as a new version; only the unit writes, the Office reads."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.reporting import actions
from vic.reporting.models import ReportState, UnitReport
from vic.reporting.periods import parse
from vic.tasks.actions import ConcurrentEdit
from vic.urging.models import Notification

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
MAY = parse("monthly", "2026-05")


@pytest.fixture
def stc_head(tree):
    return UserFactory(username="gd_stc", unit_head=True, unit=tree.stc)


@pytest.fixture
def may_tasks(clerk, tree):
    """Two tasks of Sở Tài chính in the May window: one overdue at 14/05, one within its deadline."""
    directive = DirectiveFactory(issue_date=D("2026-04-01"))
    late = register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-05-08"), deliver_on=D("2026-04-02")
    )
    ok = register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-06-30"), deliver_on=D("2026-04-02")
    )
    return late + ok


def draft(user, tree, day="2026-05-15"):
    with clock.at(D(day)):
        return actions.open_report(user, tree.stc, MAY)


def submit(head, report, day):
    with clock.at(datetime.datetime.fromisoformat(day).astimezone()):
        return actions.approve_and_submit(head, report, expected_revision=report.revision)


def test_open_report_takes_window_and_due_date_in_force_and_is_idempotent(users, tree):
    report = draft(users.stc_officer, tree)
    assert (report.window_start, report.window_end, report.due_on) == (
        D("2026-04-15"),
        D("2026-05-14"),
        D("2026-05-20"),
    )
    assert (report.state, report.version, report.created_by) == (ReportState.DRAFT, 1, users.stc_officer)
    assert draft(users.stc_officer, tree) == report
    assert UnitReport.objects.count() == 1


@pytest.mark.parametrize(
    "who", ["district_officer", "office_leader", "office_clerk", "admin", "provincial_leader"]
)
def test_only_the_units_own_people_write_its_report(users, tree, who):
    with pytest.raises(PermissionDenied):
        draft(getattr(users, who), tree)
    report = draft(users.stc_officer, tree)
    with pytest.raises(PermissionDenied):
        actions.save_draft(getattr(users, who), report, {"results": "x"})


def test_visibility_the_office_and_leaders_read_sent_reports_other_units_nothing(users, tree):
    report = draft(users.stc_officer, tree)
    office = ("office_leader", "office_clerk", "monitoring_officer", "provincial_leader")

    def who_sees():
        return {
            w for w in (*office, "stc_officer") if UnitReport.objects.visible_to(getattr(users, w)).exists()
        }

    assert who_sees() == {"stc_officer"}  # a draft is the unit's own
    UnitReport.objects.filter(pk=report.pk).update(state=ReportState.AWAITING_HEAD)
    assert who_sees() == {"stc_officer"}
    UnitReport.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    assert who_sees() == {*office, "stc_officer"}
    assert not UnitReport.objects.visible_to(users.district_officer).exists()


def test_save_draft_checks_the_revision_with_a_clear_message(users, tree):
    report = draft(users.stc_officer, tree)
    stale = report.revision
    actions.save_draft(
        users.stc_officer, report, {"results": "Giải ngân đạt 45%", "paper_number": "12/BC-STC"}, stale
    )
    report.refresh_from_db()
    assert (report.results, report.paper_number, report.revision) == (
        "Giải ngân đạt 45%",
        "12/BC-STC",
        stale + 1,
    )
    with pytest.raises(ConcurrentEdit) as error:
        actions.save_draft(users.stc_officer, report, {"results": "bản cũ"}, stale)
    assert "sau khi bạn mở trang" in error.value.messages[0]
    report.refresh_from_db()
    assert report.results == "Giải ngân đạt 45%"


def test_paper_date_in_the_future_is_refused(users, tree):
    report = draft(users.stc_officer, tree)
    with clock.at(D("2026-05-15")), pytest.raises(ValidationError) as error:
        actions.save_draft(users.stc_officer, report, {"paper_date": D("2026-05-16")})
    assert error.value.message_dict["paper_date"] == ["Ngày văn bản không được sau ngày hôm nay."]


@pytest.mark.parametrize("typed", ["1900-01-01", "2026-04-14"])
def test_paper_date_before_the_reports_window_is_refused(users, tree, typed):
    """The May report's window opens on 15/04/2026: a paper dated earlier is a typing slip."""
    report = draft(users.stc_officer, tree)
    with clock.at(D("2026-05-15")), pytest.raises(ValidationError) as error:
        actions.save_draft(users.stc_officer, report, {"paper_date": D(typed)})
    assert error.value.message_dict["paper_date"] == ["Ngày văn bản không được trước ngày 15/04/2026."]


def test_a_stale_save_after_the_head_sent_the_report_is_a_conflict_not_a_refusal(users, tree, stc_head):
    report = draft(users.stc_officer, tree)
    stale = report.revision
    with clock.at(D("2026-05-19")):
        actions.approve_and_submit(stc_head, report)
        with pytest.raises(ValidationError) as error:
            actions.save_draft(users.stc_officer, report, {"results": "Phần vừa gõ"}, stale)
    assert "sau khi bạn mở trang" in error.value.messages[0]


def test_officer_sends_to_head_head_declines_then_approves_and_submits(users, tree, stc_head, may_tasks):
    officer = users.stc_officer
    report = draft(officer, tree)
    with pytest.raises(PermissionDenied):
        actions.approve_and_submit(officer, report)
    actions.send_to_head(officer, report, {"results": "Kết quả"}, report.revision)
    assert report.state == ReportState.AWAITING_HEAD
    [asked] = Notification.objects.filter(user=stc_head, text__contains="chờ thủ trưởng duyệt")
    assert "trình báo cáo tháng 5 năm 2026 của đơn vị" in asked.text  # the period's word said once
    with pytest.raises(PermissionDenied):  # waiting for the head: the officer no longer edits
        actions.save_draft(officer, report, {"results": "sửa"})
    with pytest.raises(ValidationError):
        actions.decline(stc_head, report, "  ")
    actions.decline(stc_head, report, "Bổ sung số liệu giải ngân.", report.revision)
    assert (report.state, report.head_note) == (ReportState.DRAFT, "Bổ sung số liệu giải ngân.")
    assert Notification.objects.filter(user=officer, text__contains="Bổ sung số liệu").exists()
    actions.send_to_head(officer, report, {"results": "Kết quả, đã bổ sung"}, report.revision)
    submit(stc_head, report, "2026-05-19T16:30")
    assert report.state == ReportState.SUBMITTED and report.submitted_by == stc_head
    assert report.submitted_on == D("2026-05-19") and not report.is_late
    assert report.figures["row"]["total"] == 2
    assert (
        report.figures["row"]["counts"]["in_progress_overdue"]
        + report.figures["row"]["counts"]["not_started_overdue"]
        == 1
    )
    assert [t["id"] for t in report.figures["overdue"]] == [may_tasks[0].pk]
    with pytest.raises(ValidationError):
        actions.approve_and_submit(stc_head, report)


def test_head_submits_his_own_draft_and_figures_stay_frozen(users, clerk, tree, stc_head, may_tasks):
    report = draft(stc_head, tree)
    with pytest.raises(PermissionDenied):  # the head has nobody to send it to but the Office
        actions.send_to_head(stc_head, report)
    submit(stc_head, report, "2026-05-21T08:00")
    assert report.is_late  # due Wed 20/05
    register_tasks(clerk, tree.stc, deadline=D("2026-06-30"), deliver_on=D("2026-04-20"))
    report.refresh_from_db()
    assert report.figures["row"]["total"] == 2


def test_send_to_head_needs_a_head_account(users, tree):
    report = draft(users.stc_officer, tree)
    with pytest.raises(ValidationError) as error:
        actions.send_to_head(users.stc_officer, report)
    assert "chưa có tài khoản thủ trưởng" in error.value.messages[0]


def test_a_correction_supersedes_the_report_only_once_submitted_and_both_are_kept(users, tree, stc_head):
    first = draft(users.stc_officer, tree)
    with pytest.raises(ValidationError):  # nothing sent yet: nothing to correct
        actions.correct(users.stc_officer, first)
    submit(stc_head, first, "2026-05-18T10:00")
    second = actions.correct(users.stc_officer, first)
    assert (second.version, second.state, second.due_on) == (2, ReportState.DRAFT, first.due_on)
    with pytest.raises(ValidationError):  # one correction at a time
        actions.correct(users.stc_officer, first)
    assert list(UnitReport.objects.in_force()) == [first]
    assert draft(users.stc_officer, tree) == second  # opening the period goes to the correction
    actions.save_draft(users.stc_officer, second, {"results": "Đính chính số liệu"}, second.revision)
    submit(stc_head, second, "2026-05-25T10:00")
    first.refresh_from_db()
    assert first.superseded_by == second and first.state == ReportState.SUBMITTED
    assert list(UnitReport.objects.in_force()) == [second]
    assert UnitReport.objects.filter(unit=tree.stc, period="2026-05", submitted_at__isnull=False).count() == 2
    # Sent on time the first time (due 20/05): the correction of 25/05 is not "muộn" on its page either.
    second.refresh_from_db()
    assert second.submitted_on > second.due_on and not second.is_late and not first.is_late
    third = actions.correct(stc_head, second)
    assert third.version == 3
    with pytest.raises(ValidationError):  # a superseded version is not corrected
        actions.correct(stc_head, first)


def test_every_write_is_journaled(users, tree, stc_head):
    from auditlog.models import LogEntry

    report = draft(users.stc_officer, tree)
    actions.save_draft(users.stc_officer, report, {"results": "A"})
    submit(stc_head, report, "2026-05-19T10:00")
    entries = LogEntry.objects.get_for_object(report)
    assert entries.count() >= 3
    assert any("submitted" in str(e.changes) for e in entries)


@pytest.mark.parametrize(
    ("kind", "period", "name"),
    [
        ("monthly", "2026-11", "báo cáo tháng 11 năm 2026"),
        ("quarterly", "2026-Q3", "báo cáo quý III năm 2026"),
        ("half", "2026-H1", "báo cáo 6 tháng đầu năm 2026"),
        ("yearly", "2026", "báo cáo năm 2026"),
        ("adhoc", "2026-03-01..2026-03-15", "báo cáo đột xuất từ ngày 01/03/2026 đến ngày 15/03/2026"),
    ],
)
def test_a_report_is_named_with_its_periods_word_once(kind, period, name):
    assert UnitReport(kind=kind, period=period).name == name
