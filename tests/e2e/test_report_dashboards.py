"""The reporting dashboard in a browser: a status tile shows its count, and clicking it lands on the task
list with the same count; the trend chart is drawn by the local Chart.js; the page fits a phone."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.helpers import login, register, spec

from vic.core import clock
from vic.tasks.actions import record_progress

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_tile_opens_the_list_it_counts(page: Page, province):
    today = clock.today()
    day = lambda n: today + datetime.timedelta(days=n)  # noqa: E731
    directive = register(
        province.clerk,
        "901",
        [
            spec([province.stc, province.skhdt, province.u_minh], "Nhiệm vụ đã quá hạn", day(-10)),
            spec([province.stc], "Nhiệm vụ còn trong hạn", day(20)),
        ],
        on=day(-40),
    )
    with clock.at(day(-30)):
        record_progress(province.clerk, directive.tasks.get(content="Nhiệm vụ còn trong hạn"), "Đang làm")

    login(page, "vanthu_e2e")
    page.get_by_role("link", name="Tổng quan theo nhóm").click()
    tiles = page.get_by_test_id("dashboard-tiles")
    not_started_overdue = tiles.locator("a[data-tile='5']")
    expect(not_started_overdue.locator(".count")).to_have_text("3")
    expect(page.get_by_test_id("group-table").locator("tbody tr")).to_have_count(3)
    # The trend comes in a second request after the page (HTMX) and is drawn when it lands.
    page.wait_for_function("() => !!window.Chart && !!window.Chart.getChart('trend-chart')")

    not_started_overdue.click()
    expect(page.get_by_role("heading", name="Danh sách nhiệm vụ")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_have_text("3 nhiệm vụ")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/bao-cao/tong-quan/")
    expect(tiles.locator("a[data-tile='2'] .count")).to_have_text("1")
    # The page's own content fits (wide tables scroll inside their box); the top bar is the frame's.
    overflow = page.evaluate(
        "() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth; }"
    )
    assert overflow <= 1, overflow
