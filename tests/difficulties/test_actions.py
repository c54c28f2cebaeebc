"""Difficulties (R-14.3) through their actions: raised by units, answered by the Office, closed or
reopened by the unit, journaled on the task, each unit seeing only its own."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vic.core import clock
from vic.difficulties import actions
from vic.difficulties.models import About, Difficulty, DifficultyMessage, MessageKind, State
from vic.difficulties.permissions import natural_responders
from vic.tasks.models import EventKind, TaskEvent

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def test_raising_about_a_task_is_journaled_on_the_task(users, tree, task, about_task):
    d = about_task
    assert d.unit == tree.stc and d.raised_by == users.stc_officer and d.state == State.OPEN
    assert d.raised_on == D("2026-03-02") and d.task == task
    (message,) = d.messages.all()
    assert message.kind == MessageKind.RAISED and message.state_after == State.OPEN
    (event,) = task.events.filter(kind=EventKind.DIFFICULTY_RAISED)
    assert event.actor == users.stc_officer
    # the journal is read by other units too: it names the difficulty, not its content
    assert event.note == f"Khó khăn, vướng mắc #{d.pk} của Sở Tài chính"


def test_raising_about_the_system_has_no_task(users, about_system):
    assert about_system.task is None and about_system.about == About.SYSTEM
    assert not TaskEvent.objects.filter(kind=EventKind.DIFFICULTY_RAISED).exists()


def test_a_task_the_unit_cannot_see_is_refused(users, task):
    with pytest.raises(ValidationError) as caught:
        actions.raise_difficulty(
            users.district_officer, subject="Vướng mắc", description="…", about=About.TASK, task=task
        )
    assert caught.value.message_dict["task"] == ["Không tìm thấy nhiệm vụ (hoặc đơn vị bạn không được xem)."]
    assert (
        not Difficulty.objects.exists() and not task.events.filter(kind=EventKind.DIFFICULTY_RAISED).exists()
    )


@pytest.mark.parametrize("who", ["office_clerk", "monitoring_officer", "provincial_leader", "admin"])
def test_only_units_raise(users, who):
    with pytest.raises(PermissionDenied):
        actions.raise_difficulty(getattr(users, who), subject="A", description="B", about=About.SYSTEM)
    assert not Difficulty.objects.exists()


def test_missing_fields_are_named(users, task):
    with pytest.raises(ValidationError) as caught:
        actions.raise_difficulty(users.stc_officer, subject=" ", description="", about=About.TASK)
    errors = caught.value.message_dict
    assert errors["subject"] == ["Chưa nhập vấn đề."] and errors["task"] == [
        "Chọn nhiệm vụ có khó khăn, vướng mắc."
    ]


def test_answer_close_reopen(users, task, about_task, skhdt_officer):
    d = about_task
    with clock.at(D("2026-03-04")):
        actions.answer(users.monitoring_officer, d, "Văn phòng đã có Tờ trình xin ý kiến Bộ Tài chính.")
    assert d.state == State.ANSWERED and d.first_answered_on == D("2026-03-04")
    from vic.urging.models import Notification

    told = Notification.objects.filter(user=users.monitoring_officer).count()
    with clock.at(D("2026-03-05")):
        actions.follow_up(users.stc_officer, d, "Đề nghị cho biết thời gian dự kiến có ý kiến.")
    assert d.state == State.OPEN
    # The Office owes another answer: its officer is told, as when the difficulty was raised.
    assert Notification.objects.filter(user=users.monitoring_officer).count() == told + 1
    with clock.at(D("2026-03-06")):
        actions.answer(users.office_leader, d, "Dự kiến trong tháng 3/2026.")
        actions.close(users.stc_officer, d, "Đã rõ.")
    assert d.state == State.CLOSED and d.closed_at is not None
    assert d.first_answered_on == D("2026-03-04")  # the first answer is what reports count
    kinds = list(d.messages.values_list("kind", "state_after"))
    assert kinds == [
        (MessageKind.RAISED, State.OPEN),
        (MessageKind.ANSWER, State.ANSWERED),
        (MessageKind.REOPENED, State.OPEN),
        (MessageKind.ANSWER, State.ANSWERED),
        (MessageKind.CLOSED, State.CLOSED),
    ]
    journal = list(task.events.order_by("at", "id").values_list("kind", flat=True))[-5:]
    assert journal == [
        EventKind.DIFFICULTY_RAISED,
        EventKind.DIFFICULTY_ANSWERED,
        EventKind.DIFFICULTY_REOPENED,
        EventKind.DIFFICULTY_ANSWERED,
        EventKind.DIFFICULTY_CLOSED,
    ]
    with pytest.raises(ValidationError) as caught:
        actions.answer(users.monitoring_officer, d, "Thêm nữa")
    assert "Đơn vị đã đóng khó khăn, vướng mắc này" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        actions.close(users.stc_officer, d)
    actions.follow_up(users.stc_officer, d, "Mở lại: Bộ đã có ý kiến khác.")
    assert d.state == State.OPEN and d.closed_at is None


def test_others_cannot_act(users, about_task, about_system, skhdt_officer):
    before = DifficultyMessage.objects.count()
    for user, difficulty in [
        (users.stc_officer, about_system),  # another unit's
        (skhdt_officer, about_task),  # the coordinating unit is not the raiser
        (users.district_officer, about_task),
    ]:
        with pytest.raises(PermissionDenied):
            actions.follow_up(user, difficulty, "x")
        with pytest.raises(PermissionDenied):
            actions.close(user, difficulty)
        with pytest.raises(PermissionDenied):
            actions.answer(user, difficulty, "x")
    with pytest.raises(PermissionDenied):
        actions.answer(users.provincial_leader, about_task, "x")  # leaders read, the Office answers
    with pytest.raises(PermissionDenied):
        actions.close(users.monitoring_officer, about_task)
    assert DifficultyMessage.objects.count() == before
    assert about_task.state == State.OPEN and about_system.state == State.OPEN


def test_each_unit_sees_its_own(users, about_task, about_system, skhdt_officer):
    assert list(Difficulty.objects.visible_to(users.stc_officer)) == [about_task]
    assert list(Difficulty.objects.visible_to(users.district_officer)) == [about_system]
    assert list(Difficulty.objects.visible_to(skhdt_officer)) == []  # coordinating the task is not enough
    for office in (users.office_clerk, users.monitoring_officer, users.provincial_leader, users.admin):
        assert Difficulty.objects.visible_to(office).count() == 2
    users.stc_officer.is_active = False
    assert not Difficulty.objects.visible_to(users.stc_officer).exists()


def test_natural_responders_are_the_task_officers(users, tree, about_task, about_system):
    assert natural_responders(about_task) == [users.monitoring_officer]
    assert natural_responders(about_system) == []


def test_search_with_and_without_diacritics(about_task, about_system):
    assert list(Difficulty.objects.search("bo tai chinh")) == [about_task]
    assert list(Difficulty.objects.search("tệp báo cáo")) == [about_system]
    assert list(Difficulty.objects.search("tam duong")) == [about_system]


def test_every_change_is_in_the_data_change_log(users, about_task):
    from auditlog.models import LogEntry

    actions.answer(users.monitoring_officer, about_task, "Đã trả lời.")
    entries = LogEntry.objects.get_for_object(about_task)
    assert entries.filter(action=LogEntry.Action.CREATE).exists()
    update = entries.get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["state"] == ["open", "answered"]
    assert LogEntry.objects.get_for_objects(about_task.messages.all()).count() == 2


def test_a_difficulty_about_the_system_tells_the_offices_clerks(users, clerk, about_system):
    """No task, so no follower hears of it through the journal: the clerks are told, with its page."""
    from vic.urging.models import Notification

    (raised,) = Notification.objects.filter(user=clerk)
    unit = about_system.unit
    assert (
        raised.text
        == f"{unit} báo cáo khó khăn, vướng mắc #{about_system.pk}: Không tải được tệp báo cáo lớn"
    )
    assert raised.link == f"/kho-khan/{about_system.pk}/"
    actions.follow_up(users.district_officer, about_system, "Bổ sung: tệp 70 MB là bản quét.")
    assert Notification.objects.filter(user=clerk, text__contains="trao đổi thêm").count() == 1
