"""`vic demo`: the demo province, the sample documents, the invented 2026 history and the demo logins.

The demo is loaded once for the module (inside a transaction rolled back at the end); each test runs in
a savepoint of its own.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from vic.calendar import services
from vic.demo import loader
from vic.demo.documents import SAMPLES_DIR, split_number
from vic.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from vic.directives.models import Directive
from vic.tasks.models import Schedule, Task, TaskEvent
from vic.tasks.status import Status
from vic.units.models import Leader, LeaderPosition, Role, Unit, UnitKind, User

pytestmark = [pytest.mark.django_db]

AS_OF = date(2026, 12, 3)
# Tasks per sample after one task per lead unit: 19 departments, 9 district committees, external units.
SAMPLE_TASKS = {"01": 30, "03": 1, "06": 1, "08": 1, "10": 1, "13": 1, "17": 29, "20": 1, "22": 60, "24": 30}


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        services.invalidate_cache()
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
    services.invalidate_cache()


@pytest.fixture
def demo(demo_output):
    return demo_output


def sample(key: str) -> Directive:
    return Directive.objects.get(notes__contains=f"Tệp mẫu: {key}_")


def test_output_reports_counts_and_logins(demo):
    assert "Đã nạp dữ liệu mẫu" in demo
    assert DEMO_PASSWORD in demo
    assert all(username in demo for username, _, _ in DEMO_LOGINS)
    assert loader.is_loaded()


def test_samples_are_packaged_with_the_product():
    texts = sorted(p.stem for p in SAMPLES_DIR.glob("*.txt"))
    assert len(texts) == 10
    assert all((SAMPLES_DIR / f"{stem}.tasks.json").exists() for stem in texts)
    assert (SAMPLES_DIR / "README.md").exists()


def test_unit_tree(demo):
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds[UnitKind.PROVINCE] == 1
    assert kinds[UnitKind.OFFICE] == 1
    assert kinds[UnitKind.DEPARTMENT] == 19  # 20 sở, ban, ngành listed, the Office being the 20th
    assert kinds[UnitKind.OFFICE_DEPARTMENT] == 6
    assert kinds[UnitKind.CENTRAL_AGENCY] == 10
    assert kinds[UnitKind.MASS_ORGANISATION] == 6
    assert kinds[UnitKind.DISTRICT] == 9
    root = Unit.objects.get(kind=UnitKind.PROVINCE)
    office = Unit.objects.get(kind=UnitKind.OFFICE)
    assert root.name == "UBND tỉnh Cà Mau" and office.parent == root and office.short_name == "VP UBND"
    assert sorted(office.children.values_list("short_name", flat=True)) == sorted(
        ["TH", "KT", "NC", "KGVX", "HCTC", "TCD"]
    )
    assert Unit.objects.filter(kind=UnitKind.DEPARTMENT, parent=root).count() == 19
    thoi_binh = Unit.objects.get(name="UBND huyện Thới Bình")
    assert "Ủy ban nhân dân huyện Thới Bình" in thoi_binh.alias_list()
    skhdt = Unit.objects.get(name="Sở Kế hoạch và Đầu tư")
    assert {"Sở KH&ĐT", "Sở Kế hoạch - Đầu tư"} <= set(skhdt.alias_list())


def test_leaders_and_office_staff(demo):
    positions = Counter(Leader.objects.values_list("position", flat=True))
    assert positions[LeaderPosition.CHAIRMAN] == 1
    assert positions[LeaderPosition.VICE_CHAIRMAN] == 3
    assert positions[LeaderPosition.OFFICE_CHIEF] == 1
    assert positions[LeaderPosition.OFFICE_DEPUTY] >= 1
    assert User.objects.get(username="chutich").leader.position == LeaderPosition.CHAIRMAN
    assert User.objects.get(username="chanhvp").leader.position == LeaderPosition.OFFICE_CHIEF
    for department in Unit.objects.filter(kind=UnitKind.OFFICE_DEPARTMENT):
        officers = department.members.filter(role=Role.MONITORING_OFFICER).count()
        assert 2 <= officers <= 3, department
        assert department.members.filter(role=Role.OFFICE_DEPARTMENT_HEAD).count() == 1


def test_each_demo_login_authenticates(demo):
    request = RequestFactory().post("/dang-nhap/")
    for username, role_label, unit_name in DEMO_LOGINS:
        user = authenticate(request, username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert str(Role(user.role).label) == role_label
        assert user.unit.name == unit_name
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser and admin.role == Role.ADMIN


def test_every_demo_login_has_a_mailbox_so_the_e_mails_show_in_the_console(demo):
    assert not User.objects.filter(email="").exists()
    assert User.objects.get(username="stc").email == "stc@demo.vic.local"


def test_each_sample_is_registered_with_its_tasks(demo):
    for key, count in SAMPLE_TASKS.items():
        directive = sample(key)
        assert directive.tasks.count() == count, key
        assert directive.text and "---" not in directive.text[:3]
    assert sample("01").issuer == "UBND tỉnh Lai Châu"
    assert (sample("01").number, sample("01").symbol) == ("846", "UBND-TH")
    assert sample("10").issuer == "Văn phòng Chính phủ"
    assert sample("22").issuer == "UBND tỉnh Thanh Hóa"
    assert sample("20").kind.name == "Quyết định (quy phạm pháp luật)"
    assert sample("22").kind.name == "Chỉ thị"
    for key in ("03", "24"):
        assert sample(key).number == "" and "ước tính" in sample(key).notes
    assert split_number("25/2019/QĐ-UBND") == ("25", "2019/QĐ-UBND")


def test_group_phrases_expand_to_one_task_per_unit(demo):
    first = sample("01").tasks.order_by("pk").first()
    group = Task.objects.filter(group_id=first.group_id)
    kinds = Counter(group.values_list("lead_unit__kind", flat=True))
    assert kinds == {UnitKind.DEPARTMENT: 19, UnitKind.DISTRICT: 9, UnitKind.EXTERNAL: 1}
    assert group.filter(lead_unit__name="Các Ban QLDA chuyên ngành tỉnh").exists()
    assert all(t.deadline == date(2019, 5, 23) for t in group)


def test_external_units_are_created(demo):
    external = set(Unit.objects.filter(kind=UnitKind.EXTERNAL).values_list("name", flat=True))
    assert {
        "Các Ban QLDA chuyên ngành tỉnh",
        "Ủy ban nhân dân thành phố Hồ Chí Minh",
        "Bộ Xây dựng",
        "Sở Quy hoạch - Kiến trúc",
        "Cục Quản lý thị trường",
    } <= external
    assert not Unit.objects.filter(name__iexact="các đơn vị liên quan").exists()


def test_sample_task_fields(demo):
    kt = Unit.objects.get(kind=UnitKind.OFFICE_DEPARTMENT, short_name="KT")
    th = Unit.objects.get(kind=UnitKind.OFFICE_DEPARTMENT, short_name="TH")
    assert set(sample("06").tasks.values_list("monitoring_department", flat=True)) == {kt.pk}
    assert set(sample("08").tasks.values_list("monitoring_department", flat=True)) == {th.pk}
    asap = sample("24").tasks.get(schedule=Schedule.ASAP)
    assert asap.lead_unit.name == "Sở Công Thương" and asap.deadline is None
    assert sample("22").tasks.filter(schedule=Schedule.ONGOING).count() == 60
    assert Task.objects.filter(directive__in=Directive.objects.exclude(issuer="UBND tỉnh Cà Mau"))
    assert not Task.objects.filter(assigning_leader__isnull=True).exists()
    for task in sample("01").tasks.all():
        assert task.delivered_on == date(2019, 5, 22)  # next working day after 21/05/2019


def test_every_status_appears_as_of_today(demo):
    counts = Counter(Task.objects.with_status(AS_OF).values_list("status", flat=True))
    for status in Status:
        if status != Status.RETURNED:
            assert counts[status] >= 2, status
    assert sum(counts.values()) < 400


def test_generated_year(demo):
    tasks = Task.objects.filter(directive__issuer="UBND tỉnh Cà Mau")
    recurring = tasks.filter(series__isnull=False)
    assert recurring.count() == 12 and len(set(recurring.values_list("series_id", flat=True))) == 1
    assert tasks.filter(is_key=True).count() >= 3
    districts = Unit.objects.filter(kind=UnitKind.DISTRICT)
    groups = Counter(tasks.filter(lead_unit__in=districts).values_list("group_id", flat=True))
    assert any(n == 9 for n in groups.values())
    rolled = tasks.get(deadline=date(2026, 1, 31))  # a Saturday
    assert rolled.effective_deadline == date(2026, 2, 2)
    late = [t for t in tasks if t.delivered_on and t.delivered_on > t.delivery_due_on]
    assert len(late) >= 2
    window = tasks.filter(delivered_on__gte=date(2026, 4, 15), delivered_on__lte=date(2026, 5, 14))
    assert window.count() >= 15
    completed = tasks.filter(completed_on__isnull=False).values_list("completed_on", flat=True)
    assert {d.month for d in completed} >= set(range(1, 12))
    assert max(TaskEvent.objects.values_list("at", flat=True)).date() < AS_OF


def test_running_twice_changes_nothing(demo):
    models = (Unit, User, Leader, Directive, Task, TaskEvent)
    before = [m.objects.count() for m in models]
    out = StringIO()
    call_command("demo", stdout=out)
    assert "không nạp dữ liệu mẫu" in out.getvalue()
    assert [m.objects.count() for m in models] == before


def test_workflow_pages_have_work_waiting_for_each_role(demo_output, client):
    """Chờ xử lý: the monitoring officer decides a completion and a return, the Chairman an extension,
    the Director approves his officer's report — each sees exactly that on the page."""
    expected = {
        "cv.tonghop": ["Đề xuất hoàn thành", "Trả lại nhiệm vụ"],
        "chutich": ["Đề xuất gia hạn"],
        "gd.stc": ["Báo cáo tiến độ"],
    }
    for username, kinds in expected.items():
        client.force_login(User.objects.get(username=username))
        html = client.get("/nhiem-vu/cho-xu-ly/").content.decode()
        for kind in kinds:
            assert kind in html, (username, kind)
    stc = Unit.objects.get(code="so-tai-chinh")
    assert stc.requires_head_approval
    assert Unit.objects.filter(parent=stc, kind=UnitKind.SUB_UNIT).exists()
    assert Task.objects.filter(parts__isnull=False).exists()
    unacknowledged = Task.objects.with_status(date(2026, 12, 3)).filter(
        status__in=[Status.IN_PROGRESS_WITHIN, Status.NOT_STARTED_WITHIN], acknowledged_at__isnull=True
    )
    assert unacknowledged.exists()


def test_inspections_and_difficulties_are_there_to_try(demo_output, client):
    """R-8.1, R-14.3: a new user finds inspections (one with a follow-up task) and difficulties to answer."""
    from vic.difficulties.models import Difficulty, State
    from vic.inspections.models import Inspection
    from vic.tasks.models import EventKind

    inspection = Inspection.objects.get(units__code="so-tai-chinh")
    assert inspection.tasks.count() == 4 and inspection.directive.reference == "215/TB-VP ngày 13/11/2026"
    (follow_up,) = inspection.follow_up_tasks.all()
    assert follow_up.lead_unit.code == "so-tai-chinh" and follow_up.delivered_on == date(2026, 11, 13)
    assert follow_up.events.filter(kind=EventKind.FOLLOW_UP).exists()
    assert all(t.events.filter(kind=EventKind.INSPECTED).exists() for t in inspection.tasks.all())
    assert Inspection.objects.count() == 2
    states = Counter(Difficulty.objects.values_list("state", flat=True))
    assert states == {State.OPEN: 2, State.ANSWERED: 1, State.CLOSED: 1}
    client.force_login(User.objects.get(username="cv.tonghop"))
    html = client.get("/kho-khan/").content.decode()
    assert 'data-testid="open-difficulties"' in html and "Không đính kèm được tệp báo cáo quét" in html
    client.force_login(User.objects.get(username="stc"))
    assert "Kiểm tra việc thực hiện nhiệm vụ UBND tỉnh" in client.get("/kiem-tra/").content.decode()
