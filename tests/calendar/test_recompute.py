"""A calendar change re-rolls the effective deadlines it touches (Civil Code art. 148), journaled.

The written deadline never moves; only the day it runs to. The journal is append-only, in bulk too.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from tests.factories import register_tasks

from vic.calendar import actions
from vic.calendar.models import DayOverride
from vic.calendar.services import is_working_day
from vic.tasks.models import EventKind, Task, TaskEvent
from vic.units.models import UnitGroupPhrase, UnitKind

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

DAY_OFF = DayOverride.Kind.DAY_OFF
WORKING_DAY = DayOverride.Kind.WORKING_DAY


def task_due(clerk, unit, deadline: str) -> Task:
    (task,) = register_tasks(clerk, unit, deadline=D(deadline), content=f"Nhiệm vụ hạn {deadline}")
    return task


def recomputed(task: Task) -> list[TaskEvent]:
    return list(task.events.filter(kind=EventKind.RECOMPUTED).order_by("id"))


def state(task: Task) -> tuple:
    task.refresh_from_db()
    return task.deadline, task.effective_deadline, task.version


# ---------------------------------------------------------------------------------------------------
# An extra day off
# ---------------------------------------------------------------------------------------------------


def test_extra_day_off_on_the_deadline_moves_it_to_the_next_working_day_and_back(clerk, users, tree):
    task = task_due(clerk, tree.stc, "2026-03-11")  # Wednesday
    assert (task.deadline, task.effective_deadline) == (D("2026-03-11"), D("2026-03-11"))
    version = task.version
    override = DayOverride(day=D("2026-03-11"), kind=DAY_OFF, reason="Công văn 100/VPCP-KGVX")

    moved = actions.save_override(users.admin, override)

    assert moved == 1
    assert not is_working_day(D("2026-03-11"))
    assert state(task) == (D("2026-03-11"), D("2026-03-12"), version + 1)
    assert task.original_deadline == D("2026-03-11")
    (event,) = recomputed(task)
    assert event.actor == users.admin
    assert event.note == "Lịch làm việc: 11/03/2026 — Ngày nghỉ bổ sung (Công văn 100/VPCP-KGVX)"
    assert event.changes == {"effective_deadline": ["2026-03-11", "2026-03-12"]}

    moved_back = actions.delete_override(users.admin, override)

    assert moved_back == 1
    assert is_working_day(D("2026-03-11"))
    assert state(task) == (D("2026-03-11"), D("2026-03-11"), version + 2)
    first, second = recomputed(task)
    assert second.note == "Lịch làm việc: bỏ Ngày nghỉ bổ sung ngày 11/03/2026"
    assert second.changes == {"effective_deadline": ["2026-03-12", "2026-03-11"]}


def test_a_weekend_deadline_that_rolled_onto_the_new_day_off_rolls_further(clerk, users, tree):
    task = task_due(clerk, tree.stc, "2026-03-07")  # Saturday: runs to Monday 09/03
    assert task.effective_deadline == D("2026-03-09")

    moved = actions.save_override(users.admin, DayOverride(day=D("2026-03-09"), kind=DAY_OFF, reason="Bão"))

    assert moved == 1
    assert state(task)[:2] == (D("2026-03-07"), D("2026-03-10"))


def test_tasks_out_of_reach_are_untouched(clerk, users, tree):
    on_day = task_due(clerk, tree.stc, "2026-03-11")
    after = task_due(clerk, tree.skhdt, "2026-03-12")  # after the day: cannot roll onto it
    before = task_due(clerk, tree.stnmt, "2026-03-10")  # a working day before it: does not roll
    far = task_due(clerk, tree.city, "2026-01-31")  # a Saturday more than a month before the day
    untouched = {t.pk: state(t) for t in (after, before, far)}

    moved = actions.save_override(users.admin, DayOverride(day=D("2026-03-11"), kind=DAY_OFF))

    assert moved == 1
    assert state(on_day)[1] == D("2026-03-12")
    for task in (after, before, far):
        assert state(task) == untouched[task.pk]
        assert recomputed(task) == []


def test_several_tasks_move_and_the_count_says_so(clerk, users, tree):
    tasks = register_tasks(clerk, [tree.stc, tree.skhdt, tree.city], deadline=D("2026-03-11"))
    other = task_due(clerk, tree.stnmt, "2026-03-11")
    assert actions.save_override(users.admin, DayOverride(day=D("2026-03-11"), kind=DAY_OFF)) == 4
    assert {state(t)[1] for t in [*tasks, other]} == {D("2026-03-12")}


def test_moving_an_override_to_another_day_recomputes_both_days(clerk, users, tree):
    first = task_due(clerk, tree.stc, "2026-03-11")
    second = task_due(clerk, tree.skhdt, "2026-03-13")  # Friday: runs to Monday 16/03 once off
    override = DayOverride(day=D("2026-03-11"), kind=DAY_OFF, reason="Lần 1")
    actions.save_override(users.admin, override)
    assert state(first)[1] == D("2026-03-12")

    override.day = D("2026-03-13")
    moved = actions.save_override(users.admin, override)

    assert moved == 2
    assert state(first)[1] == D("2026-03-11")
    assert state(second)[1] == D("2026-03-16")


def test_resaving_an_override_unchanged_moves_nothing(clerk, users, tree):
    task = task_due(clerk, tree.stc, "2026-03-11")
    override = DayOverride(day=D("2026-03-11"), kind=DAY_OFF)
    actions.save_override(users.admin, override)
    version = state(task)[2]
    assert actions.save_override(users.admin, override) == 0
    assert state(task)[2] == version
    assert len(recomputed(task)) == 1


def test_an_invalid_override_changes_nothing(clerk, users, tree):
    task = task_due(clerk, tree.stc, "2026-03-11")
    before = state(task)
    with pytest.raises(ValidationError):
        actions.save_override(users.admin, DayOverride(day=D("2026-03-11"), kind="holiday"))
    assert state(task) == before
    assert not DayOverride.objects.filter(day=D("2026-03-11")).exists()


# ---------------------------------------------------------------------------------------------------
# An extra working day on a Saturday
# ---------------------------------------------------------------------------------------------------


def test_the_seeded_worked_saturday_is_a_deadline_of_its_own(clerk, tree):
    """Sat 10/01/2026 is worked (Công văn 12729/VPCP-KGVX, seeded): a deadline on it does not roll."""
    task = task_due(clerk, tree.stc, "2026-01-10")
    assert task.effective_deadline == D("2026-01-10")


def test_working_saturday_becomes_the_effective_deadline(clerk, users, tree):
    task = task_due(clerk, tree.stc, "2026-03-07")  # Saturday
    friday = task_due(clerk, tree.skhdt, "2026-03-06")
    assert task.effective_deadline == D("2026-03-09")

    moved = actions.save_override(
        users.admin, DayOverride(day=D("2026-03-07"), kind=WORKING_DAY, reason="Làm bù cho thứ Hai 02/03")
    )

    assert moved == 1
    assert state(task)[:2] == (D("2026-03-07"), D("2026-03-07"))
    (event,) = recomputed(task)
    assert event.note == "Lịch làm việc: 07/03/2026 — Ngày làm việc bù (Làm bù cho thứ Hai 02/03)"
    assert event.changes == {"effective_deadline": ["2026-03-09", "2026-03-07"]}
    assert recomputed(friday) == []


# ---------------------------------------------------------------------------------------------------
# The journal is append-only; group phrases name real kinds
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def journaled(clerk, tree):
    register_tasks(clerk, [tree.stc, tree.skhdt], deliver_on=D("2026-01-06"))
    return TaskEvent.objects.count()


def test_the_journal_cannot_be_updated_in_bulk(journaled):
    with pytest.raises(ValidationError) as error:
        TaskEvent.objects.all().update(note="sửa")
    assert error.value.messages == ["Nhật ký không được sửa."]
    with pytest.raises(ValidationError):
        TaskEvent.objects.filter(kind=EventKind.DELIVERED).update(actor=None)
    assert not TaskEvent.objects.filter(note="sửa").exists()
    assert TaskEvent.objects.filter(actor__isnull=True).count() == 0


def test_the_journal_cannot_be_deleted_in_bulk_or_one_by_one(journaled):
    with pytest.raises(ValidationError) as error:
        TaskEvent.objects.all().delete()
    assert error.value.messages == ["Nhật ký không được xóa."]
    event = TaskEvent.objects.first()
    with pytest.raises(ValidationError):
        event.delete()
    event.note = "sửa"
    with pytest.raises(ValidationError):
        event.save()
    assert TaskEvent.objects.count() == journaled == 4


def test_group_phrase_with_an_unknown_kind_is_refused_in_vietnamese():
    phrase = UnitGroupPhrase(phrase="các huyện biên giới", kinds="distric")
    with pytest.raises(ValidationError) as error:
        phrase.full_clean()
    assert error.value.message_dict["kinds"] == [
        f"Mã loại không hợp lệ: distric. Dùng: {', '.join(UnitKind.values)}."
    ]


def test_group_phrase_with_no_kind_is_refused():
    with pytest.raises(ValidationError) as error:
        UnitGroupPhrase(phrase="các huyện biên giới", kinds=" , ").full_clean()
    assert error.value.message_dict["kinds"][0].startswith("Mã loại không hợp lệ: —.")


def test_group_phrase_with_known_kinds_is_accepted():
    UnitGroupPhrase(phrase="các huyện và các sở", kinds="district, department").full_clean()
