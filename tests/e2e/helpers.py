"""Helpers of the browser tests: logging in through the form, and registering tasks through the actions."""

from __future__ import annotations

import datetime
import warnings
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from vic.core import clock
from vic.directives.actions import register_directive
from vic.directives.models import Directive, DirectiveKind
from vic.tasks.specs import TaskSpec
from vic.units.models import Unit, User

PASSWORD = "Thu-nghiem@2026"
ISSUER = "Ủy ban nhân dân tỉnh Cà Mau"


@dataclass
class Province:
    """The small province of the browser tests (see the `province` fixture)."""

    province: Unit
    office: Unit
    th: Unit  # Phòng Tổng hợp (Office department)
    stc: Unit  # Sở Tài chính
    skhdt: Unit  # Sở Kế hoạch và Đầu tư
    u_minh: Unit  # UBND huyện U Minh
    ca_mau: Unit  # UBND thành phố Cà Mau
    clerk: User  # office_clerk of the Office
    stc_officer: User  # unit_officer of Sở Tài chính
    u_minh_officer: User  # unit_officer of UBND huyện U Minh


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person would, and wait for the frame of the dashboard."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def register(
    clerk: User,
    number: str,
    specs: list[TaskSpec],
    *,
    on: datetime.date,
    deliver: bool = True,
    abstract: str = "Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công",
) -> Directive:
    """Register a directive and its tasks through the actions as of day `on` (delivered that day if asked)."""
    fields = {
        "kind": DirectiveKind.objects.get(name="Công văn"),
        "number": number,
        "symbol": "UBND-TH",
        "issuer": ISSUER,
        "issue_date": on,
        "abstract": abstract,
    }
    with clock.at(on):
        return register_directive(clerk, fields, specs=specs, deliver=deliver)


def spec(leads, content: str, deadline: datetime.date | None, **fields) -> TaskSpec:
    leads = leads if isinstance(leads, list | tuple) else [leads]
    return TaskSpec(content=content, lead_units=list(leads), deadline=deadline, **fields)


def dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def submit(page: Page, button, timeout: float = 30_000) -> None:
    """Click a submit button and wait for the page that answers.

    On CI's two cores a starved renderer has been seen to drop the click: the server received nothing
    and the test waited out its timeout. The click is repeated once, only when the browser has sent no
    form at all after 10 s, so that nothing is ever sent twice."""
    sent = []

    def seen(request):
        if request.method == "POST" and request.is_navigation_request():
            sent.append(request)

    page.on("request", seen)
    try:
        with page.expect_navigation(timeout=timeout):
            button.click()
            for _ in range(40):
                if sent:
                    break
                page.wait_for_timeout(250)
            else:
                warnings.warn("e2e: the browser sent no form after a click; clicked again", stacklevel=2)
                button.click()
    finally:
        page.remove_listener("request", seen)
