"""Task actions (R-4.3, R-4.6, R-5.1, R-5.3, R-6.3): registration, delivery, edits, journal, permissions."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from tests.factories import DirectiveFactory, make_spec, register_tasks

from vic.core import clock
from vic.tasks import actions
from vic.tasks.actions import (
    ConcurrentEdit,
    confirm_completion,
    create_tasks,
    deliver_tasks,
    record_progress,
    update_task,
    update_task_group,
    withdraw_task,
)
from vic.tasks.models import EventKind, Frequency, Submission, SubmissionKind, Task, TaskEvent, TaskUrgency
from vic.tasks.status import Status

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


def events(task, kind=None):
    qs = TaskEvent.objects.filter(task=task).order_by("at", "id")
    return list(qs.filter(kind=kind) if kind else qs)


# ---------------------------------------------------------------------------------------------------
# create_tasks: one task per lead unit (Decree 39/2022), coordinators, recurring duties
# ---------------------------------------------------------------------------------------------------


def test_one_task_per_lead_unit_sharing_a_group(clerk, tree, leader):
    directive = DirectiveFactory(number="846", symbol="UBND-TH")
    tasks = register_tasks(
        clerk,
        [tree.stc, tree.skhdt, tree.city],
        directive=directive,
        content="Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026",
        deadline=D("2026-03-20"),
        monitoring_department=tree.th,
        assigning_leader=leader,
    )
    assert [t.lead_unit for t in tasks] == [tree.stc, tree.skhdt, tree.city]
    assert len({t.group_id for t in tasks}) == 1
    for task in tasks:
        assert task.directive == directive
        assert task.content == "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026"
        assert task.deadline == D("2026-03-20")
        assert task.monitoring_department == tree.th
        assert task.assigning_leader == leader
        assert task.delivered_on is None and task.delivered_at is None
        assert task.status(D("2026-03-01")) == Status.DRAFT
        (registered,) = events(task)
        assert registered.kind == EventKind.REGISTERED
        assert registered.actor == clerk
        assert registered.note == directive.reference
    # A second instruction of the same directive is a group of its own.
    (other,) = register_tasks(clerk, tree.stc, directive=directive, content="Báo cáo kết quả")
    assert other.group_id != tasks[0].group_id


def test_coordinating_units_exclude_the_lead(clerk, tree):
    stc, skhdt = register_tasks(
        clerk,
        [tree.stc, tree.skhdt],
        coordinating_units=[tree.stc, tree.stnmt, tree.stnmt, tree.city],
    )
    assert set(stc.coordinating_units.all()) == {tree.stnmt, tree.city}
    assert set(skhdt.coordinating_units.all()) == {tree.stc, tree.stnmt, tree.city}
    assert skhdt.coordinations.count() == 3  # the repeated unit is recorded once


def test_recurring_monthly_duty_creates_one_task_per_occurrence(clerk, tree):
    tasks = register_tasks(
        clerk,
        tree.stc,
        content="Báo cáo tình hình giải ngân vốn đầu tư công hằng tháng",
        deadline=D("2026-01-20"),
        frequency=Frequency.MONTHLY,
    )
    # Default span: one year from the first deadline.
    assert [t.deadline for t in tasks] == [D(f"2026-{m:02d}-20") for m in range(1, 13)]
    by_deadline = {t.deadline: t.effective_deadline for t in tasks}
    assert by_deadline[D("2026-02-20")] == D("2026-02-23")  # Tết 2026
    assert by_deadline[D("2026-06-20")] == D("2026-06-22")  # Saturday
    assert by_deadline[D("2026-09-20")] == D("2026-09-21")  # Sunday
    assert by_deadline[D("2026-03-20")] == D("2026-03-20")
    series = {t.series for t in tasks}
    assert len(series) == 1
    (s,) = series
    assert s.frequency == Frequency.MONTHLY
    assert s.first_deadline == D("2026-01-20")
    assert s.until == D("2027-01-19")
    assert all(t.schedule == "dated" for t in tasks)


def test_recurring_until_a_date_and_month_ends(clerk, tree):
    monthly = register_tasks(
        clerk,
        tree.stc,
        deadline=D("2026-01-31"),
        frequency=Frequency.MONTHLY,
        recurrence_until=D("2026-04-30"),
    )
    # Each occurrence keeps the written day where the month has it (not 28/3 after a February).
    assert [t.deadline for t in monthly] == [
        D("2026-01-31"),
        D("2026-02-28"),
        D("2026-03-31"),
        D("2026-04-30"),
    ]
    quarterly = register_tasks(
        clerk,
        [tree.stc, tree.city],
        deadline=D("2026-03-15"),
        frequency=Frequency.QUARTERLY,
        recurrence_until=D("2026-12-31"),
    )
    per_lead = {}
    for t in quarterly:
        per_lead.setdefault(t.lead_unit, []).append(t.deadline)
    expected = [D("2026-03-15"), D("2026-06-15"), D("2026-09-15"), D("2026-12-15")]
    assert per_lead == {tree.stc: expected, tree.city: expected}


def test_recurring_until_before_first_deadline_is_refused(clerk, tree):
    with pytest.raises(ValidationError) as err:
        register_tasks(
            clerk,
            tree.stc,
            deadline=D("2026-03-20"),
            frequency=Frequency.MONTHLY,
            recurrence_until=D("2026-01-01"),
        )
    assert "recurrence_until" in err.value.message_dict
    assert Task.objects.count() == 0


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({"lead_units": []}, "lead_units"),
        ({"deadline": None}, "deadline"),
        ({"content": "   "}, "content"),
    ],
)
def test_invalid_specs_are_refused_with_vietnamese_messages(clerk, tree, spec, field):
    lead_units = spec.pop("lead_units", [tree.stc])
    with pytest.raises(ValidationError) as err:
        create_tasks(clerk, DirectiveFactory(), [make_spec(lead_units, **spec)])
    assert field in err.value.message_dict
    assert Task.objects.count() == 0


# ---------------------------------------------------------------------------------------------------
# when a task arose and by when it had to be delivered
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arose", "urgency", "due"),
    [
        ("2026-01-09", TaskUrgency.NORMAL, "2026-01-10"),  # Fri → Sat 10/1/2026, a swapped working day
        ("2026-01-10", TaskUrgency.NORMAL, "2026-01-12"),  # that Saturday → Monday
        ("2026-02-13", TaskUrgency.NORMAL, "2026-02-23"),  # Fri before Tết → Mon after it
        ("2025-12-31", TaskUrgency.NORMAL, "2026-01-05"),  # over 1/1, the 2/1 day off and the weekend
        ("2026-03-18", TaskUrgency.NORMAL, "2026-03-19"),
        ("2026-02-13", TaskUrgency.URGENT, "2026-02-13"),  # urgent: the same day
    ],
)
def test_delivery_due_is_one_working_day_after_arising(clerk, tree, arose, urgency, due):
    (task,) = register_tasks(clerk, tree.stc, arose_on=D(arose), urgency=urgency)
    assert task.arose_on == D(arose)
    assert task.delivery_due_on == D(due)


@pytest.mark.parametrize(
    ("issued", "received", "arose"),
    [
        ("2026-01-05", None, "2026-01-05"),
        ("2026-01-05", "2026-01-07", "2026-01-07"),  # received later: counted from receipt
        ("2026-01-05", "2026-01-05", "2026-01-05"),
        ("2026-01-05", "2026-01-02", "2026-01-05"),  # a receipt date before issue is a typo: keep issue date
    ],
)
def test_default_arose_on_is_issue_date_or_later_receipt(clerk, tree, issued, received, arose):
    directive = DirectiveFactory(issue_date=D(issued), received_on=D(received) if received else None)
    (task,) = register_tasks(clerk, tree.stc, directive=directive)
    assert task.arose_on == D(arose)


def test_clerk_may_correct_arose_on_with_a_reason(clerk, tree):
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (task,) = register_tasks(
        clerk,
        tree.stc,
        directive=directive,
        arose_on=D("2026-01-09"),
        arose_note="Văn bản đến ngày 09/01/2026",
    )
    assert task.arose_on == D("2026-01-09")
    assert task.arose_note == "Văn bản đến ngày 09/01/2026"
    assert task.delivery_due_on == D("2026-01-10")


def test_deliver_sets_delivered_on_and_journals(clerk, tree):
    tasks = register_tasks(clerk, [tree.stc, tree.city], arose_on=D("2026-01-09"))
    with clock.at(datetime.datetime(2026, 1, 10, 8, 30, tzinfo=datetime.UTC)):  # 15:30 in Hà Nội
        delivered = deliver_tasks(clerk, tasks)
    assert {t.pk for t in delivered} == {t.pk for t in tasks}
    for task in Task.objects.filter(pk__in=[t.pk for t in tasks]):
        assert task.delivered_on == D("2026-01-10")
        assert task.delivered_at == datetime.datetime(2026, 1, 10, 8, 30, tzinfo=datetime.UTC)
        assert task.version == 2
        (event,) = events(task, EventKind.DELIVERED)
        assert event.actor == clerk
        assert event.note == ""  # on time: Sat 10/01/2026 is the due (swapped working) day
        assert task.status(D("2026-01-10")) == Status.NOT_STARTED_WITHIN


def test_delivered_on_is_the_local_date(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, arose_on=D("2026-03-18"))
    # 18:00 UTC on 18/03 is already 01:00 on 19/03 in Asia/Ho_Chi_Minh.
    with clock.at(datetime.datetime(2026, 3, 18, 18, 0, tzinfo=datetime.UTC)):
        deliver_tasks(clerk, [task])
    task.refresh_from_db()
    assert task.delivered_on == D("2026-03-19")
    assert events(task, EventKind.DELIVERED)[0].note == ""


def test_late_delivery_is_noted_in_the_journal(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, arose_on=D("2026-02-13"))
    with clock.at(D("2026-02-24")):
        deliver_tasks(clerk, [task])
    task.refresh_from_db()
    assert task.delivered_on == D("2026-02-24")
    (event,) = events(task, EventKind.DELIVERED)
    assert event.note == "Chuyển muộn so với hạn 23/02/2026"


def test_delivering_twice_or_after_withdrawal_does_nothing(clerk, tree):
    first, second = register_tasks(clerk, [tree.stc, tree.city])
    with clock.at(D("2026-01-06")):
        deliver_tasks(clerk, [first])
        withdraw_task(clerk, second, "Giao nhầm đơn vị")
    with clock.at(D("2026-01-08")):
        assert deliver_tasks(clerk, [first, second]) == []
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.delivered_on == D("2026-01-06")
    assert second.delivered_on is None
    assert len(events(first, EventKind.DELIVERED)) == 1
    assert events(second, EventKind.DELIVERED) == []


def test_deliver_returns_the_delivered_tasks_with_their_date(clerk, tree):
    tasks = register_tasks(clerk, [tree.stc, tree.city])
    with clock.at(D("2026-01-06")):
        delivered = deliver_tasks(clerk, tasks)
    assert [t.delivered_on for t in delivered] == [D("2026-01-06")] * 2
    assert all(t.delivered_at is not None for t in delivered)


# ---------------------------------------------------------------------------------------------------
# update_task / update_task_group (R-5.3: the Office corrects; nothing is lost)
# ---------------------------------------------------------------------------------------------------


def test_update_task_journals_before_and_after(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, content="Báo cáo UBND tỉnh", deadline=D("2026-03-20"))
    updated = update_task(
        clerk,
        task,
        {"content": "Báo cáo UBND tỉnh kết quả thực hiện", "deadline": D("2026-03-28")},
        expected_version=task.version,
        note="Sửa theo ý kiến Chánh Văn phòng",
    )
    assert updated.version == task.version + 1
    fresh = Task.objects.get(pk=task.pk)
    assert fresh.content == "Báo cáo UBND tỉnh kết quả thực hiện"
    assert fresh.deadline == D("2026-03-28")
    assert fresh.effective_deadline == D("2026-03-30")  # Sat 28/03 → Mon 30/03
    assert fresh.original_deadline == D("2026-03-28")  # not delivered yet: still keying in the written date
    (edit,) = events(task, EventKind.EDITED)
    assert edit.actor == clerk
    assert edit.note == "Sửa theo ý kiến Chánh Văn phòng"
    assert edit.changes == {
        "content": ["Báo cáo UBND tỉnh", "Báo cáo UBND tỉnh kết quả thực hiện"],
        "deadline": ["2026-03-20", "2026-03-28"],
    }
    # Search follows the edit.
    assert list(Task.objects.search("ket qua thuc hien")) == [fresh]


def test_update_after_delivery_keeps_the_original_deadline(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-20"), deliver_on=D("2026-01-06"))
    update_task(clerk, task, {"deadline": D("2026-04-10")}, expected_version=task.version)
    task.refresh_from_db()
    assert task.deadline == D("2026-04-10")
    assert task.original_deadline == D("2026-03-20")


def test_update_coordinators_is_journaled(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, coordinating_units=[tree.skhdt])
    update_task(
        clerk,
        task,
        {},
        expected_version=task.version,
        coordinating_units=[tree.skhdt, tree.stnmt, tree.stc],
    )
    assert set(task.coordinating_units.all()) == {tree.skhdt, tree.stnmt}
    (edit,) = events(task, EventKind.EDITED)
    assert edit.changes == {
        "coordinating_units": ["Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư, Sở Tài nguyên và Môi trường"]
    }


def test_a_coordinator_that_stays_keeps_its_receipt_and_contribution(clerk, users, tree):
    """Adding a coordinating unit must not erase what the others did (receipt, last contribution, urging)."""
    (task,) = register_tasks(clerk, tree.stc, coordinating_units=[tree.tam_duong], deliver_on=D("2026-01-06"))
    with clock.at(D("2026-01-08")):
        actions.acknowledge(users.district_officer, task)
        actions.submit(users.district_officer, task, SubmissionKind.CONTRIBUTION, "Huyện đã gửi số liệu")
    before = task.coordinations.get()
    task.refresh_from_db()
    update_task(
        clerk, task, {}, expected_version=task.version, coordinating_units=[tree.tam_duong, tree.skhdt]
    )
    kept = task.coordinations.get(unit=tree.tam_duong)
    assert (kept.pk, kept.acknowledged_at, kept.last_contribution_at) == (
        before.pk, before.acknowledged_at, before.last_contribution_at,
    )  # fmt: skip
    assert before.acknowledged_at is not None and before.last_contribution_at is not None
    assert task.coordinations.get(unit=tree.skhdt).acknowledged_at is None


def test_changing_the_lead_to_a_coordinator_drops_it_from_the_coordinators(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, coordinating_units=[tree.skhdt, tree.stnmt])
    update_task(clerk, task, {"lead_unit": tree.skhdt}, expected_version=task.version)
    task.refresh_from_db()
    assert task.lead_unit == tree.skhdt
    assert set(task.coordinating_units.all()) == {tree.stnmt}


def test_stale_version_raises_concurrent_edit_and_keeps_the_first_edit(clerk, users, tree):
    (task,) = register_tasks(clerk, tree.stc, content="Nội dung ban đầu")
    opened_by_clerk = Task.objects.get(pk=task.pk)
    opened_by_leader = Task.objects.get(pk=task.pk)
    update_task(clerk, opened_by_clerk, {"content": "Sửa lần một"}, expected_version=opened_by_clerk.version)
    with pytest.raises(ConcurrentEdit) as err:
        update_task(
            users.office_leader,
            opened_by_leader,
            {"content": "Sửa lần hai"},
            expected_version=opened_by_leader.version,
        )
    assert err.value.code == "conflict"
    assert str(users.office_clerk) in err.value.message
    fresh = Task.objects.get(pk=task.pk)
    assert fresh.content == "Sửa lần một"
    assert fresh.version == task.version + 1
    assert [e.actor for e in events(task, EventKind.EDITED)] == [clerk]


def test_update_task_group_edits_every_task_of_the_group(clerk, tree):
    tasks = register_tasks(clerk, [tree.stc, tree.skhdt, tree.city], deadline=D("2026-03-20"))
    (unrelated,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-20"))
    result = update_task_group(
        clerk,
        tasks[1],
        {"deadline": D("2026-04-15"), "is_key": True},
        expected_versions={t.pk: t.version for t in tasks},
        note="Gia hạn theo Công văn số 120/UBND-TH",
    )
    assert sorted(t.pk for t in result) == [t.pk for t in tasks]
    for task in Task.objects.filter(pk__in=[t.pk for t in tasks]):
        assert task.deadline == D("2026-04-15")
        assert task.is_key is True
        (edit,) = events(task, EventKind.EDITED)
        assert edit.changes == {"deadline": ["2026-03-20", "2026-04-15"], "is_key": ["False", "True"]}
    unrelated.refresh_from_db()
    assert unrelated.deadline == D("2026-03-20")
    assert events(unrelated, EventKind.EDITED) == []


def test_update_task_group_is_all_or_nothing(clerk, tree):
    tasks = register_tasks(clerk, [tree.stc, tree.skhdt, tree.city], deadline=D("2026-03-20"))
    # Someone edits the last task of the group in between.
    update_task(clerk, tasks[2], {"content": "Sửa riêng"}, expected_version=tasks[2].version)
    with pytest.raises(ConcurrentEdit):
        update_task_group(
            clerk,
            tasks[0],
            {"deadline": D("2026-04-15")},
            expected_versions={t.pk: t.version for t in tasks},
        )
    assert (
        list(Task.objects.filter(pk__in=[t.pk for t in tasks]).values_list("deadline", flat=True))
        == [D("2026-03-20")] * 3
    )
    assert TaskEvent.objects.filter(kind=EventKind.EDITED).count() == 1


def test_group_edit_of_one_occurrence_leaves_the_other_occurrences(clerk, tree):
    tasks = register_tasks(
        clerk,
        [tree.stc, tree.city],
        deadline=D("2026-01-20"),
        frequency=Frequency.MONTHLY,
        recurrence_until=D("2026-03-31"),
    )
    january = [t for t in tasks if t.deadline == D("2026-01-20")]
    update_task_group(
        clerk, january[0], {"deadline": D("2026-01-27")}, expected_versions={t.pk: t.version for t in tasks}
    )
    # The January tasks of both leads move; February and March keep their own deadlines.
    assert sorted((t.lead_unit.code, t.deadline) for t in Task.objects.all()) == sorted(
        (u.code, d)
        for u in (tree.stc, tree.city)
        for d in (D("2026-01-27"), D("2026-02-20"), D("2026-03-20"))
    )


# ---------------------------------------------------------------------------------------------------
# withdraw, progress, completion
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_withdraw_requires_a_reason(clerk, tree, reason):
    (task,) = register_tasks(clerk, tree.stc, deliver_on=D("2026-01-06"))
    with pytest.raises(ValidationError) as err:
        withdraw_task(clerk, task, reason)
    assert err.value.message_dict == {"reason": ["Cần ghi lý do thu hồi."]}
    task.refresh_from_db()
    assert task.withdrawn_on is None
    assert events(task, EventKind.WITHDRAWN) == []


def test_withdraw_with_a_reason(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, deliver_on=D("2026-01-06"))
    with clock.at(D("2026-01-15")):
        task = withdraw_task(clerk, task, "Nội dung không thuộc chức năng của Sở Tài chính")
    assert task.withdrawn_on == D("2026-01-15")
    assert task.status(D("2026-04-01")) == Status.WITHDRAWN
    (event,) = events(task, EventKind.WITHDRAWN)
    assert event.note == "Nội dung không thuộc chức năng của Sở Tài chính"
    assert event.actor == clerk


def test_withdrawing_twice_keeps_the_first_withdrawal(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, deliver_on=D("2026-01-06"))
    with clock.at(D("2026-01-15")):
        withdraw_task(clerk, task, "Giao nhầm đơn vị")
    with clock.at(D("2026-02-20")), contextlib.suppress(ValidationError):
        withdraw_task(clerk, task, "Thu hồi lần nữa")
    task.refresh_from_db()
    assert task.withdrawn_on == D("2026-01-15")
    # As of 01/02 the task had been withdrawn: a report of January stays what it was.
    assert task.status(D("2026-02-01")) == Status.WITHDRAWN


def test_record_progress_moves_the_task_to_in_progress(users, clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-20"), deliver_on=D("2026-01-06"))
    assert task.status(D("2026-02-10")) == Status.NOT_STARTED_WITHIN
    with clock.at(D("2026-02-10")):
        report = record_progress(
            users.stc_officer,
            task,
            "Đã giải ngân 45% kế hoạch vốn",
            paper_number="120/BC-STC",
            paper_date=D("2026-02-09"),
        )
    task.refresh_from_db()
    assert task.started_on == D("2026-02-10")
    assert task.status(D("2026-02-10")) == Status.IN_PROGRESS_WITHIN
    assert task.status(D("2026-03-23")) == Status.IN_PROGRESS_OVERDUE
    assert report.unit == tree.stc
    assert report.author == users.stc_officer
    assert report.paper_number == "120/BC-STC"
    (event,) = events(task, EventKind.PROGRESS)
    assert event.note == "Đã giải ngân 45% kế hoạch vốn"
    # A later update does not move the start.
    with clock.at(D("2026-03-02")):
        record_progress(users.stc_officer, task, "Đã giải ngân 70% kế hoạch vốn")
    task.refresh_from_db()
    assert task.started_on == D("2026-02-10")
    assert Submission.objects.filter(task=task, kind="progress").count() == 2


def test_only_the_lead_unit_reports_progress(users, clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, coordinating_units=[tree.tam_duong], deliver_on=D("2026-01-06"))
    with pytest.raises(PermissionDenied):
        record_progress(users.district_officer, task, "Đơn vị phối hợp báo cáo")  # coordinator, not lead
    (undelivered,) = register_tasks(clerk, tree.stc)
    with pytest.raises(PermissionDenied):
        record_progress(users.stc_officer, undelivered, "Chưa được giao")
    assert Submission.objects.count() == 0
    task.refresh_from_db()
    assert task.started_on is None


def test_confirm_completion_sets_completed_on(users, clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-20"), deliver_on=D("2026-01-06"))
    task = confirm_completion(
        users.monitoring_officer, task, completed_on=D("2026-03-19"), note="Đã có báo cáo"
    )
    assert task.completed_on == D("2026-03-19")
    assert task.started_on == D("2026-03-19")  # done implies started
    assert task.status(D("2026-04-01")) == Status.DONE_ON_TIME
    (event,) = events(task, EventKind.COMPLETED)
    assert event.actor == users.monitoring_officer
    assert event.changes == {"completed_on": ["", "2026-03-19"]}


@pytest.mark.parametrize("who", ["provincial_leader", "stc_officer", "district_officer"])
def test_only_the_office_confirms_completion(users, clerk, tree, who):
    (task,) = register_tasks(clerk, tree.stc, deliver_on=D("2026-01-06"))
    with pytest.raises(PermissionDenied):
        confirm_completion(getattr(users, who), task, completed_on=D("2026-03-19"))
    task.refresh_from_db()
    assert task.completed_on is None


def test_anonymous_cannot_confirm_completion(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc, deliver_on=D("2026-01-06"))
    with pytest.raises(PermissionDenied):
        confirm_completion(AnonymousUser(), task, completed_on=D("2026-03-19"))


# ---------------------------------------------------------------------------------------------------
# Permissions and the journal
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["stc_officer", "district_officer", "monitoring_officer", "provincial_leader"]
)
def test_who_may_not_register_or_edit(users, clerk, tree, who):
    user = getattr(users, who)
    (task,) = register_tasks(clerk, tree.stc, content="Nội dung gốc", deliver_on=D("2026-01-06"))
    with pytest.raises(PermissionDenied):
        create_tasks(user, task.directive, [make_spec(tree.stc)])
    with pytest.raises(PermissionDenied):
        update_task(user, task, {"content": "Sửa trái phép"}, expected_version=task.version)
    with pytest.raises(PermissionDenied):
        withdraw_task(user, task, "Không có quyền")
    (other,) = register_tasks(clerk, tree.stc)
    with pytest.raises(PermissionDenied):
        deliver_tasks(user, [other])
    assert Task.objects.count() == 2
    task.refresh_from_db()
    other.refresh_from_db()
    assert task.content == "Nội dung gốc"
    assert task.withdrawn_on is None
    assert other.delivered_on is None
    assert TaskEvent.objects.exclude(kind__in=[EventKind.REGISTERED, EventKind.DELIVERED]).count() == 0


@pytest.mark.parametrize("who", ["office_clerk", "office_leader", "admin"])
def test_registrars_may_register(users, tree, who):
    (task,) = register_tasks(getattr(users, who), tree.stc)
    assert task.registered_by == getattr(users, who)


def test_task_event_cannot_be_modified_or_deleted(clerk, tree):
    (task,) = register_tasks(clerk, tree.stc)
    (event,) = events(task)
    event.note = "Sửa nhật ký"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    stored = TaskEvent.objects.get(pk=event.pk)
    assert stored.note == event.task.directive.reference
    assert stored.kind == EventKind.REGISTERED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_to_rewrite_the_journal(clerk, tree):
    from django.db import DatabaseError, connection, transaction

    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-20"))
    event = task.events.get()
    with (
        pytest.raises(DatabaseError, match="chỉ được ghi thêm"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("UPDATE tasks_taskevent SET note = 'sửa' WHERE id = %s", [event.pk])
    with (
        pytest.raises(DatabaseError, match="chỉ được ghi thêm"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("DELETE FROM tasks_taskevent WHERE id = %s", [event.pk])
    assert task.events.get().note == event.note
