"""No N+1 on the inspection pages: as many queries for 2 inspections (or checked tasks) as for 12."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.factories import register_tasks
from tests.inspections.conftest import record

from vic.inspections import actions

pytestmark = pytest.mark.django_db
BUDGET = 20


def count(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(BUDGET) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_list_and_detail(client, users, clerk, tree, world, django_assert_max_num_queries):
    every = [tree.stc, tree.skhdt, tree.city, tree.tam_duong, tree.stnmt]
    inspection = record(users.monitoring_officer, every, [world.stc_task, world.stc_done])
    client.force_login(users.monitoring_officer)
    url_list, url_detail = reverse("inspections:list"), reverse("inspections:detail", args=[inspection.pk])
    client.get(url_list)
    small = (
        count(client, url_list, django_assert_max_num_queries),
        count(client, url_detail, django_assert_max_num_queries),
    )
    tasks = register_tasks(clerk, every, deliver_on=world.stc_task.delivered_on)
    for _ in range(10):
        record(users.monitoring_officer, every, tasks)
    actions.add_checked_tasks(users.monitoring_officer, inspection, tasks)
    large = (
        count(client, url_list, django_assert_max_num_queries),
        count(client, url_detail, django_assert_max_num_queries),
    )
    assert small == large
