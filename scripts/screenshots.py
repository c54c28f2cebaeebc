#!/usr/bin/env python3
"""Screenshots of VIC's main pages for the documentation (docs/screenshots/*.png, 1366x900).

Needs a running VIC with the demo loaded (`vic serve --demo` or `make run` load it into an empty
database) and Debian's Chromium (`apt-get install chromium chromium-l10n`: the second package puts the
browser's own texts, such as the file picker's, in Vietnamese); no browser is downloaded.

    .venv/bin/python scripts/screenshots.py                        # http://127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8765 --out /tmp/shots

Pages: login, dashboard, task list and a task (clerk `vanthu`), the registration page with two task
rows filled (`vanthu`), the inbox of a unit and a task page with its "Thao tác" panel open (`stc`, Sở
Tài chính), the "Chờ xử lý" page of the monitoring officer (`cv.tonghop`, or the Director `gd.stc`), the
compiled report, the report dashboard, the report calendar and the urging notices (`chanhvp`).
The script only reads and types: it submits nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import zoneinfo
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "VicDemo@2026"  # noqa: S105 — the published password of the demo accounts
VIEWPORT = {"width": 1366, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--font-render-hinting=none",
    "--lang=vi-VN",
]
# On Linux, Chromium picks the language of its own texts (the file picker's…) from the environment.
BROWSER_ENV = {**os.environ, "LANGUAGE": "vi", "LANG": "vi_VN.UTF-8"}


class Shooter:
    def __init__(self, browser: Browser, url: str, out: Path, password: str):
        self.browser, self.url, self.out, self.password = browser, url.rstrip("/"), out, password
        self.saved: list[Path] = []

    def new_page(self) -> Page:
        context = self.browser.new_context(
            base_url=self.url, viewport=VIEWPORT, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        context.set_default_timeout(15_000)
        return context.new_page()

    def shot(self, page: Page, name: str) -> None:
        page.wait_for_load_state("networkidle")
        page.evaluate(
            "document.activeElement && document.activeElement.blur && document.activeElement.blur()"
        )
        path = self.out / name
        page.screenshot(path=str(path), animations="disabled", caret="hide")
        self.saved.append(path)
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def login(self, page: Page, username: str) -> None:
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(self.password)
        page.get_by_role("button", name="Đăng nhập").click()
        try:
            expect(page.get_by_test_id("current-user")).to_be_visible()
        except AssertionError:
            sys.exit(f"Không đăng nhập được bằng tài khoản {username!r}: dữ liệu mẫu đã được nạp chưa?")

    # --- the pages -----------------------------------------------------------------------------------

    def login_page(self) -> None:
        page = self.new_page()
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("vanthu")
        self.shot(page, "login.png")
        page.context.close()

    def clerk_pages(self) -> None:
        page = self.new_page()
        self.login(page, "vanthu")

        page.goto("/")
        if page.locator("#by-unit").count():
            page.wait_for_timeout(800)  # Chart.js draws after load
        self.shot(page, "dashboard.png")

        page.goto("/nhiem-vu/")
        self.shot(page, "task-list.png")

        page.goto(self.telling_task(page))
        expect(page.get_by_test_id("task-content")).to_be_visible()
        self.shot(page, "task-detail.png")

        self.register_page(page)
        page.context.close()

    def telling_task(self, page: Page) -> str:
        """A task with progress reports and a short group, so that its journal shows in the picture."""
        candidates: list[str] = []
        for status in ["in_progress_within", "in_progress_overdue", ""]:
            page.goto(f"/nhiem-vu/?status={status}" if status else "/nhiem-vu/")
            links = page.get_by_test_id("task-table").locator("tbody tr td:nth-child(2) > a")
            candidates += [links.nth(i).get_attribute("href") for i in range(min(links.count(), 8))]
        for href in candidates:
            page.goto(href)
            group = page.get_by_text("Cùng nội dung, giao cho").count()
            if page.get_by_test_id("journal").locator("li").count() >= 3 and not group:
                return href
        return candidates[0]

    def register_page(self, page: Page) -> None:
        today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).date()
        issued = (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
        deadline = (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
        page.goto("/van-ban/nhap/")
        page.locator("#id_kind").select_option(label="Công văn")
        page.locator("#id_number").fill("1120")
        page.locator("#id_symbol").fill("UBND-KT")
        page.locator("#id_issue_date").fill(issued)
        page.locator("#id_abstract").fill("Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công")
        page.locator("#id_signer_name").fill("Nguyễn Văn Minh")
        page.locator("#id_signer_position").fill("Phó Chủ tịch")
        rows = [
            ("Tham mưu UBND tỉnh điều chuyển vốn của các dự án giải ngân chậm", "Sở Tài chính", ""),
            (
                "Rà soát, đẩy nhanh giải phóng mặt bằng các dự án trên địa bàn",
                "UBND các huyện, thành phố",
                "Sở Kế hoạch và Đầu tư",
            ),
        ]
        for index, (content, lead, coordinators) in enumerate(rows):
            if page.locator(f"#id_tasks-{index}-content").count() == 0:
                page.get_by_role("button", name="Thêm nhiệm vụ").click()
            page.locator(f"#id_tasks-{index}-content").fill(content)
            page.locator(f"#id_tasks-{index}-lead").press_sequentially(lead)
            if coordinators:
                page.locator(f"#id_tasks-{index}-coordinators").press_sequentially(coordinators)
            page.locator(f"#id_tasks-{index}-deadline").fill(deadline)
            expect(page.locator(f"#tasks-{index}-lead-preview")).to_contain_text("→")
        # Show the end of the document's fields and both task rows.
        page.evaluate(
            "window.scrollTo(0, document.querySelector('#id_signer_name').getBoundingClientRect().top"
            " + window.scrollY - 50)"
        )
        self.shot(page, "register.png")

    def unit_pages(self) -> None:
        page = self.new_page()
        self.login(page, "stc")
        page.goto("/nhiem-vu/hop-thu/")
        self.shot(page, "inbox-unit.png")

        page.goto(self.working_task(page))
        page.get_by_test_id("action-panel").get_by_role("button", name="Báo cáo tiến độ", exact=True).click()
        form = page.get_by_test_id("form-bao-cao")
        expect(form).to_be_visible()
        form.get_by_label("Nội dung").fill(
            "Đã tổng hợp số liệu của 7/9 huyện, thành phố; dự kiến trình UBND tỉnh trước ngày 20/12/2026."
        )
        form.get_by_label("Số văn bản báo cáo (nếu có)").fill("231/BC-STC")
        self.shot(page, "task-actions.png")
        page.context.close()

    def working_task(self, page: Page) -> str:
        """A task the unit leads and works on, with reports already sent (its panel offers a progress report)."""
        candidates: list[str] = []
        for status in ["in_progress_within", "not_started_within", "in_progress_overdue"]:
            page.goto(f"/nhiem-vu/?scope=lead&status={status}")
            links = page.get_by_test_id("task-table").locator("tbody tr td:nth-child(2) > a")
            candidates += [links.nth(i).get_attribute("href") for i in range(min(links.count(), 8))]
        if not candidates:
            sys.exit("Đơn vị không có nhiệm vụ nào đang thực hiện: dữ liệu mẫu đã được nạp chưa?")
        for href in candidates:
            page.goto(href)
            panel = page.get_by_test_id("action-panel")
            if not panel.get_by_role("button", name="Báo cáo tiến độ", exact=True).count():
                continue
            if page.get_by_test_id("submissions").locator("li").filter(has=page.locator("strong")).count():
                return href
        return candidates[0]

    def pending_page(self) -> None:
        """Chờ xử lý with items: the monitoring officer's proposals to decide, else the Director's."""
        page = self.new_page()
        for username in ["cv.tonghop", "gd.stc"]:
            self.login(page, username)
            page.goto("/nhiem-vu/cho-xu-ly/")
            if page.get_by_test_id("to-decide").count() or page.get_by_test_id("to-approve").count():
                self.shot(page, "pending.png")
                break
            page.context.clear_cookies()
        else:
            print("  Chờ xử lý: không có đề xuất nào đang chờ (cv.tonghop, gd.stc), không chụp pending.png")
        page.context.close()

    def report_pages(self) -> None:
        """Báo cáo (Office leader `chanhvp`): the compiled report of May, the dashboard by group with its
        trend, the report calendar; the urging notices list."""
        page = self.new_page()
        self.login(page, "chanhvp")
        page.goto("/bao-cao/tong-hop/?kind=monthly&period=2026-05")
        self.shot(page, "compiled-report.png")
        page.goto("/bao-cao/tong-quan/")
        page.wait_for_function("() => !!window.Chart && !!window.Chart.getChart('trend-chart')")
        page.wait_for_timeout(800)  # Chart.js animates
        self.shot(page, "report-dashboard.png")
        page.goto("/bao-cao/")
        self.shot(page, "report-calendar.png")
        page.goto("/don-doc/")
        self.shot(page, "urging-notices.png")
        page.context.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", default="http://127.0.0.1:8000", help="địa chỉ VIC đang chạy (có dữ liệu mẫu)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="thư mục lưu ảnh")
    parser.add_argument("--password", default=DEMO_PASSWORD, help="mật khẩu tài khoản dùng thử")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="trình duyệt Chromium của hệ thống")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        sys.exit("Chromium chưa được cài: apt-get install chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"Chụp màn hình {args.url} → {args.out}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS, env=BROWSER_ENV
        )
        try:
            shooter = Shooter(browser, args.url, args.out, args.password)
            shooter.login_page()
            shooter.clerk_pages()
            shooter.unit_pages()
            shooter.pending_page()
            shooter.report_pages()
        finally:
            browser.close()
    print(f"Đã lưu {len(shooter.saved)} ảnh.")


if __name__ == "__main__":
    main()
