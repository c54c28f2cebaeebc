"""No N+1 on the difficulty pages: as many queries for 2 difficulties (or messages) as for 12."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vic.difficulties import actions
from vic.difficulties.models import About

pytestmark = pytest.mark.django_db
BUDGET = 20


def count(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(BUDGET) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_list_and_thread(client, users, task, about_task, about_system, django_assert_max_num_queries):
    client.force_login(users.monitoring_officer)
    url_list, url_detail = reverse("difficulties:list"), reverse("difficulties:detail", args=[about_task.pk])
    client.get(url_list)
    small = (
        count(client, url_list, django_assert_max_num_queries),
        count(client, url_detail, django_assert_max_num_queries),
    )
    for i in range(10):
        actions.raise_difficulty(
            users.stc_officer, subject=f"Vướng mắc {i}", description="…", about=About.TASK, task=task
        )
        actions.answer(users.monitoring_officer, about_task, f"Trả lời {i}")
        actions.follow_up(users.stc_officer, about_task, f"Trao đổi {i}")
    large = (
        count(client, url_list, django_assert_max_num_queries),
        count(client, url_detail, django_assert_max_num_queries),
    )
    assert small == large
