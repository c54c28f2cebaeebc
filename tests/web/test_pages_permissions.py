"""Who may open which page and press which button (R-6.1): every URL of the apps × every role.

The Office and the provincial leaders see every task; a unit sees the delivered tasks it leads or
coordinates, and a task or document it may not see does not exist for it (404, never 403: its
existence is not disclosed). Refused buttons change nothing: no task field, no journal row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.urls import reverse
from tests.factories import DirectiveFactory, register_tasks
from tests.web.conftest import PDF, pdf_upload

from vic.directives.actions import attach_file
from vic.directives.models import Directive, DirectiveFile
from vic.tasks.models import Submission, Task, TaskCoordination, TaskEvent

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

ROLES = [
    "office_clerk",
    "monitoring_officer",
    "office_department_head",
    "office_leader",
    "provincial_leader",
    "stc_officer",
    "district_officer",
    "admin",
    "anonymous",
]
REGISTRARS = {"office_clerk", "office_leader", "admin"}
OFFICE_READERS = {"monitoring_officer", "office_department_head", "provincial_leader"}
UNITS = {"stc_officer", "district_officer"}


@dataclass
class World:
    own: Task  # delivered, led by Sở Tài chính, directive 846
    coordinated: Task  # delivered, led by SKHĐT with Sở Tài chính coordinating, directive 846
    draft: Task  # registered, not delivered, led by Sở Tài chính, directive 846
    foreign: Task  # delivered, led by SKHĐT alone, directive 900 (nothing of Sở Tài chính)
    own_file: DirectiveFile
    foreign_file: DirectiveFile

    @property
    def own_directive(self) -> Directive:
        return self.own.directive

    @property
    def foreign_directive(self) -> Directive:
        return self.foreign.directive


@pytest.fixture
def world(clerk, tree) -> World:
    d846 = DirectiveFactory(number="846", symbol="UBND-TH", abstract="Về giải ngân vốn đầu tư công")
    own, coordinated = register_tasks(
        clerk,
        [tree.stc, tree.skhdt],
        directive=d846,
        content="Đẩy nhanh giải ngân vốn đầu tư công",
        coordinating_units=[tree.stc],
        monitoring_department=tree.th,
        deliver_on=D("2026-01-06"),
    )
    (draft,) = register_tasks(clerk, tree.stc, directive=d846, content="Rà soát danh mục dự án chậm tiến độ")
    d900 = DirectiveFactory(number="900", symbol="UBND-KT", abstract="Về quy hoạch tỉnh")
    (foreign,) = register_tasks(
        clerk,
        tree.skhdt,
        directive=d900,
        content="Hoàn thiện hồ sơ quy hoạch tỉnh",
        monitoring_department=tree.kt,
        deliver_on=D("2026-01-06"),
    )
    return World(
        own=own,
        coordinated=coordinated,
        draft=draft,
        foreign=foreign,
        own_file=attach_file(clerk, d846, pdf_upload("846-UBND-TH.pdf")),
        foreign_file=attach_file(clerk, d900, pdf_upload("900-UBND-KT.pdf")),
    )


# ---------------------------------------------------------------------------------------------------
# GET: every URL name × every role
# ---------------------------------------------------------------------------------------------------

# (URL name, which object of the world it is about)
PAGES = [
    ("core:home", None),
    ("login", None),
    ("tasks:list", None),
    ("tasks:inbox", None),
    ("tasks:late_registrations", None),
    ("tasks:detail", "own"),
    ("tasks:detail", "coordinated"),
    ("tasks:detail", "draft"),
    ("tasks:detail", "foreign"),
    ("tasks:edit", "own"),
    ("tasks:edit", "foreign"),
    ("tasks:deliver", "draft"),
    ("tasks:withdraw", "own"),
    ("tasks:progress", "own"),
    ("tasks:confirm", "own"),
    ("directives:list", None),
    ("directives:register", None),
    ("directives:resolve_preview", None),
    ("directives:detail", "own_directive"),
    ("directives:detail", "foreign_directive"),
    ("directives:deliver_all", "own_directive"),
    ("directives:file", "own_file"),
    ("directives:file", "foreign_file"),
]
POST_ONLY = {"tasks:deliver", "tasks:withdraw", "tasks:progress", "tasks:confirm", "directives:deliver_all"}


def expected_get(role: str, name: str, target: str | None) -> int:
    if name == "login":
        return 200
    if role == "anonymous":
        return 302
    if name in POST_ONLY:
        return 405  # a button's URL typed into the address bar
    if role in REGISTRARS:
        return 200
    if role in OFFICE_READERS:
        return 403 if name in ("tasks:edit", "directives:register") else 200
    # A unit officer.
    if name in ("directives:register", "tasks:late_registrations"):
        return 403
    sees = {"own", "coordinated", "own_directive", "own_file"} if role == "stc_officer" else set()
    if target is not None and target not in sees:
        return 404
    if name == "tasks:edit":
        return 403  # its own task, but the assignment is the Office's to correct
    return 200


# Workflow buttons post to one endpoint per action (tasks:act with the action's slug).
ACT_SLUGS = {"tasks:progress": "bao-cao", "tasks:confirm": "xac-nhan-hoan-thanh"}


def url_of(world: World, name: str, target: str | None) -> str:
    if name in ACT_SLUGS:
        return reverse("tasks:act", args=[getattr(world, target).pk, ACT_SLUGS[name]])
    if target is None:
        url = reverse(name)
        return url + "?tasks-0-lead=STC" if name == "directives:resolve_preview" else url
    return reverse(name, args=[getattr(world, target).pk])


def login(client, user) -> None:
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target"), PAGES, ids=[f"{n}-{t or ''}".rstrip("-") for n, t in PAGES])
def test_page_access(client, roles, world, role, name, target):
    url = url_of(world, name, target)
    login(client, roles[role])

    response = client.get(url)

    assert response.status_code == expected_get(role, name, target)
    if response.status_code == 302:
        assert response["Location"] == f"{reverse('login')}?next={quote(url, safe='/')}"
    if name == "directives:file" and response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]


def test_unit_officer_sees_only_its_tasks_in_lists(client, users, world):
    client.force_login(users.stc_officer)
    listed = client.get(reverse("tasks:list")).content.decode()
    assert f'href="/nhiem-vu/{world.own.pk}/"' in listed
    assert f'href="/nhiem-vu/{world.coordinated.pk}/"' in listed
    assert f'href="/nhiem-vu/{world.draft.pk}/"' not in listed
    assert f'href="/nhiem-vu/{world.foreign.pk}/"' not in listed
    directives = client.get(reverse("directives:list")).content.decode()
    assert "846/UBND-TH" in directives
    assert "900/UBND-KT" not in directives


def test_district_officer_sees_nothing_of_other_units(client, users, world):
    client.force_login(users.district_officer)
    assert "Không có nhiệm vụ nào." in client.get(reverse("tasks:list")).content.decode()
    directives = client.get(reverse("directives:list")).content.decode()
    assert "846/UBND-TH" not in directives and "900/UBND-KT" not in directives
    # The search box must not leak another unit's task either.
    found = client.get(reverse("tasks:list"), {"q": "giai ngan"}).content.decode()
    assert "Đẩy nhanh giải ngân" not in found


# ---------------------------------------------------------------------------------------------------
# POST: buttons pressed by someone who may not act change nothing
# ---------------------------------------------------------------------------------------------------


def snapshot() -> tuple:
    return (
        list(Task.objects.order_by("pk").values()),
        TaskEvent.objects.count(),
        Submission.objects.count(),
        sorted(TaskCoordination.objects.values_list("task_id", "unit_id")),
        Directive.objects.count(),
        DirectiveFile.objects.count(),
    )


EDIT_POST = {
    "content": "Nội dung bị sửa trái phép",
    "schedule": "dated",
    "deadline": "31/12/2026",
    "deadline_kind": "complete_by",
    "urgency": "normal",
    "arose_on": "05/01/2026",
    "note": "thử",
}

# (role, URL name, target, POST data, expected status)
REFUSED = [
    # Delivering a draft: only the Office's registrars.
    *[(r, "tasks:deliver", "draft", {}, 403) for r in sorted(OFFICE_READERS)],
    *[(r, "tasks:deliver", "draft", {}, 404) for r in sorted(UNITS)],  # a draft is not the unit's yet
    ("anonymous", "tasks:deliver", "draft", {}, 302),
    # Withdrawing: only the registrars; the lead unit itself may not.
    *[
        (r, "tasks:withdraw", "own", {"reason": "Giao nhầm"}, 403)
        for r in [*sorted(OFFICE_READERS), "stc_officer"]
    ],
    ("district_officer", "tasks:withdraw", "own", {"reason": "Giao nhầm"}, 404),
    ("anonymous", "tasks:withdraw", "own", {"reason": "Giao nhầm"}, 302),
    # Progress: the lead unit, the task's monitoring department or a registrar (from a paper report);
    # not another Office department, not a provincial leader, not a coordinating unit.
    *[
        (r, "tasks:progress", "own", {"bao-cao-text": "Đã giải ngân 40%"}, 403)
        for r in ["office_department_head", "provincial_leader"]
    ],
    ("stc_officer", "tasks:progress", "coordinated", {"bao-cao-text": "Đã phối hợp"}, 403),
    ("district_officer", "tasks:progress", "own", {"bao-cao-text": "Đã giải ngân 40%"}, 404),
    ("anonymous", "tasks:progress", "own", {"bao-cao-text": "Đã giải ngân 40%"}, 302),
    # Confirming completion: the Office; not the unit, not the Chairman's deputies, not another department.
    ("stc_officer", "tasks:confirm", "own", {}, 403),
    ("provincial_leader", "tasks:confirm", "own", {}, 403),
    ("office_department_head", "tasks:confirm", "own", {}, 403),  # head of KT; the task is TH's
    ("district_officer", "tasks:confirm", "own", {}, 404),
    ("anonymous", "tasks:confirm", "own", {}, 302),
    # Editing the assignment: only the registrars.
    *[(r, "tasks:edit", "own", EDIT_POST, 403) for r in [*sorted(OFFICE_READERS), "stc_officer"]],
    ("district_officer", "tasks:edit", "own", EDIT_POST, 404),
    ("anonymous", "tasks:edit", "own", EDIT_POST, 302),
    # Delivering a directive's drafts at once.
    *[
        (r, "directives:deliver_all", "own_directive", {}, 403)
        for r in [*sorted(OFFICE_READERS), "stc_officer"]
    ],
    ("district_officer", "directives:deliver_all", "own_directive", {}, 404),
    ("anonymous", "directives:deliver_all", "own_directive", {}, 302),
    # Registering a directive.
    *[
        (r, "directives:register", None, {"abstract": "x"}, 403)
        for r in [*sorted(OFFICE_READERS), *sorted(UNITS)]
    ],
    ("anonymous", "directives:register", None, {"abstract": "x"}, 302),
]


@pytest.mark.parametrize(
    ("role", "name", "target", "data", "status"),
    REFUSED,
    ids=[f"{r}-{n}-{t or ''}".rstrip("-") for r, n, t, _, _ in REFUSED],
)
def test_refused_button_changes_nothing(client, roles, world, role, name, target, data, status):
    url = url_of(world, name, target)
    login(client, roles[role])
    before = snapshot()

    response = client.post(url, data)

    assert response.status_code == status
    assert snapshot() == before
    if status == 302:
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_confirm_by_own_department_officer_is_allowed(client, users, world):
    """The counterpart of the refusals above: the task's own department (TH) confirms it."""
    client.force_login(users.monitoring_officer)
    response = client.post(reverse("tasks:act", args=[world.own.pk, "xac-nhan-hoan-thanh"]))
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.completed_on == D("2026-03-02")


def test_the_directive_list_counts_only_the_tasks_a_unit_sees(client, users, clerk, world):
    """Directive 846 has three tasks: STC's, one STC coordinates, and an undelivered draft."""
    client.force_login(users.stc_officer)
    (row,) = client.get(reverse("directives:list")).context["page"].object_list
    assert row.n_tasks == 2
    client.force_login(clerk)
    counts = {d.number: d.n_tasks for d in client.get(reverse("directives:list")).context["page"].object_list}
    assert counts == {"846": 3, "900": 1}


def test_a_buttons_address_opened_directly_explains_itself_in_vietnamese(client, users, world):
    client.force_login(users.stc_officer)
    response = client.get(reverse("tasks:act", args=[world.own.pk, "bao-cao"]))
    assert response.status_code == 405
    assert "Thao tác này chỉ thực hiện bằng nút bấm trên trang" in response.content.decode()
    # The length the browser reads is the page's (it was the empty 405's 0: Chromium showed its own error).
    assert response["Content-Length"] == str(len(response.content))


def test_the_session_lasts_while_the_official_works(client, users, settings):
    """An 8-hour session last written 5 hours ago is renewed by a page opened now, not cut 3 hours later;
    one written half an hour ago is left alone (no database write on every page)."""
    import datetime
    import time

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(users.stc_officer)

    def written_ago(hours: float) -> str:
        session = client.session
        session["_vic_written"] = int(time.time() - hours * 3600)
        session.save()
        left = timezone.now() + datetime.timedelta(hours=8 - hours)
        Session.objects.filter(session_key=session.session_key).update(expire_date=left)
        return session.session_key

    def hours_left(key) -> float:
        return (Session.objects.get(session_key=key).expire_date - timezone.now()).total_seconds() / 3600

    key = written_ago(0.5)
    assert client.get(reverse("tasks:list")).status_code == 200
    assert 7.4 < hours_left(key) < 7.6
    key = written_ago(5)
    assert client.get(reverse("tasks:list")).status_code == 200
    assert hours_left(key) > 7.9


def test_the_browser_finds_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("vic/favicon.svg")
