"""A reminder meant for a unit that has nobody to receive it (no head account, no officer) is not lost:
the officers following the task — else the Office's registrars — are told instead, once, and say why."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from tests.factories import DirectiveFactory, register_tasks

from vic.core import clock
from vic.urging import services
from vic.urging.models import Dispatch, Notification, ReminderRule

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def overdue(clerk, users, tree):
    """Sở Tài chính (an officer, no head account) and Tam Đường (an officer) due Mon 23/02/2026; STC's task
    is followed by the TH officer, Tam Đường's by nobody. Only the escalation rule is kept."""
    ReminderRule.objects.all().delete()
    ReminderRule.objects.create(
        name="Báo thủ trưởng", timing="overdue_after", working_days=5, audiences="unit_head"
    )
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (followed,) = register_tasks(clerk, tree.stc, directive=directive, deadline=D("2026-02-23"),
                                 monitoring_officers=[users.monitoring_officer], deliver_on=D("2026-01-06"))  # fmt: skip
    (unfollowed,) = register_tasks(clerk, tree.tam_duong, directive=directive, deadline=D("2026-02-23"),
                                   deliver_on=D("2026-01-06"))  # fmt: skip
    return followed, unfollowed


def test_an_escalation_with_no_head_account_goes_to_the_office(users, clerk, tree, overdue):
    followed, unfollowed = overdue
    due = services.due_on(D("2026-03-02"))
    assert {(d.task, d.recipient, d.unreachable) for d in due} == {
        (followed, users.monitoring_officer, tree.stc),
        (unfollowed, clerk, tree.tam_duong),
    }
    with clock.at(D("2026-03-02")):
        assert services.send(D("2026-03-02"), email=False) == 2
        assert services.send(D("2026-03-02"), email=False) == 0
    assert Dispatch.objects.count() == 2
    note = Notification.objects.get(user=users.monitoring_officer)
    assert note.text.startswith("Sở Tài chính chưa có tài khoản nhận lượt nhắc này (thủ trưởng hoặc cán bộ")
    assert f"[Báo thủ trưởng] Nhiệm vụ #{followed.pk}" in note.text


def test_the_dry_run_says_who_is_told_instead(users, overdue):
    out = StringIO()
    call_command("remind", today="2026-03-02", dry_run=True, stdout=out)
    assert "(thay cho Sở Tài chính: đơn vị chưa có tài khoản nhận)" in out.getvalue()
    assert "2 lượt nhắc sẽ gửi" in out.getvalue()


def test_a_unit_with_a_head_is_escalated_to_him_only(users, tree, overdue):
    from tests.factories import UserFactory

    from vic.units.models import Role

    head = UserFactory(role=Role.UNIT_HEAD, unit=tree.stc)
    due = [d for d in services.due_on(D("2026-03-02")) if d.task == overdue[0]]
    assert [(d.recipient, d.unreachable) for d in due] == [(head, None)]


def test_a_reminder_for_the_followers_of_a_task_nobody_is_named_on_reaches_its_department(clerk, users, tree):
    """The same followers as the task's notifications (fanout.monitors): the department's officers."""
    ReminderRule.objects.all().delete()
    ReminderRule.objects.create(name="Đúng hạn", timing="on_day", working_days=0, audiences="monitors")
    (task,) = register_tasks(clerk, tree.stc, directive=DirectiveFactory(issue_date=D("2026-01-05")),
                             deadline=D("2026-02-23"), monitoring_department=tree.th, deliver_on=D("2026-01-06"))  # fmt: skip
    assert [(d.task, d.recipient) for d in services.due_on(D("2026-02-23"))] == [
        (task, users.monitoring_officer)
    ]
