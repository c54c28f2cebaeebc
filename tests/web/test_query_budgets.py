"""No N+1: the busiest pages cost the same number of queries for 5 tasks as for 40."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from tests.factories import DirectiveFactory, register_tasks
from tests.web.helpers import task_links

from vic.core import clock
from vic.tasks import actions

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

# Includes the frame's one COUNT for the notification bell, the sidebar's COUNT of difficulties waiting for
# the Office, and the task page's list of difficulties about the task.
BUDGET = 18
DEADLINES = [D("2026-02-20"), D("2026-02-27"), D("2026-03-06"), D("2026-03-20"), D("2026-04-30")]


@pytest.fixture
def add_tasks(clerk, users, tree, leader):
    """Add tasks five at a time (one instruction, five lead units), varied like real ones."""
    leads = [tree.stc, tree.skhdt, tree.stnmt, tree.city, tree.tam_duong]
    made = []

    def add(n: int, directive=None):
        directive = directive or DirectiveFactory()
        for i in range(n // 5):
            tasks = register_tasks(
                clerk,
                leads,
                directive=directive,
                content=f"Nhiệm vụ thử số {len(made) + 1}",
                deadline=DEADLINES[(len(made) // 5) % len(DEADLINES)],
                coordinating_units=[tree.stc, tree.city],
                monitoring_department=tree.th,
                monitoring_officers=[users.monitoring_officer],
                assigning_leader=leader,
                is_key=i % 2 == 0,
                deliver_on=D("2026-01-06"),
            )
            with clock.at(D("2026-02-02")):
                actions.record_progress(clerk, tasks[0], "Đang triển khai")
            with clock.at(D("2026-02-25")):
                actions.confirm_completion(clerk, tasks[1])
            made.extend(tasks)
        return directive

    add.made = made
    return add


def queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(BUDGET) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def compare(client, url, grow, django_assert_max_num_queries) -> tuple[int, int]:
    client.get(url)  # warm the per-process calendar tables, as a running server has them
    small = queries(client, url, django_assert_max_num_queries)
    grow()
    large = queries(client, url, django_assert_max_num_queries)
    return small, large


@pytest.mark.parametrize("who", ["clerk", "stc_officer"])
def test_task_list(client, users, add_tasks, django_assert_max_num_queries, who):
    add_tasks(5)
    client.force_login(getattr(users, "office_clerk" if who == "clerk" else who))
    url = reverse("tasks:list")
    small, large = compare(client, url, lambda: add_tasks(35), django_assert_max_num_queries)
    assert small == large
    # STC leads 8 of the 40 and coordinates the 32 others: it sees them all, as the clerk does.
    assert len(task_links(client.get(url).content.decode())) == 40


@pytest.mark.parametrize("who", ["clerk", "stc_officer"])
def test_dashboard(client, users, add_tasks, django_assert_max_num_queries, who):
    add_tasks(5)
    client.force_login(getattr(users, "office_clerk" if who == "clerk" else who))
    small, large = compare(client, reverse("core:home"), lambda: add_tasks(35), django_assert_max_num_queries)
    assert small == large


def test_directive_detail(client, clerk, add_tasks, django_assert_max_num_queries):
    directive = add_tasks(5)
    client.force_login(clerk)
    url = reverse("directives:detail", args=[directive.pk])
    small, large = compare(client, url, lambda: add_tasks(35, directive), django_assert_max_num_queries)
    assert small == large
    assert len(task_links(client.get(url).content.decode())) == 40


def test_task_detail_of_a_large_group(client, clerk, add_tasks, tree, django_assert_max_num_queries):
    """The "same content, given to" list of a group does not cost a query per member."""
    directive = DirectiveFactory()
    leads = [tree.stc, tree.skhdt, tree.stnmt, tree.city, tree.tam_duong]
    few = register_tasks(clerk, leads[:2], directive=directive, deliver_on=D("2026-01-06"))
    many = register_tasks(clerk, leads, directive=directive, deliver_on=D("2026-01-06"))
    client.force_login(clerk)
    client.get(reverse("tasks:detail", args=[few[0].pk]))
    small = queries(client, reverse("tasks:detail", args=[few[0].pk]), django_assert_max_num_queries)
    large = queries(client, reverse("tasks:detail", args=[many[0].pk]), django_assert_max_num_queries)
    assert small == large


@pytest.mark.parametrize("who", ["monitoring_officer", "office_leader"])
def test_pending_page(client, users, tree, clerk, add_tasks, django_assert_max_num_queries, who):
    """Chờ xử lý chooses what the user may decide in SQL: the same cost for 1 proposal as for 20."""
    from vic.tasks.models import SubmissionKind

    def propose(n):
        for task in add_tasks.made[-n:]:
            if not task.completed_on and task.lead_unit_id == tree.stc.pk:
                actions.submit(users.stc_officer, task, SubmissionKind.EXTENSION, "Xin gia hạn",
                               proposed_deadline=D("2026-06-30"))  # fmt: skip

    add_tasks(5)
    propose(5)
    client.force_login(getattr(users, who))
    small, large = compare(
        client, reverse("tasks:pending"), lambda: (add_tasks(35), propose(35)), django_assert_max_num_queries
    )
    assert small == large
