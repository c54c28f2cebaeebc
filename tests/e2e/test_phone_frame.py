"""On a 390 px phone the frame fits the screen: no sideways scrolling, the bell drawn without an emoji
font, and the menu (☰) holds the user's name and the log-out button (regression: the top bar was 477 px)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.e2e.helpers import login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_the_frame_fits_a_phone_and_logs_out_from_the_menu(page, province):
    login(page, "stc_e2e")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bell = page.get_by_test_id("bell")
    expect(bell.locator("svg")).to_be_visible()
    box = bell.bounding_box()
    assert box["x"] + box["width"] <= 390
    page.get_by_role("button", name="Mở menu").click()
    menu_user = page.get_by_test_id("menu-user")
    expect(menu_user).to_contain_text("Lê Văn Tài")
    menu_user.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
