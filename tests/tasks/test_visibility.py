"""Who sees which task (R-6.1, R-6.2): `Task.objects.visible_to(user)`, and diacritic-insensitive search."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.contrib.auth.models import AnonymousUser
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks.models import Task

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(clerk, tree):
    """A small register: delivered and undelivered tasks led or coordinated by various units."""
    delivered = D("2026-01-06")
    t = {}
    (t["stc_leads"],) = register_tasks(clerk, tree.stc, content="Rà soát nguồn vốn", deliver_on=delivered)
    (t["stc_coordinates"],) = register_tasks(
        clerk, tree.skhdt, coordinating_units=[tree.stc], content="Lập kế hoạch vốn", deliver_on=delivered
    )
    (t["district_leads"],) = register_tasks(
        clerk,
        tree.tam_duong,
        coordinating_units=[tree.city],
        content="Giải phóng mặt bằng",
        deliver_on=delivered,
    )
    (t["stc_draft"],) = register_tasks(clerk, tree.stc, content="Nhiệm vụ chưa chuyển giao")
    (t["nobody"],) = register_tasks(clerk, tree.stnmt, content="Quy hoạch sử dụng đất", deliver_on=delivered)
    return t


def pks(qs):
    return sorted(qs.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "who", ["office_clerk", "monitoring_officer", "office_leader", "provincial_leader", "admin"]
)
def test_office_and_provincial_leaders_see_every_task(users, tasks, who):
    assert pks(Task.objects.visible_to(getattr(users, who))) == sorted(t.pk for t in tasks.values())


def test_superuser_without_role_sees_every_task(tree, tasks):
    boss = UserFactory(is_superuser=True, unit=tree.stc)
    assert Task.objects.visible_to(boss).count() == len(tasks)


def test_unit_officer_sees_delivered_tasks_it_leads_or_coordinates(users, tasks):
    assert pks(Task.objects.visible_to(users.stc_officer)) == sorted(
        [tasks["stc_leads"].pk, tasks["stc_coordinates"].pk]
    )
    assert pks(Task.objects.visible_to(users.district_officer)) == [tasks["district_leads"].pk]


def test_coordinating_unit_officer_sees_the_task(tree, tasks):
    city_officer = UserFactory(unit=tree.city)
    assert pks(Task.objects.visible_to(city_officer)) == [tasks["district_leads"].pk]


def test_no_duplicates_when_a_unit_both_leads_and_coordinates(clerk, users, tree):
    # Two tasks of one group: STC leads one and coordinates the other; each appears once.
    both = register_tasks(
        clerk, [tree.stc, tree.skhdt], coordinating_units=[tree.stc, tree.stnmt], deliver_on=D("2026-01-06")
    )
    visible = list(Task.objects.visible_to(users.stc_officer))
    assert sorted(t.pk for t in visible) == sorted(t.pk for t in both)
    assert Task.objects.visible_to(users.stc_officer).count() == 2


def test_undelivered_tasks_are_invisible_to_units(users, tasks):
    for user in (users.stc_officer, users.district_officer):
        assert not Task.objects.visible_to(user).filter(pk=tasks["stc_draft"].pk).exists()
    # ...but the Office sees its drafts.
    assert Task.objects.visible_to(users.office_clerk).filter(pk=tasks["stc_draft"].pk).exists()


def test_anonymous_inactive_and_unitless_users_see_nothing(tree, users, tasks):
    assert Task.objects.visible_to(AnonymousUser()).count() == 0
    assert Task.objects.visible_to(None).count() == 0
    inactive = UserFactory(unit=tree.stc, is_active=False)
    assert Task.objects.visible_to(inactive).count() == 0
    inactive_clerk = UserFactory(office_clerk=True, unit=tree.office, is_active=False)
    assert Task.objects.visible_to(inactive_clerk).count() == 0
    no_unit = UserFactory(unit_officer=True, unit=None)
    assert Task.objects.visible_to(no_unit).count() == 0


def test_editable_by_only_registrars(users, tasks):
    assert Task.objects.editable_by(users.office_clerk).count() == len(tasks)
    assert Task.objects.editable_by(users.admin).count() == len(tasks)
    for who in ("monitoring_officer", "provincial_leader", "stc_officer"):
        assert Task.objects.editable_by(getattr(users, who)).count() == 0


# ---------------------------------------------------------------------------------------------------
# Search: with or without diacritics, by directive reference; always inside what the user may see.
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def register(clerk, tree):
    cv846 = DirectiveFactory(
        number="846",
        symbol="UBND-TH",
        issue_date=D("2019-05-21"),
        abstract="Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    )
    cv907 = DirectiveFactory(number="907", symbol="UBND-KT", abstract="Về việc bổ sung quy hoạch sử dụng đất")
    (stc,) = register_tasks(
        clerk, tree.stc, directive=cv846, content="Tham mưu điều chuyển vốn", deliver_on=D("2026-01-06")
    )
    (tnmt,) = register_tasks(
        clerk, tree.stnmt, directive=cv907, content="Rà soát chỉ tiêu đất", deliver_on=D("2026-01-06")
    )
    (coord,) = register_tasks(
        clerk,
        tree.skhdt,
        directive=cv907,
        coordinating_units=[tree.stc],
        content="Tổng hợp nhu cầu",
        deliver_on=D("2026-01-06"),
    )
    return {"stc": stc, "tnmt": tnmt, "coord": coord}


@pytest.mark.parametrize(
    "query",
    [
        "so tai chinh",
        "Sở Tài chính",
        "SỞ TÀI CHÍNH",
        "sở tài chính",
        unicodedata.normalize("NFD", "Sở Tài chính"),
        "  so   tai  chinh ",
    ],
)
def test_search_finds_unit_with_and_without_diacritics(register, query):
    # STC leads one task and coordinates another: both mention "Sở Tài chính".
    assert pks(Task.objects.search(query)) == sorted([register["stc"].pk, register["coord"].pk])


def test_search_by_short_name_finds_the_led_task(register):
    found = pks(Task.objects.search("stc"))
    assert register["stc"].pk in found
    assert register["tnmt"].pk not in found


@pytest.mark.parametrize("query", ["846/UBND-TH", "846/ubnd-th", "UBND-TH 846"])
def test_search_finds_directive_by_reference(register, query):
    assert pks(Task.objects.search(query)) == [register["stc"].pk]


def test_search_by_content_and_abstract(register):
    assert pks(Task.objects.search("rà soát chỉ tiêu")) == [register["tnmt"].pk]
    assert pks(Task.objects.search("giai ngan von dau tu cong")) == [register["stc"].pk]
    assert pks(Task.objects.search("bo sung quy hoach")) == sorted(
        [register["tnmt"].pk, register["coord"].pk]
    )
    assert pks(Task.objects.search("tỉnh Điện Biên")) == []


def test_search_stays_within_visibility(users, register):
    assert pks(Task.objects.visible_to(users.district_officer).search("so tai chinh")) == []
    assert pks(Task.objects.visible_to(users.stc_officer).search("907/UBND-KT")) == [register["coord"].pk]


def test_the_tasks_holding_the_typed_phrase_come_first_in_the_list(client, clerk, users, tree):
    """ "Sở Tài chính" also finds a task whose words are scattered ("số liệu tại … chính sách"): it is found,
    after the task that names Sở Tài chính, even though its deadline is earlier."""
    from django.urls import reverse
    from tests.web.helpers import task_links

    (scattered,) = register_tasks(
        clerk, tree.skhdt, content="Thống kê số liệu tại các xã về chính sách hỗ trợ", deadline=D("2026-02-10"),
        deliver_on=D("2026-01-06"),
    )  # fmt: skip
    (named,) = register_tasks(
        clerk, tree.skhdt, content="Phối hợp với Sở Tài chính thẩm định", deadline=D("2026-06-30"),
        deliver_on=D("2026-01-06"),
    )  # fmt: skip
    with clock.at(D("2026-01-20")):
        client.force_login(clerk)
        for query in ("Sở Tài chính", "so tai chinh"):
            listed = task_links(client.get(reverse("tasks:list"), {"q": query}).content.decode())
            assert listed.index(named.pk) < listed.index(scattered.pk)
        assert task_links(client.get(reverse("tasks:list"), {"q": "chinh"}).content.decode()) == [
            scattered.pk,
            named.pk,
        ]  # fmt: skip  (one word: by deadline, as before)
