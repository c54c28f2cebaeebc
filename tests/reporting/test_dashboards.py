"""Dashboards (issue 5.5): counts, on-time rate, trend and groups with right values; every number opens a
task list with the same count; a unit sees only its own; the query count does not grow with units."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from tests.factories import UnitFactory, register_tasks

from vic.core import clock
from vic.tasks import actions

D = datetime.date.fromisoformat
TODAY = D("2026-03-02")
URL = "/bao-cao/tong-quan/"
TREND_URL = "/bao-cao/tong-quan/xu-huong/"  # loaded by the page after it is shown (HTMX)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


def one(clerk, unit, deadline, **fields):
    (task,) = register_tasks(clerk, [unit], deadline=deadline, deliver_on=D("2026-01-06"), **fields)
    return task


def progress(clerk, task, day):
    with clock.at(day):
        actions.record_progress(clerk, task, "Đang triển khai")


def complete(clerk, task, day):
    with clock.at(day):
        actions.confirm_completion(clerk, task, completed_on=day)


@pytest.fixture
def world(clerk, tree, users, leader):
    """STC: done on time, done late, in progress overdue, 2 not started overdue (TH, officer, leader).
    SKHĐT: in progress within, not started within (TH), not started overdue (KT, no officer, no leader)."""
    th = {
        "monitoring_department": tree.th,
        "monitoring_officers": [users.monitoring_officer],
        "assigning_leader": leader,
    }
    a, b, c = (one(clerk, tree.stc, D("2026-02-20"), **th) for _ in range(3))
    d1, d2 = (one(clerk, tree.stc, D("2026-02-27"), **th) for _ in range(2))
    e, f = (one(clerk, tree.skhdt, D("2026-04-30"), **th) for _ in range(2))
    g = one(clerk, tree.skhdt, D("2026-02-20"), monitoring_department=tree.kt)
    complete(clerk, a, D("2026-02-10"))
    complete(clerk, b, D("2026-02-25"))
    progress(clerk, c, D("2026-02-02"))
    progress(clerk, e, D("2026-02-02"))
    return {"a": a, "b": b, "c": c, "d1": d1, "d2": d2, "e": e, "f": f, "g": g}


def board(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.context["board"]


def list_count(client, url) -> int:
    parts = urlsplit(url)
    assert parts.path == reverse("tasks:list")
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["form"].errors, response.context["form"].errors
    return response.context["page"].paginator.count


def test_tiles_and_rate_province_wide(client, users, world):
    b = board(client, users.office_leader)
    assert [c.count for c in b.total.cells] == [1, 1, 1, 1, 1, 3]
    assert (b.total.total.count, b.total.overdue.count, b.total.rate) == (8, 4, 16.7)
    assert [c.colour for c in b.total.cells] == [
        "#198754",
        "#5c7a29",
        "#0d6efd",
        "#dc3545",
        "#6c757d",
        "#842029",
    ]


def test_every_tile_opens_a_list_of_the_same_count(client, users, world):
    b = board(client, users.office_leader)
    for cell in [*b.total.cells, b.total.overdue, b.total.no_deadline, b.total.total]:
        assert list_count(client, cell.url) == cell.count
    assert list_count(client, b.total.rate_url) == 6  # the rate's denominator


@pytest.mark.parametrize("by", ["unit", "department", "officer", "leader"])
def test_every_table_cell_opens_a_list_of_the_same_count(client, users, world, by):
    b = board(client, users.office_leader, by=by)
    checked = 0
    for g in b.groups:
        for cell in [*g.cells, g.overdue, g.no_deadline, g.total]:
            if cell.url:
                assert list_count(client, cell.url) == cell.count, (by, g.name, cell)
                checked += 1
    assert checked >= 8


def test_groups_by_unit_sorted_by_overdue(client, users, tree, world):
    b = board(client, users.office_leader, by="unit")
    assert [g.name for g in b.groups] == ["STC", "SKHĐT"]
    stc, skhdt = b.groups
    assert [c.count for c in stc.cells] == [1, 1, 0, 1, 0, 2]
    assert (stc.overdue.count, stc.total.count, stc.rate) == (3, 5, 20.0)
    # A row adds up: the six statuses and the tasks without a date make the total.
    for g in b.groups:
        assert sum(c.count for c in g.cells) + g.no_deadline.count == g.total.count
    assert [c.count for c in skhdt.cells] == [0, 0, 1, 0, 1, 1]
    assert (skhdt.overdue.count, skhdt.rate) == (1, 0.0)


def test_groups_by_department_officer_and_leader(client, users, tree, leader, world):
    dept = {
        g.key: (g.total.count, g.overdue.count)
        for g in board(client, users.office_leader, by="department").groups
    }
    assert dept == {tree.th.pk: (7, 3), tree.kt.pk: (1, 1)}
    officer = {g.key: g.total.count for g in board(client, users.office_leader, by="officer").groups}
    assert officer == {users.monitoring_officer.pk: 7, None: 1}
    by_leader = board(client, users.office_leader, by="leader").groups
    assert {g.key: g.total.count for g in by_leader} == {leader.pk: 7, None: 1}
    assert next(g for g in by_leader if g.key is None).total.url is None  # no list filter says "no leader"


def test_narrowed_to_a_department(client, users, tree, world):
    b = board(client, users.office_leader, department=tree.kt.pk, by="")
    assert (b.total.total.count, b.total.overdue.count) == (1, 1)
    assert list_count(client, b.total.cells[5].url) == 1
    assert b.focus == ["Phòng theo dõi: KT"]


def trend_of(client, user, **params):
    client.force_login(user)
    response = client.get(TREND_URL, params)
    assert response.status_code == 200
    return response.context["board"].trend


def test_trend_by_monthly_window(client, users, world):
    trend = trend_of(client, users.office_leader, year=2026)
    assert [(m.start, m.end) for m in trend] == [
        (D("2025-12-15"), D("2026-01-14")),
        (D("2026-01-15"), D("2026-02-14")),
        (D("2026-02-15"), TODAY),  # the current window, cut at today
    ]
    assert [m.counts for m in trend] == [[0, 0, 0, 0, 8, 0], [1, 0, 2, 0, 5, 0], [0, 1, 1, 1, 1, 3]]
    assert [m.rate for m in trend] == [None, 100.0, 0.0]


def test_most_overdue_first(client, users, world):
    overdue = board(client, users.office_leader).overdue
    assert [t.pk for t in overdue] == [world[k].pk for k in ("c", "g", "d1", "d2")]
    # 20/02/2026 falls in the Tết break (14–22/02): the deadline in force is Monday 23/02.
    assert [t.days_overdue for t in overdue] == [7, 7, 3, 3]


def test_unit_user_sees_only_its_own_unit(client, users, tree, world):
    user = users.stc_officer
    b = board(client, user, unit=tree.skhdt.pk, by="unit")  # a guessed id of another unit
    assert b.narrowing == {"unit": tree.stc.pk}
    assert (b.total.total.count, b.total.overdue.count) == (5, 3)
    assert [g.key for g in b.groups] == [tree.stc.pk]
    content = client.get(URL, {"unit": tree.skhdt.pk}).content.decode()
    assert "SKHĐT" not in content and f'href="/nhiem-vu/{world["g"].pk}/"' not in content
    for cell in [*b.total.cells, b.total.total]:
        assert list_count(client, cell.url) == cell.count


def test_page_renders_chart_and_links(client, users, world):
    client.force_login(users.office_leader)
    html = client.get(URL).content.decode()
    assert "vendor/chartjs-4.5.1/chart.umd.min.js" in html and f'hx-get="{TREND_URL}?' in html
    assert board(client, users.office_leader).trend == []  # the counts do not wait for the trend
    assert 'id="trend-data"' in client.get(TREND_URL).content.decode()
    assert 'href="/nhiem-vu/?status=not_started_overdue"' in html
    assert "Tổng quan theo nhóm" in html  # the sidebar link


def test_query_count_does_not_grow_with_units(
    client, users, clerk, tree, leader, django_assert_max_num_queries
):
    def add_units(n):
        for _ in range(n):
            unit = UnitFactory()
            one(clerk, unit, D("2026-02-20"), monitoring_department=tree.th, assigning_leader=leader)

    client.force_login(users.office_leader)
    counts = {}
    for label, n in (("3", 3), ("30", 27)):
        add_units(n)
        client.get(URL)  # warm per-process caches, as a running server has them
        for by in ("unit", "officer"):
            with django_assert_max_num_queries(14) as captured:
                assert client.get(URL, {"by": by}).status_code == 200
            counts[label, by] = len(captured.captured_queries)
    assert counts["3", "unit"] == counts["30", "unit"]
    assert counts["3", "officer"] == counts["30", "officer"]
