"""The dashboard's six status tiles count the tasks of each status and open the list filtered by it (R-4.7)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.helpers import login, register, spec

from vic.core import clock
from vic.tasks.actions import confirm_completion, record_progress, withdraw_task
from vic.tasks.models import Task
from vic.tasks.status import SIX, Status

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

# Distinct counts, so that a tile showing another status's number cannot pass.
EXPECTED = {
    Status.DONE_ON_TIME: 2,
    Status.DONE_LATE: 1,
    Status.IN_PROGRESS_WITHIN: 3,
    Status.IN_PROGRESS_OVERDUE: 1,
    Status.NOT_STARTED_WITHIN: 2,
    Status.NOT_STARTED_OVERDUE: 4,
}


@pytest.fixture
def six_statuses(province):
    """Tasks in each of the six statuses, built through the actions at past dates; plus tasks not counted."""
    today = clock.today()
    day = lambda n: today + datetime.timedelta(days=n)  # noqa: E731
    units = [province.stc, province.skhdt, province.u_minh, province.ca_mau]
    past_deadline, future_deadline = day(-30), day(30)
    deadline = {
        Status.DONE_ON_TIME: past_deadline,
        Status.DONE_LATE: past_deadline,
        Status.IN_PROGRESS_WITHIN: future_deadline,
        Status.IN_PROGRESS_OVERDUE: past_deadline,
        Status.NOT_STARTED_WITHIN: future_deadline,
        Status.NOT_STARTED_OVERDUE: past_deadline,
    }
    directive = register(
        province.clerk,
        "846",
        [spec(units[: EXPECTED[s]], f"Nhiệm vụ mẫu: {s.label}", deadline[s]) for s in SIX],
        on=day(-60),
    )
    clerk = province.clerk
    by_status = {s: list(directive.tasks.filter(content=f"Nhiệm vụ mẫu: {s.label}")) for s in SIX}
    for status, tasks in by_status.items():
        for task in tasks:
            if status in (Status.IN_PROGRESS_WITHIN, Status.IN_PROGRESS_OVERDUE, Status.DONE_LATE):
                with clock.at(day(-50)):
                    record_progress(clerk, task, "Đang triển khai, đã họp với các đơn vị liên quan.")
            if status == Status.DONE_ON_TIME:
                with clock.at(day(-40)):
                    confirm_completion(clerk, task, completed_on=day(-40))
            if status == Status.DONE_LATE:
                with clock.at(day(-5)):
                    confirm_completion(clerk, task, completed_on=day(-5))
    # Not counted by the tiles: a draft, a withdrawn task, a task without deadline.
    register(
        clerk, "850", [spec(province.stc, "Nhiệm vụ chưa chuyển giao", day(10))], on=day(-1), deliver=False
    )
    other = register(
        clerk,
        "851",
        [
            spec(province.stc, "Nhiệm vụ bị thu hồi", day(10)),
            spec(province.skhdt, "Nhiệm vụ thường xuyên", None, schedule="ongoing"),
        ],
        on=day(-3),
    )
    withdraw_task(clerk, other.tasks.get(content="Nhiệm vụ bị thu hồi"), "Giao trùng với văn bản khác")
    return by_status


def test_tiles_count_each_status_and_open_the_filtered_list(page: Page, province, six_statuses):
    today = clock.today()
    for status, tasks in six_statuses.items():  # the fixture built what the tiles are expected to show
        assert {t.status(today) for t in tasks} == {status}
        assert len(tasks) == EXPECTED[status]
    assert Task.objects.count() == sum(EXPECTED.values()) + 3

    login(page, "vanthu_e2e")
    tiles = page.get_by_test_id("tiles")
    expect(tiles.locator("a[data-status]")).to_have_count(6)
    expect(tiles.locator("a[data-status] .count")).to_have_text([str(EXPECTED[s]) for s in SIX])
    expect(tiles.locator("a[data-status] .small")).to_have_text([str(s.label) for s in SIX])
    expect(page.get_by_text("Nhiệm vụ không có thời hạn (thường xuyên, khẩn trương): 1.")).to_be_visible()
    expect(page.get_by_role("link", name="1 nhiệm vụ chưa chuyển giao")).to_be_visible()

    for status in SIX:
        page.goto("/")
        page.get_by_test_id("tiles").locator(f"a[data-status={status.value}]").click()
        expect(page.get_by_role("heading", name="Danh sách nhiệm vụ")).to_be_visible()
        assert page.url.endswith(f"/nhiem-vu/?status={status.value}")
        n = EXPECTED[status]
        expect(page.get_by_test_id("result-count")).to_have_text(f"{n} nhiệm vụ")
        rows = page.get_by_test_id("task-table").locator("tbody tr")
        expect(rows).to_have_count(n)
        expect(rows.locator(f".badge-status[data-status={status.value}]")).to_have_count(n)
        expect(rows.filter(has_text=f"Nhiệm vụ mẫu: {status.label}")).to_have_count(n)
        expect(page.locator("#id_status")).to_have_value(status.value)
