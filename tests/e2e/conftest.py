"""Browser tests: pytest-django's live server driven by Debian's Chromium through Playwright (sync API).

Every test builds its own small province (the `province` fixture); nothing depends on `vic demo`.
Run: `.venv/bin/pytest tests/e2e -q -p no:xdist`. No browser is downloaded: Chromium comes from
`apt-get install chromium`; without it the tests are skipped.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told that it is safe (it is: the loop only talks to the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # Two xdist workers share two cores: a renderer Chromium deems in the background must not be throttled.
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
NO_CHROMIUM = "Chromium chưa được cài: apt-get install chromium"
# A failed test leaves a full-page screenshot and the page's HTML here.
ARTIFACTS = Path(os.environ.get("VIC_E2E_ARTIFACTS") or Path(tempfile.gettempdir()) / "vic-e2e")


def pytest_collection_modifyitems(items):
    """All browser tests on one xdist worker (`--dist loadgroup` in the Makefile): one Chromium at a time
    beside the other worker's unit tests, not two browsers fighting for two cores (the clicks of a starved
    renderer were lost and a form never sent)."""
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _e2e_settings(settings):
    # The live server serves static files from the app directories: no collectstatic, no manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.AXES_ENABLED = False
    # Argon2 is slow on purpose; the test users log in through the form, a fast hasher keeps tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VIC_SHOW_DEMO_LOGINS = False


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1366, "height": 900},
        locale="vi-VN",
        # No Bootstrap animations (they honour prefers-reduced-motion): a button inside a collapse that is
        # still opening moves under the pointer of a starved renderer.
        reduced_motion="reduce",
    )
    # CI runs two workers on two cores: allow a loaded machine time before a check fails.
    context.set_default_timeout(20_000)
    # A form post is a whole request on the single-threaded live server, behind the pages' HTMX previews:
    # a starved machine took over 20 s once.
    context.set_default_navigation_timeout(60_000)
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(pg.content())
    context.close()


@pytest.fixture
def province(transactional_db):
    """The Committee, its Office (department TH), two departments, two district committees, three users."""
    from tests.e2e.helpers import ISSUER, PASSWORD, Province

    from vic.directives.models import DirectiveKind
    from vic.units.models import Role, Unit, UnitGroupPhrase, UnitKind, User

    # Seeded by migrations, but a transactional test's database was flushed by the test before it.
    DirectiveKind.objects.get_or_create(name="Công văn")
    for phrase in ["Ủy ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các huyện"]:
        UnitGroupPhrase.objects.get_or_create(phrase=phrase, defaults={"kinds": UnitKind.DISTRICT})

    def unit(name, code, kind=UnitKind.DEPARTMENT, short_name="", parent=None, order=0):
        return Unit.objects.create(
            name=name, short_name=short_name, code=code, kind=kind, parent=parent, order=order
        )

    def user(username, role, unit_, full_name):
        return User.objects.create_user(
            username, password=PASSWORD, role=role, unit=unit_, full_name=full_name
        )

    prov = unit(ISSUER, "ubnd-tinh", UnitKind.PROVINCE, "UBND tỉnh Cà Mau")
    office = unit("Văn phòng Ủy ban nhân dân tỉnh", "vp-ubnd", UnitKind.OFFICE, "VP UBND tỉnh", prov, 1)
    stc = unit("Sở Tài chính", "stc", short_name="STC", parent=prov, order=10)
    u_minh = unit(
        "Ủy ban nhân dân huyện U Minh", "h-u-minh", UnitKind.DISTRICT, "UBND huyện U Minh", prov, 20
    )
    return Province(
        province=prov,
        office=office,
        th=unit("Phòng Tổng hợp", "vp-th", UnitKind.OFFICE_DEPARTMENT, "TH", office, 2),
        stc=stc,
        skhdt=unit("Sở Kế hoạch và Đầu tư", "skhdt", short_name="SKHĐT", parent=prov, order=11),
        u_minh=u_minh,
        ca_mau=unit(
            "Ủy ban nhân dân thành phố Cà Mau",
            "tp-ca-mau",
            UnitKind.DISTRICT,
            "UBND thành phố Cà Mau",
            prov,
            21,
        ),
        clerk=user("vanthu_e2e", Role.OFFICE_CLERK, office, "Trần Thị Văn Thư"),
        stc_officer=user("stc_e2e", Role.UNIT_OFFICER, stc, "Lê Văn Tài"),
        u_minh_officer=user("uminh_e2e", Role.UNIT_OFFICER, u_minh, "Phạm Văn Minh"),
    )
