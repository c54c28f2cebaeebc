"""The permission matrix (issue 3 §10, R-6.3) enumerated: every role × every act × every situation.

The expectation table below is written from the issue and REQUIREMENTS.md, not copied from
`vic.tasks.permissions.MATRIX`:

- A unit (its officer and its head) sees the delivered tasks it leads or coordinates and those with a
  part passed down to it or to its people (R-6.2, R-9.4); nothing else, never a draft.
- As lead it acknowledges, reports progress (R-5.2), proposes completion, returns the task (R-5.3),
  proposes an extension and explains a delay (R-11.2), urges its coordinators (R-9.2) and passes parts
  down (R-9.4). As coordinator it acknowledges and posts its contribution (R-9.3). Given a part, it
  reports on the part. The unit head also approves what the unit sends (R-6.3).
- The Office sees everything (R-6.1). Its registrars (clerk, Office leader) enter a unit's paper report,
  confirm or send back completions, resolve returns and correct tasks, on any task. A monitoring officer
  and an Office department head do the first three on the tasks of their department, on tasks that
  name them, and on tasks nobody follows yet.
- Extensions are decided by the assigning leader, or by the Office's leadership (whom the Office
  designates, issue 3 §6).
- The system administrator works "như văn thư" (docs/huong-dan-su-dung.md §1); a superuser is an
  administrator. An inactive account does nothing.
- `can()` answers the question of rights; state (delivered, returned, completed…) is checked by the
  actions, so a registrar's rights on a draft are the same as on any task.

A situation is a task as it stands *relative to the user*; situations that cannot happen to a role are
left out (NOT_APPLICABLE). The world is built once for the module inside one transaction that is rolled
back at the end; each test runs in a savepoint of it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from tests.factories import DirectiveFactory, LeaderFactory, UnitFactory, UserFactory, register_tasks
from tests.workflow.helpers import DELIVERED, PDF, TODAY, pdf_upload, snapshot

from vic.core import clock
from vic.tasks import actions
from vic.tasks.actions import Resolution
from vic.tasks.models import Submission, SubmissionKind, SubmissionState, Task, TaskPart
from vic.tasks.permissions import Act, allowed_acts, allowing, can
from vic.tasks.specs import TaskSpec
from vic.tasks.workflow_views import STEPS
from vic.units.models import LeaderPosition, Role, UnitKind, User

D = datetime.date.fromisoformat

ROLES = [
    "office_clerk",
    "monitoring_officer",
    "office_department_head",
    "office_leader",
    "provincial_leader",
    "unit_officer",
    "unit_head",
    "admin",
    "superuser",
    "inactive",
]
SITUATIONS = [
    "lead",  # led by the user's unit
    "coordinator",  # the user's unit coordinates
    "part_user",  # a part passed down to the user personally (the user works in a sub-unit of the lead)
    "part_subunit",  # a part passed down to the user's unit, a sub-unit of the lead
    "monitored_own",  # monitored by the user's Office department
    "monitored_named",  # monitored by another department, the user named as its monitoring officer
    "monitored_other",  # monitored by another Office department
    "unmonitored",  # no department, no officer
    "assigned",  # assigned by the user's Leader record
    "foreign",  # nothing of the user's
    "draft",  # registered for the user's unit, not delivered
]
UNIT_ROLES = {"unit_officer", "unit_head", "inactive"}
FOLLOWERS = {"monitoring_officer", "office_department_head"}
REGISTRARS = {"office_clerk", "office_leader", "admin", "superuser"}
# Which situations can happen to which role (the others are left out, with the reason).
NOT_APPLICABLE = {
    # An Office department and the Committee itself are never assigned a task.
    "lead": FOLLOWERS | {"provincial_leader"},
    "coordinator": FOLLOWERS | {"provincial_leader"},
    # Parts go to the lead unit's own sub-units and staff: only unit people receive them.
    "part_user": set(ROLES) - UNIT_ROLES,
    "part_subunit": set(ROLES) - UNIT_ROLES,
    # Only monitoring officers and Office department heads belong to an Office department or are named.
    "monitored_own": set(ROLES) - FOLLOWERS,
    "monitored_named": set(ROLES) - FOLLOWERS,
    # A task is assigned by the Chairman, a Vice Chairman or an Office leader conveying them.
    "assigned": set(ROLES) - {"provincial_leader", "office_leader"},
}
CASES = [(r, s) for r in ROLES for s in SITUATIONS if r not in NOT_APPLICABLE.get(s, set())]

LEAD_ACTS = {
    Act.ACKNOWLEDGE,
    Act.REPORT_PROGRESS,
    Act.PROPOSE_COMPLETION,
    Act.RETURN,
    Act.PROPOSE_EXTENSION,
    Act.EXPLAIN,
    Act.URGE_COORDINATOR,
    Act.PASS_DOWN,
}
OFFICE_HANDLING = {Act.REPORT_PROGRESS, Act.CONFIRM_COMPLETION, Act.RESOLVE_RETURN}


def expected(role: str, situation: str) -> set[str]:
    """What the user may do, from the issue and the requirements (see the module docstring)."""
    if role == "inactive":
        return set()
    sees_everything = role not in UNIT_ROLES
    unit_sees = situation in {"lead", "coordinator", "part_user", "part_subunit"}
    if not (sees_everything or unit_sees):
        return set()
    acts = {Act.VIEW}
    if role in UNIT_ROLES:
        if situation == "lead":
            acts |= LEAD_ACTS
        if situation == "coordinator":
            acts |= {Act.ACKNOWLEDGE, Act.CONTRIBUTE}
        if situation in {"part_user", "part_subunit"}:
            acts |= {Act.REPORT_PART}
        if role == "unit_head" and situation in {"lead", "coordinator"}:
            acts |= {Act.APPROVE}
    if role in REGISTRARS:
        acts |= OFFICE_HANDLING | {Act.EDIT}
    if role in FOLLOWERS and situation in {"monitored_own", "monitored_named", "unmonitored"}:
        acts |= OFFICE_HANDLING
    if role == "office_leader" or (role == "provincial_leader" and situation == "assigned"):
        acts |= {Act.DECIDE_EXTENSION}
    return acts


# ---------------------------------------------------------------------------------------------------
# The world: one task per (role, situation), built once
# ---------------------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, User]
    sub_users: dict[str, User]  # the unit roles' people in the district's sub-unit
    media_root: object = None
    cases: dict[tuple[str, str], tuple[User, Task]] = field(default_factory=dict)

    def case(self, role: str, situation: str) -> tuple[User, Task]:
        user, task = self.cases[(role, situation)]
        user.refresh_from_db()
        return user, Task.objects.get(pk=task.pk)


def _build() -> World:
    unit = UnitFactory
    province = unit(name="Ủy ban nhân dân tỉnh Lai Châu", kind=UnitKind.PROVINCE, code="m-ubnd-tinh")
    office = unit(name="Văn phòng Ủy ban nhân dân tỉnh", kind=UnitKind.OFFICE, code="m-vp", parent=province)
    th = unit(
        name="Phòng Tổng hợp", short_name="TH", kind=UnitKind.OFFICE_DEPARTMENT, code="m-th", parent=office
    )
    kt = unit(
        name="Phòng Kinh tế", short_name="KT", kind=UnitKind.OFFICE_DEPARTMENT, code="m-kt", parent=office
    )
    stnmt = unit(name="Sở Tài nguyên và Môi trường", code="m-stnmt", parent=province)
    skhdt = unit(name="Sở Kế hoạch và Đầu tư", code="m-skhdt", parent=province)
    stttt = unit(name="Sở Thông tin và Truyền thông", code="m-stttt", parent=province)
    district = unit(
        name="Ủy ban nhân dân huyện Tam Đường", kind=UnitKind.DISTRICT, code="m-tam-duong", parent=province
    )
    sub = unit(
        name="Phòng Tài chính - Kế hoạch huyện Tam Đường",
        kind=UnitKind.SUB_UNIT,
        code="m-tckh",
        parent=district,
    )
    user = UserFactory
    users = {
        "office_clerk": user(username="m_vanthu", role=Role.OFFICE_CLERK, unit=office),
        "monitoring_officer": user(username="m_theodoi", role=Role.MONITORING_OFFICER, unit=th),
        "office_department_head": user(username="m_truongphong", role=Role.OFFICE_DEPARTMENT_HEAD, unit=th),
        "office_leader": user(username="m_chanhvp", role=Role.OFFICE_LEADER, unit=office),
        "provincial_leader": user(username="m_phochutich", role=Role.PROVINCIAL_LEADER, unit=province),
        "unit_officer": user(username="m_daumoi", role=Role.UNIT_OFFICER, unit=district),
        "unit_head": user(username="m_thutruong", role=Role.UNIT_HEAD, unit=district),
        "admin": user(username="m_quantri", role=Role.ADMIN, unit=stttt),
        "superuser": user(username="m_sieuquantri", role=Role.UNIT_OFFICER, is_superuser=True, unit=stttt),
        "inactive": user(username="m_danghi", role=Role.UNIT_OFFICER, unit=district),
    }
    sub_users = {
        "unit_officer": user(username="m_daumoi_tckh", role=Role.UNIT_OFFICER, unit=sub),
        "unit_head": user(username="m_truongphong_tckh", role=Role.UNIT_HEAD, unit=sub),
        "inactive": user(username="m_danghi_tckh", role=Role.UNIT_OFFICER, unit=sub),
    }
    leaders = {
        "provincial_leader": LeaderFactory(
            name="[Phó Chủ tịch]", position=LeaderPosition.VICE_CHAIRMAN, user=users["provincial_leader"]
        ),
        "office_leader": LeaderFactory(
            name="[Chánh Văn phòng]", position=LeaderPosition.OFFICE_CHIEF, user=users["office_leader"]
        ),
    }
    chairman = LeaderFactory(name="[Chủ tịch]", position=LeaderPosition.CHAIRMAN, user=None)
    clerk, passer = users["office_clerk"], users["unit_officer"]
    directive = DirectiveFactory(number="1261", symbol="UBND-TH", issue_date=D("2026-01-05"))
    world = World(users=users, sub_users=sub_users)

    for role, situation in CASES:
        actor = sub_users[role] if situation.startswith("part_") else users[role]
        spec = TaskSpec(
            content=f"Nhiệm vụ thử quyền: {role} / {situation}",
            lead_units=[stnmt],
            coordinating_units=[skhdt],
            monitoring_department=kt,
            assigning_leader=chairman,
            deadline=D("2026-06-30"),
        )
        if situation in ("lead", "draft"):
            spec.lead_units = [actor.unit]
        elif situation == "coordinator":
            spec.coordinating_units = [actor.unit, skhdt]
        elif situation.startswith("part_"):
            spec.lead_units = [district]
        elif situation == "monitored_own":
            spec.monitoring_department = actor.unit
        elif situation == "monitored_named":
            spec.monitoring_officers = [actor]
        elif situation == "unmonitored":
            spec.monitoring_department = None
        elif situation == "assigned":
            spec.assigning_leader = leaders[role]
        (task,) = actions.create_tasks(clerk, directive, [spec])
        if situation != "draft":
            actions.deliver_tasks(clerk, [task])
        if situation == "part_user":
            actions.pass_down(passer, task, "Tổng hợp số liệu của huyện", assignee=actor)
        elif situation == "part_subunit":
            actions.pass_down(passer, task, "Rà soát hồ sơ dự án", assignee_unit=sub)
        actions.attach_task_file(clerk, task, pdf_upload(f"tai-lieu-{task.pk}.pdf"))
        world.cases[(role, situation)] = (actor, task)
    # Accounts closed after the work was handed out (a passed-down part goes only to active staff).
    for closed in (users["inactive"], sub_users["inactive"]):
        closed.is_active = False
        closed.save()
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media")):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with clock.at(DELIVERED):
                built = _build()
            built.media_root = settings.MEDIA_ROOT
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def _in_world(world, db):
    """Each test in a savepoint of the module's transaction, "today" frozen."""
    with clock.at(TODAY):
        yield world


# ---------------------------------------------------------------------------------------------------
# can(): every role × situation × act
# ---------------------------------------------------------------------------------------------------


def test_the_situations_are_what_they_claim(_in_world):
    world = _in_world
    user, task = world.case("unit_officer", "part_subunit")
    assert task.parts.get().assignee_unit == user.unit
    assert user.unit.parent == task.lead_unit
    user, task = world.case("unit_officer", "part_user")
    assert task.parts.get().assignee == user
    assert not world.users["inactive"].is_active and not world.sub_users["inactive"].is_active
    user, task = world.case("provincial_leader", "assigned")
    assert task.assigning_leader.user == user
    user, task = world.case("monitoring_officer", "monitored_named")
    assert list(task.monitoring_officers.all()) == [user] and task.monitoring_department != user.unit
    _user, task = world.case("admin", "unmonitored")
    assert task.monitoring_department is None and not task.monitoring_officers.exists()
    user, task = world.case("unit_head", "draft")
    assert task.lead_unit == user.unit and task.delivered_on is None
    assert len(CASES) == 66


CASE_IDS = [f"{r}-{s}" for r, s in CASES]


@pytest.mark.parametrize(("role", "situation"), CASES, ids=CASE_IDS)
def test_can(_in_world, role, situation):
    """Every act of the matrix for this user and task."""
    user, task = _in_world.case(role, situation)
    want = expected(role, situation)
    got = {act: can(user, act, task) for act in Act.values}
    assert got == {act: act in want for act in got}


@pytest.mark.parametrize(("role", "situation"), CASES, ids=CASE_IDS)
def test_the_matrix_as_sql_agrees_with_can(_in_world, role, situation):
    """allowing(user, act), used to choose lists (Chờ xử lý) in one query, says what can() says."""
    user, task = _in_world.case(role, situation)
    for act in Act.values:
        if act == Act.VIEW:
            continue
        assert allowing(user, act).filter(pk=task.pk).exists() == can(user, act, task), act


@pytest.mark.parametrize(("role", "situation"), CASES, ids=CASE_IDS)
def test_allowed_acts_are_the_buttons_can_allows(_in_world, role, situation):
    user, task = _in_world.case(role, situation)
    assert allowed_acts(user, task) == {act for act in Act.values if can(user, act, task)}


# ---------------------------------------------------------------------------------------------------
# A task the user may not see: every action refused, every page 404, nothing changes
# ---------------------------------------------------------------------------------------------------

HIDDEN = [(r, s) for r, s in CASES if Act.VIEW not in expected(r, s)]
HIDDEN_IDS = [f"{r}-{s}" for r, s in HIDDEN]


def _refusals(user, task):
    """Each act tried through its action, with what the action needs made up on the spot."""
    other = User.objects.exclude(pk=user.pk).filter(is_active=True).first()
    coordination = task.coordinations.first()
    part = task.parts.first() or TaskPart.objects.create(
        task=task, content="Phần việc của người khác", assignee=other, assigned_by=other
    )
    unit = user.unit
    awaiting = Submission.objects.create(
        task=task,
        kind=SubmissionKind.PROGRESS,
        state=SubmissionState.AWAITING_HEAD,
        unit=unit,
        author=user,
        text="x",
    )
    later = D("2026-09-30")
    return {
        Act.ACKNOWLEDGE: lambda: actions.acknowledge(user, task),
        Act.REPORT_PROGRESS: lambda: actions.record_progress(user, task, "Đã triển khai"),
        Act.PROPOSE_COMPLETION: lambda: actions.submit(user, task, SubmissionKind.COMPLETION, "Đã xong"),
        Act.RETURN: lambda: actions.submit(user, task, SubmissionKind.RETURN, "Không đúng chức năng"),
        Act.PROPOSE_EXTENSION: lambda: actions.submit(
            user, task, SubmissionKind.EXTENSION, "Xin gia hạn", proposed_deadline=later
        ),
        Act.EXPLAIN: lambda: actions.submit(user, task, SubmissionKind.EXPLANATION, "Lý do chậm"),
        Act.CONTRIBUTE: lambda: actions.submit(user, task, SubmissionKind.CONTRIBUTION, "Ý kiến"),
        Act.URGE_COORDINATOR: lambda: actions.urge_coordinator(user, coordination, "Đề nghị gửi ý kiến"),
        Act.PASS_DOWN: lambda: actions.pass_down(user, task, "Phần việc", assignee=user),
        Act.REPORT_PART: lambda: actions.report_part(user, part, "Đã xong phần việc", done=True),
        Act.APPROVE: lambda: actions.approve_submission(user, awaiting, approve=True),
        Act.CONFIRM_COMPLETION: lambda: actions.confirm_completion(user, task),
        Act.RESOLVE_RETURN: lambda: actions.resolve_return(user, task, Resolution.WITHDRAW, "Thu hồi"),
        Act.DECIDE_EXTENSION: lambda: actions.decide_extension(
            user, task, approve=True, note="Đồng ý", new_deadline=later
        ),
        Act.EDIT: lambda: actions.update_task(user, task, {"content": "Sửa"}, expected_version=task.version),
        "send_back": lambda: actions.send_back_completion(user, task, "Chưa đạt"),
        "withdraw": lambda: actions.withdraw_task(user, task, "Thu hồi"),
    }


@pytest.mark.parametrize(("role", "situation"), HIDDEN, ids=HIDDEN_IDS)
def test_every_action_on_an_unseen_task_is_refused_and_changes_nothing(_in_world, role, situation):
    user, task = _in_world.case(role, situation)
    assert not Task.objects.visible_to(user).filter(pk=task.pk).exists()
    assert allowed_acts(user, task) == set()
    refusals = _refusals(user, task)
    before = snapshot()
    assert set(refusals) >= set(Act.values) - {Act.VIEW}
    for name, attempt in refusals.items():
        with pytest.raises(PermissionDenied):
            attempt()
        assert snapshot() == before, name


def _form_data(slug: str, user: User, task: Task) -> dict:
    """What the button's form would carry if the user could see the page (valid on its own)."""
    later = "30/09/2026"
    coordination = task.coordinations.first()
    part = task.parts.first()
    awaiting = Submission.objects.create(
        task=task,
        kind=SubmissionKind.PROGRESS,
        state=SubmissionState.AWAITING_HEAD,
        unit=user.unit,
        author=user,
        text="x",
    )
    data = {
        "bao-cao": {"text": "Đã triển khai", "paper_number": "15/BC", "paper_date": "27/02/2026"},
        "de-xuat-hoan-thanh": {"text": "Đã hoàn thành", "explanation": "Chậm do thời tiết"},
        "tra-lai": {"text": "Không thuộc chức năng"},
        "de-xuat-gia-han": {"text": "Xin gia hạn", "proposed_deadline": later},
        "giai-trinh": {"text": "Lý do chậm"},
        "phoi-hop": {"text": "Ý kiến phối hợp"},
        "duyet": {"submission": awaiting.pk, "decision": "approve", "note": ""},
        "xac-nhan-hoan-thanh": {"note": "Đạt yêu cầu"},
        "tra-lai-de-xuat": {"reason": "Chưa đạt"},
        "xu-ly-tra-lai": {"resolution": "withdraw", "note": "Thu hồi"},
        "quyet-dinh-gia-han": {"decision": "approve", "note": "Đồng ý", "new_deadline": later},
        "don-doc": {"coordination": coordination.pk, "note": "Đề nghị gửi ý kiến"},
        "giao-cap-duoi": {"content": "Phần việc", "assignee": user.pk},
        "bao-cao-phan-viec": {"part": part.pk if part else 0, "text": "Xong", "done": "on"},
        "nhan": {},
    }[slug]
    return {f"{slug}-{k}": v for k, v in data.items()}


@pytest.mark.parametrize(("role", "situation"), HIDDEN, ids=HIDDEN_IDS)
def test_every_button_of_an_unseen_task_is_404_and_changes_nothing(client, _in_world, role, situation):
    user, task = _in_world.case(role, situation)
    client.force_login(user)
    for slug in STEPS:
        data = _form_data(slug, user, task)
        before = snapshot()

        response = client.post(reverse("tasks:act", args=[task.pk, slug]), data)

        if user.is_active:
            assert response.status_code == 404, slug
        else:  # a closed account is not logged in at all
            assert response.status_code == 302, slug
            assert response["Location"].startswith(reverse("login")), slug
        assert snapshot() == before, slug


@pytest.mark.parametrize(("role", "situation"), HIDDEN, ids=HIDDEN_IDS)
def test_the_page_and_files_of_an_unseen_task_are_404(client, _in_world, role, situation):
    user, task = _in_world.case(role, situation)
    client.force_login(user)
    pages = [
        reverse("tasks:detail", args=[task.pk]),
        reverse("tasks:file", args=[task.files.get().pk]),
        reverse("tasks:edit", args=[task.pk]),
    ]
    for url in pages:
        response = client.get(url)
        if user.is_active:
            assert response.status_code == 404, url
        else:
            assert response.status_code == 302, url
    if user.is_active:
        listed = client.get(reverse("tasks:list")).content.decode()
        assert 'data-testid="task-table"' in listed
        assert f'href="/nhiem-vu/{task.pk}/"' not in listed
        assert client.get(reverse("tasks:pending")).status_code == 200


SEEN = [c for c in CASES if c not in HIDDEN]


@pytest.mark.parametrize(("role", "situation"), SEEN, ids=[f"{r}-{s}" for r, s in SEEN])
def test_a_seen_task_opens_with_its_file(client, _in_world, role, situation):
    user, task = _in_world.case(role, situation)
    client.force_login(user)
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 200
    record = task.files.get()
    with override_settings(MEDIA_ROOT=_in_world.media_root):
        response = client.get(reverse("tasks:file", args=[record.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == f'attachment; filename="{record.original_name}"'


@pytest.mark.parametrize("follow", ["department", "officer", "nobody", "other_department"])
def test_the_tasks_an_officer_follows_are_those_the_matrix_lets_them_decide(
    clerk, users, tree, kt_officer, department_head, follow
):
    """Task.objects.monitored_by (digest, urging notices, difficulties) is Scope.MONITOR as SQL."""
    kwargs = {
        "department": {"monitoring_department": tree.th},
        "officer": {"monitoring_officers": [users.monitoring_officer]},
        "nobody": {},
        "other_department": {"monitoring_department": tree.kt},
    }[follow]
    (task,) = register_tasks(clerk, tree.stc, deliver_on=DELIVERED, **kwargs)
    for user in (users.monitoring_officer, department_head, kt_officer):
        in_sql = Task.objects.monitored_by(user).filter(pk=task.pk).exists()
        assert in_sql == can(user, Act.CONFIRM_COMPLETION, task), (follow, user.username)
