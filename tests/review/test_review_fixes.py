"""Regressions for the review fixes (commits f5cd138, f9891e2): unit groups joined by "và", no external
unit from a group phrase, leading-zero numbers, date and size limits, urgent documents, whole-word
canonical search, oversized requests, edits that apply only what the user changed.

Most go through the pages as a clerk would (the register page's task rows carry the prefix `tasks`).
Today is Monday 02/03/2026.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from tests.factories import UnitFactory, register_tasks
from tests.web.helpers import flat, form_fields, messages_of, task_links, text_of
from tests.web.test_register_page import ROW, RegisterPage
from tests.workflow.helpers import DELIVERED, snapshot

from vic.directives.models import Directive
from vic.tasks import actions
from vic.tasks.models import EventKind, Submission, Task, TaskEvent, TaskUrgency
from vic.units.models import Unit, UnitKind
from vic.units.resolve import resolve_units

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

REGISTER = "/van-ban/nhap/"


@pytest.fixture
def sxd(tree):
    return UnitFactory(name="Sở Xây dựng", short_name="SXD", code="sxd", parent=tree.province)


@pytest.fixture
def page(client, clerk, tree, today):
    client.force_login(clerk)
    return RegisterPage(client)


def nothing_saved(units_before: int) -> None:
    assert Directive.objects.count() == 0
    assert Task.objects.count() == 0
    assert TaskEvent.objects.count() == 0
    assert Unit.objects.count() == units_before


# ---------------------------------------------------------------------------------------------------
# Unit groups and names joined by "và"; no external unit from a group phrase
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Các sở, ban, ngành tỉnh và UBND các huyện, thành phố",
        "Các sở, ban, ngành tỉnh và Ủy ban nhân dân các huyện, thành phố",
        "các sở, ban, ngành tỉnh va UBND cac huyen, thanh pho",
    ],
)
def test_two_groups_joined_by_va_are_every_department_and_every_district(tree, sxd, text):
    result = resolve_units(text)
    assert set(result.units) == tree.departments | {sxd} | tree.districts
    assert len(result.units) == 6
    assert result.unresolved == []


def test_two_groups_joined_by_va_on_the_register_page_give_one_task_each(page, tree, sxd):
    response = page.post([{**ROW, "lead": "Các sở, ban, ngành tỉnh và UBND các huyện, thành phố"}])
    assert response.status_code == 302, text_of(response.content.decode())
    assert messages_of(response)[0] == "Đã lưu và chuyển giao 6 nhiệm vụ."  # then: no officer named
    assert {t.lead_unit for t in Task.objects.all()} == tree.departments | {sxd} | tree.districts


@pytest.mark.parametrize("text", ["Sở Tài chính và Sở Xây dựng", "Sở Xây dựng và Sở Tài chính", "STC và SXD"])
def test_two_units_joined_by_va_are_two_units(tree, sxd, text):
    result = resolve_units(text)
    assert set(result.units) == {tree.stc, sxd}
    assert result.unresolved == []


def test_a_unit_whose_name_has_va_is_still_one_unit(tree):
    result = resolve_units("Sở Kế hoạch và Đầu tư")
    assert (result.units, result.unresolved) == ([tree.skhdt], [])
    assert resolve_units("Sở Tài nguyên và Môi trường").units == [tree.stnmt]


@pytest.mark.parametrize(
    "text", ["Sở Tài chính và Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư và Sở Tài nguyên và Môi trường"]
)
def test_units_with_va_in_their_names_joined_by_va(tree, text):
    """Each "và" is tried as the joint, so a unit whose own name has "và" is kept whole (units/resolve.py)."""
    result = resolve_units(text)
    assert result.unresolved == []
    assert len(result.units) == 2


def test_units_with_va_in_their_names_do_not_become_an_external_unit(page, tree):
    response = page.post([{**ROW, "lead": "Sở Tài chính và Sở Kế hoạch và Đầu tư"}], create_external="on")
    assert not Unit.objects.filter(kind=UnitKind.EXTERNAL).exists()
    assert response.status_code == 302
    assert {t.lead_unit for t in Task.objects.all()} == {tree.stc, tree.skhdt}


def test_an_unknown_group_is_refused_even_with_create_external(page, tree):
    units = Unit.objects.count()
    response = page.post([{**ROW, "lead": "Sở Tài chính; Các ban quản lý dự án"}], create_external="on")

    assert response.status_code == 200
    assert (
        "“Các ban quản lý dự án” chỉ một nhóm đơn vị chưa có trong danh mục: hãy ghi từng đơn vị, hoặc nhờ "
        "quản trị thêm cụm từ này." in text_of(response.content.decode())
    )
    nothing_saved(units)
    assert not Unit.objects.filter(kind=UnitKind.EXTERNAL).exists()


def test_an_unknown_plain_name_is_refused_without_create_external(page, tree):
    units = Unit.objects.count()
    response = page.post([{**ROW, "lead": "Bộ Xây dựng"}])

    assert response.status_code == 200
    assert (
        "Không tìm thấy đơn vị: Bộ Xây dựng. Sửa tên, chọn từ danh sách, hoặc đánh dấu “thêm đơn vị ngoài tỉnh”."
        in text_of(response.content.decode())
    )
    nothing_saved(units)


def test_an_unknown_plain_name_becomes_an_external_unit_with_create_external(page, tree):
    response = page.post(
        [{**ROW, "lead": "Bộ Xây dựng", "coordinators": "Sở Tài chính"}], create_external="on"
    )

    assert response.status_code == 302, text_of(response.content.decode())
    ministry = Unit.objects.get(name="Bộ Xây dựng")
    assert ministry.kind == UnitKind.EXTERNAL
    (task,) = Task.objects.all()
    assert task.lead_unit == ministry
    assert list(task.coordinating_units.all()) == [tree.stc]
    # The same name later is the same unit, not a second one.
    second = page.post([{**ROW, "lead": "bộ xây dựng"}], number="847", create_external="on")
    assert second.status_code == 302
    assert Unit.objects.filter(kind=UnitKind.EXTERNAL).count() == 1


# ---------------------------------------------------------------------------------------------------
# Numbers with leading zeros; dates and spans out of range
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "again"), [("4711", "04711"), ("04711", "4711"), ("04711", "004711")])
def test_a_number_with_leading_zeros_is_the_same_number(page, first, again):
    assert page.post(number=first).status_code == 302
    existing = Directive.objects.get()
    assert existing.number == "4711"

    response = page.post(number=again)

    assert response.status_code == 200
    assert (
        f"Văn bản số 4711/UBND-TH ngày 21/01/2026 của Ủy ban nhân dân tỉnh Lai Châu đã được nhập ngày 02/03/2026 "
        f"(mã #{existing.pk}). Mở văn bản đã có thay vì nhập lại." in text_of(response.content.decode())
    )
    assert Directive.objects.count() == 1
    assert Task.objects.count() == 1


@pytest.mark.parametrize(
    ("typed", "rows", "message"),
    [
        ({"issue_date": "31/12/1989"}, [ROW], "Ngày ban hành phải từ năm 1990 trở đi."),
        ({"received_on": "03/03/2026"}, [ROW], "Ngày nhận không được sau ngày hôm nay."),
        (
            {},
            [{**ROW, "deadline": "20/01/2026"}],
            "Thời hạn 20/01/2026 trước ngày ban hành văn bản (21/01/2026).",
        ),
        (
            {},
            [{**ROW, "deadline": "21/01/2037"}],
            "Thời hạn quá 10 năm kể từ ngày ban hành: kiểm tra lại năm.",
        ),
        (
            {},
            [{**ROW, "deadline": "20/02/2026", "frequency": "monthly", "recurrence_until": "21/02/2031"}],
            "Nhiệm vụ định kỳ được lập tối đa 5 năm một lần nhập.",
        ),
    ],
    ids=[
        "issued-1989",
        "received-tomorrow",
        "deadline-before-issue",
        "deadline-11-years",
        "monthly-over-5-years",
    ],
)
def test_dates_out_of_range_are_refused_in_vietnamese(page, typed, rows, message):
    units = Unit.objects.count()
    response = page.post(rows, **typed)
    assert response.status_code == 200
    assert message in text_of(response.content.decode())
    nothing_saved(units)


@pytest.mark.parametrize(
    ("row", "count"),
    [
        ({**ROW, "deadline": "21/01/2036"}, 1),  # exactly ten years after the issue date
        ({**ROW, "deadline": "20/02/2026", "frequency": "monthly", "recurrence_until": "20/02/2031"}, 61),
        ({**ROW, "deadline": "21/01/2026"}, 1),  # due the day it was issued
    ],
    ids=["deadline-10-years", "monthly-5-years", "deadline-on-issue-day"],
)
def test_the_limits_themselves_are_accepted(page, row, count):
    response = page.post([row], received_on="02/03/2026")
    assert response.status_code == 302, text_of(response.content.decode())
    assert Task.objects.count() == count


# ---------------------------------------------------------------------------------------------------
# An urgent document makes urgent tasks (R-5.1: delivered the same day)
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("urgency", "task_urgency", "due"),
    [
        ("urgent", TaskUrgency.URGENT, "2026-01-21"),
        ("very_urgent", TaskUrgency.URGENT, "2026-01-21"),
        ("flash", TaskUrgency.URGENT, "2026-01-21"),
        ("normal", TaskUrgency.NORMAL, "2026-01-22"),
    ],
)
def test_an_urgent_document_makes_its_tasks_urgent(page, tree, urgency, task_urgency, due):
    response = page.post(
        [ROW, {**ROW, "lead": "SKHĐT", "content": "Tổng hợp"}], urgency=urgency, action="draft"
    )
    assert response.status_code == 302, text_of(response.content.decode())
    for task in Task.objects.all():
        assert task.urgency == task_urgency
        assert task.arose_on == D("2026-01-21")
        assert task.delivery_due_on == D(due)


# ---------------------------------------------------------------------------------------------------
# Search: whole short words, abbreviations spelled out
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def searchable(clerk, tree, today):
    u_minh = UnitFactory(
        name="Ủy ban nhân dân huyện U Minh",
        short_name="UBND huyện U Minh",
        kind=UnitKind.DISTRICT,
        code="h-u-minh",
    )
    tasks = {}
    (tasks["u_minh"],) = register_tasks(
        clerk, u_minh, content="Gia cố đê biển Tây đoạn qua xã Khánh Hội", deliver_on=DELIVERED
    )
    (tasks["u_minh_coordinates"],) = register_tasks(
        clerk,
        tree.stc,
        content="Bố trí vốn nạo vét kênh thủy lợi",
        coordinating_units=[u_minh],
        deliver_on=DELIVERED,
    )
    (tasks["words_with_u"],) = register_tasks(
        clerk,
        tree.city,
        content="Phát triển du lịch cộng đồng vùng núi, quy hoạch khu nuôi trồng",
        deliver_on=DELIVERED,
    )
    (tasks["minh_alone"],) = register_tasks(
        clerk,
        tree.tam_duong,
        content="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        deliver_on=DELIVERED,
    )
    return tasks


def searched(client, q: str) -> set[int]:
    response = client.get(reverse("tasks:list"), {"q": q})
    assert response.status_code == 200
    return set(task_links(response.content.decode()))


@pytest.mark.parametrize(
    "q",
    [
        "u minh",
        "U Minh",
        "ubnd huyen u minh",
        "UBND huyện U Minh",
        "uy ban nhan dan huyen u minh",
        "Ủy ban nhân dân huyện U Minh",
        "Uỷ ban nhân dân huyện U Minh",
    ],
)
def test_u_minh_finds_the_tasks_of_u_minh_only(client, clerk, searchable, q):
    client.force_login(clerk)
    assert searched(client, q) == {searchable["u_minh"].pk, searchable["u_minh_coordinates"].pk}


def test_short_and_long_words_search_as_expected(client, clerk, searchable):
    client.force_login(clerk)
    assert searched(client, "minh") == {
        searchable["u_minh"].pk,
        searchable["u_minh_coordinates"].pk,
        searchable["minh_alone"].pk,
    }
    assert searched(client, "u") == {searchable["u_minh"].pk, searchable["u_minh_coordinates"].pk}
    assert searched(client, "du lich") == {searchable["words_with_u"].pk}
    assert searched(client, "nuoi tro") == {searchable["words_with_u"].pk}  # a word start while typing


# ---------------------------------------------------------------------------------------------------
# Oversized requests are refused before their body is read
# ---------------------------------------------------------------------------------------------------


def test_a_request_over_the_limit_gets_the_vietnamese_413_page(client, clerk, settings, today):
    client.force_login(clerk)
    limit = settings.VIC_REQUEST_MAX_BYTES
    assert limit == 200 * 1024 * 1024

    response = client.generic("POST", REGISTER, data=b"", CONTENT_LENGTH=str(limit + 1))

    assert response.status_code == 413
    page = text_of(response.content.decode())
    assert "Dữ liệu gửi lên quá lớn" in page
    assert "Mỗi lần gửi tối đa 200 MB, mỗi tệp tối đa 50 MB. Không có gì được lưu." in page
    # At the limit the request goes through to the page.
    assert client.generic("POST", REGISTER, data=b"", CONTENT_LENGTH=str(limit)).status_code == 200


def test_an_oversized_report_saves_nothing(client, users, tree, today):
    (task,) = register_tasks(users.office_clerk, tree.stc, deliver_on=DELIVERED)
    client.force_login(users.stc_officer)
    before = snapshot()
    with override_settings(VIC_REQUEST_MAX_BYTES=10):
        response = client.post(
            reverse("tasks:act", args=[task.pk, "bao-cao"]), {"bao-cao-text": "Đã giải ngân 45%"}
        )
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in text_of(response.content.decode())
    assert snapshot() == before
    assert not Submission.objects.exists()


# ---------------------------------------------------------------------------------------------------
# Editing a task opened before someone else saved it: only what this user changed is written
# ---------------------------------------------------------------------------------------------------


def open_edit(client, task) -> dict:
    response = client.get(reverse("tasks:edit", args=[task.pk]))
    assert response.status_code == 200
    return flat(form_fields(response.content.decode(), value="task-edit-form"))


def test_a_stale_edit_keeps_the_other_users_deadline(client, clerk, users, tree, today):
    (task,) = register_tasks(
        clerk,
        tree.stc,
        content="Rà soát nợ đọng xây dựng cơ bản",
        deadline=D("2026-03-20"),
        deliver_on=DELIVERED,
    )
    client.force_login(clerk)
    mine = open_edit(client, task)
    actions.update_task(
        users.office_leader,
        task,
        {"deadline": D("2026-03-31")},
        expected_version=task.version,
        note="Lùi hạn",
    )
    mine.update(content="Rà soát, xử lý dứt điểm nợ đọng xây dựng cơ bản", is_key="on", note="Sửa nội dung")

    conflict = client.post(reverse("tasks:edit", args=[task.pk]), mine)

    assert conflict.status_code == 200
    assert "sau khi bạn mở trang" in text_of(conflict.content.decode())
    assert Task.objects.get(pk=task.pk).content == "Rà soát nợ đọng xây dựng cơ bản"
    again = flat(form_fields(conflict.content.decode(), value="task-edit-form"))
    assert again["deadline"] == "20/03/2026"  # the page still shows what this user opened

    saved = client.post(reverse("tasks:edit", args=[task.pk]), again)

    assert saved.status_code == 302
    task.refresh_from_db()
    assert task.content == "Rà soát, xử lý dứt điểm nợ đọng xây dựng cơ bản"
    assert task.is_key is True
    assert task.deadline == D("2026-03-31")  # the Office leader's change survives
    edits = [e.changes for e in task.events.filter(kind=EventKind.EDITED).order_by("at", "id")]
    assert edits == [
        {"deadline": ["2026-03-20", "2026-03-31"]},
        {
            "content": ["Rà soát nợ đọng xây dựng cơ bản", "Rà soát, xử lý dứt điểm nợ đọng xây dựng cơ bản"],
            "is_key": ["False", "True"],
        },
    ]


def test_a_stale_edit_of_the_deadline_keeps_the_other_users_content(client, clerk, users, tree, today):
    (task,) = register_tasks(
        clerk,
        tree.stc,
        content="Rà soát nợ đọng xây dựng cơ bản",
        deadline=D("2026-03-20"),
        deliver_on=DELIVERED,
    )
    client.force_login(clerk)
    mine = open_edit(client, task)
    actions.update_task(
        users.office_leader,
        task,
        {"content": "Nội dung do lãnh đạo Văn phòng sửa"},
        expected_version=task.version,
    )
    mine.update(deadline="27/03/2026")
    conflict = client.post(reverse("tasks:edit", args=[task.pk]), mine)
    assert conflict.status_code == 200

    saved = client.post(
        reverse("tasks:edit", args=[task.pk]),
        flat(form_fields(conflict.content.decode(), value="task-edit-form")),
    )

    assert saved.status_code == 302
    task.refresh_from_db()
    assert (task.content, task.deadline) == ("Nội dung do lãnh đạo Văn phòng sửa", D("2026-03-27"))
