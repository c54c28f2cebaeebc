"""The register page stops a form with more files than one request may carry before sending it (finding #7):
the server would answer 400 and the rows typed on the page would be lost."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.helpers import dmy, login
from tests.e2e.test_register_directive import fill_directive, fill_row, open_register_page

from vic.core import clock
from vic.directives.models import Directive

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ROW = "Rà soát, tổng hợp hồ sơ quét của các dự án giải ngân chậm"


def test_too_many_files_are_stopped_before_sending_and_the_rows_kept(page: Page, province):
    today = clock.today()
    login(page, "vanthu_e2e")
    open_register_page(page)
    fill_directive(page, issue_date=dmy(today - datetime.timedelta(days=1)))
    fill_row(page, 0, content=ROW, lead="Sở Tài chính", deadline=dmy(today + datetime.timedelta(days=30)))
    scans = [
        {"name": f"trang-{i:03d}.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff"}
        for i in range(101)
    ]
    page.locator("#id_files").set_input_files(scans)

    page.get_by_role("button", name="Lưu và chuyển").click()

    expect(page.locator("[data-upload-problem]")).to_have_text(
        "Mỗi lần gửi tối đa 100 tệp, bạn đã chọn 101 tệp: hãy gộp các trang quét thành một tệp PDF hoặc bớt "
        "tệp rồi gửi lại."
    )
    expect(page).to_have_url(re.compile(r"/van-ban/nhap/$"))
    expect(page.locator("#id_tasks-0-content")).to_have_value(ROW)
    assert not Directive.objects.exists()
