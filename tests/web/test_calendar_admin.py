"""The administrator's calendar page: saving an extra day off re-rolls deadlines and says how many."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from tests.factories import UserFactory, register_tasks
from tests.web.helpers import text_of

from vic.calendar.models import DayOverride
from vic.tasks.models import EventKind

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(tree):
    return UserFactory(username="quantri_he_thong", admin=True, is_staff=True, is_superuser=True)


def test_adding_and_deleting_a_day_off_in_the_admin_moves_deadlines(client, clerk, tree, superuser):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-11"), deliver_on=D("2026-01-06"))
    client.force_login(superuser)

    response = client.post(
        reverse("admin:calendar_dayoverride_add"),
        {"day": "11/03/2026", "kind": "day_off", "reason": "Công văn 100/VPCP-KGVX", "_save": "Lưu"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    changelist = client.get(response["Location"]).content.decode()
    assert "Đã tính lại thời hạn thực tế của 1 nhiệm vụ." in text_of(changelist)
    task.refresh_from_db()
    assert (task.deadline, task.effective_deadline) == (D("2026-03-11"), D("2026-03-12"))
    override = DayOverride.objects.get(day=D("2026-03-11"))

    deleted = client.post(reverse("admin:calendar_dayoverride_delete", args=[override.pk]), {"post": "yes"})

    assert deleted.status_code == 302
    task.refresh_from_db()
    assert task.effective_deadline == D("2026-03-11")
    assert task.events.filter(kind=EventKind.RECOMPUTED, actor=superuser).count() == 2
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "thời hạn thực tế: “11/03/2026” → “12/03/2026”" in page
    assert "thời hạn thực tế: “12/03/2026” → “11/03/2026”" in page


def test_bulk_delete_in_the_admin_moves_deadlines_back(client, clerk, tree, superuser):
    (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-11"), deliver_on=D("2026-01-06"))
    client.force_login(superuser)
    client.post(
        reverse("admin:calendar_dayoverride_add"), {"day": "11/03/2026", "kind": "day_off", "reason": ""}
    )
    override = DayOverride.objects.get(day=D("2026-03-11"))

    response = client.post(
        reverse("admin:calendar_dayoverride_changelist"),
        {"action": "delete_selected", "_selected_action": [override.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not DayOverride.objects.filter(pk=override.pk).exists()
    task.refresh_from_db()
    assert task.effective_deadline == D("2026-03-11")
