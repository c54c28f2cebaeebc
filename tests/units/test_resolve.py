"""Resolving unit names as documents write them (DOMAIN "One lead per task", "Units outside the tree")."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from tests.factories import UnitFactory

from vic.units.actions import add_external_unit
from vic.units.models import Unit, UnitGroupPhrase, UnitKind
from vic.units.resolve import Gazetteer, resolve_units

D = datetime.date.fromisoformat
DAY = D("2026-01-05")

pytestmark = pytest.mark.django_db


def resolve(text, on=DAY):
    return resolve_units(text, on=on)


# Group phrases exactly as the sample documents write them (/work/shared/samples/*.tasks.json).
@pytest.mark.parametrize(
    ("phrase", "group"),
    [
        ("Các sở, ngành tỉnh", "departments"),  # 01 Lai Châu 846/UBND-TH
        ("Uỷ ban nhân dân các huyện, thành phố", "districts"),  # 01, old-style "Uỷ"
        ("UBND các huyện, thị xã, thành phố", "districts"),  # 22 Thanh Hóa, 24 Thanh Hóa
        ("Uỷ ban nhân dân thành phố và các huyện", "districts"),  # 17 Lai Châu 703
        ("các sở, ban, ngành, đơn vị liên quan", "departments"),  # 24 Thanh Hóa
        ("Các sở, ngành liên quan", "departments"),  # 17 Lai Châu 703
        ("Ủy ban nhân dân các huyện, thành phố", "districts"),  # new-style "Ủy"
        ("Ủy Ban Nhân Dân Các Huyện, Thành Phố.", "districts"),  # case and a trailing full stop
    ],
)
def test_group_phrases_from_the_samples(tree, phrase, group):
    result = resolve(phrase)
    assert set(result.units) == getattr(tree, group)
    assert len(result.units) == len(getattr(tree, group))
    assert result.unresolved == []


def test_sample_01_lead_resolves_groups_and_reports_the_rest(tree):
    # Công văn 846/UBND-TH (Lai Châu): the Ban QLDA are not units of this tree.
    result = resolve(
        "Các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố; Các Ban QLDA chuyên ngành tỉnh"
    )
    assert set(result.units) == tree.departments | tree.districts
    assert len(result.units) == 5
    assert result.unresolved == ["Các Ban QLDA chuyên ngành tỉnh"]


def test_sample_24_lead(tree):
    result = resolve("các sở, ban, ngành, đơn vị liên quan; UBND các huyện, thị xã, thành phố")
    assert set(result.units) == tree.departments | tree.districts
    assert result.unresolved == []


def test_group_phrase_covers_only_its_kinds(tree):
    # The Office, its departments and the province itself are never "các sở, ngành".
    result = resolve("Các sở, ngành tỉnh")
    assert not {tree.office, tree.th, tree.kt, tree.province} & set(result.units)


def test_a_phrase_added_by_an_administrator_is_used(tree):
    UnitGroupPhrase.objects.create(phrase="các sở chuyên ngành", kinds="department")
    assert set(resolve("Các sở chuyên ngành").units) == tree.departments


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sở Tài chính", "stc"),
        ("sở tài chính", "stc"),
        ("SỞ TÀI CHÍNH", "stc"),
        ("So Tai chinh", "stc"),
        ("STC", "stc"),
        ("  Sở   Tài chính. ", "stc"),
        (unicodedata.normalize("NFD", "Sở Tài chính"), "stc"),  # decomposed, as some Word versions write it
        ("Giao Sở Tài chính", "stc"),
        ("Sở Kế hoạch và Đầu tư", "skhdt"),
        ("Sở KH&ĐT", "skhdt"),  # alias
        ("Sở Kế hoạch - Đầu tư", "skhdt"),  # alias
        ("Sở Kế hoạch và ĐT", "skhdt"),  # "ĐT" for "Đầu tư"
        (unicodedata.normalize("NFD", "Sở Kế hoạch và Đầu tư"), "skhdt"),
        ("Ủy ban nhân dân huyện Tam Đường", "h-tam-duong"),
        ("Uỷ ban nhân dân huyện Tam Đường", "h-tam-duong"),  # old-style accent placement
        ("UBND huyện Tam Đường", "h-tam-duong"),
        ("ubnd huyen tam duong", "h-tam-duong"),
        ("UBND thành phố Lai Châu", "tp-lai-chau"),
        ("UBND TP. Lai Châu", "tp-lai-chau"),
        ("UBND TP Lai Châu", "tp-lai-chau"),
    ],
)
def test_names_short_names_aliases_and_variants(tree, text, code):
    result = resolve(text)
    assert [u.code for u in result.units] == [code]
    assert result.unresolved == []


def test_several_parts_in_order_without_duplicates(tree):
    result = resolve("Sở Tài chính; Các sở, ngành tỉnh\nUBND huyện Tam Đường; STC")
    assert result.units[0] == tree.stc
    assert set(result.units) == tree.departments | {tree.tam_duong}
    assert len(result.units) == 4


def test_comma_separated_units(tree):
    result = resolve("Sở Tài chính, Sở Kế hoạch và Đầu tư, UBND huyện Tam Đường")
    assert result.units == [tree.stc, tree.skhdt, tree.tam_duong]
    assert result.unresolved == []


def test_unknown_parts_are_reported(tree):
    result = resolve("Sở Tài chính; Cục Quản lý thị trường; ; Ban Chỉ đạo 09 (Sở Tài chính)")
    assert result.units == [tree.stc]
    assert result.unresolved == ["Cục Quản lý thị trường", "Ban Chỉ đạo 09 (Sở Tài chính)"]


def test_a_comma_list_with_an_unknown_piece_is_reported_whole(tree):
    # Not silently half-resolved: the clerk sees the whole part to fix it.
    result = resolve("Sở Tài chính, Cục Thuế tỉnh")
    assert result.units == []
    assert result.unresolved == ["Sở Tài chính, Cục Thuế tỉnh"]


def test_office_departments_do_not_receive_tasks(tree):
    result = resolve("Phòng Tổng hợp")
    assert result.units == []
    assert result.unresolved == ["Phòng Tổng hợp"]


def test_empty_text(tree):
    for text in ("", "  ", None, ";\n;"):
        result = resolve(text)
        assert result.units == [] and result.unresolved == []


def test_units_not_valid_on_the_day_are_excluded(tree):
    # Sở Giao thông vận tải merged into Sở Xây dựng on 1/3/2025 (2025 reform).
    sgtvt = UnitFactory(
        name="Sở Giao thông vận tải", short_name="SGTVT", code="sgtvt", valid_to=D("2025-02-28")
    )
    new = UnitFactory(name="Sở Dân tộc và Tôn giáo", code="sdttg", valid_from=D("2025-03-01"))
    # A document of 2026: the old department is gone.
    now = resolve("Sở Giao thông vận tải; Các sở, ngành tỉnh")
    assert now.unresolved == ["Sở Giao thông vận tải"]
    assert set(now.units) == tree.departments | {new}
    # A document of 2024, still followed: resolved as of its day.
    then = resolve("SGTVT; Các sở, ngành tỉnh; Sở Dân tộc và Tôn giáo", on=D("2024-06-10"))
    assert then.units[0] == sgtvt
    assert set(then.units) == tree.departments | {sgtvt}
    assert then.unresolved == ["Sở Dân tộc và Tôn giáo"]
    # The last valid day still counts.
    assert resolve("Sở Giao thông vận tải", on=D("2025-02-28")).units == [sgtvt]


def test_gazetteer_resolves_many_rows_without_more_queries(tree, django_assert_num_queries):
    gazetteer = Gazetteer(DAY)
    with django_assert_num_queries(0):
        for text in (
            "Sở Tài chính",
            "Các sở, ngành tỉnh",
            "UBND các huyện, thị xã, thành phố",
            "Bộ Xây dựng",
        ):
            gazetteer.resolve(text)


# ---------------------------------------------------------------------------------------------------
# External units (a ministry, another province) so that no task is dropped
# ---------------------------------------------------------------------------------------------------


def test_add_external_unit_is_idempotent(tree):
    ministry = add_external_unit("Bộ Xây dựng")
    assert ministry.kind == UnitKind.EXTERNAL
    assert ministry.code.startswith("ngoai-")
    for variant in ("Bộ Xây dựng", "  Bộ  Xây   dựng ", "BỘ XÂY DỰNG", "Bo Xay dung"):
        assert add_external_unit(variant).pk == ministry.pk
    assert Unit.objects.filter(kind=UnitKind.EXTERNAL).count() == 1
    assert Unit.objects.get(pk=ministry.pk).name == "Bộ Xây dựng"


def test_units_outside_the_tree_come_after_the_provinces_own(tree):
    ministry = add_external_unit("Bộ Xây dựng")
    assert list(Unit.objects.assignable())[-1] == ministry


def test_external_units_get_distinct_codes_and_resolve(tree):
    a = add_external_unit("Bộ Xây dựng")
    b = add_external_unit("Bộ Tài chính")
    c = add_external_unit("Ủy ban nhân dân thành phố Hồ Chí Minh")
    assert len({a.code, b.code, c.code}) == 3
    assert resolve("Bộ Xây dựng; Bộ Tài chính").units == [a, b]
    assert resolve("UBND thành phố Hồ Chí Minh").units == [c]


def test_external_units_with_a_shared_prefix_are_distinct(tree):
    # Slugs are cut at 40 characters: two long names with the same beginning still get their own units.
    a = add_external_unit("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Điện Biên")
    b = add_external_unit("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Sơn La")
    assert a.pk != b.pk and a.code != b.code
    assert add_external_unit("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Sơn La") == b


def test_add_external_unit_treats_ubnd_as_uy_ban_nhan_dan(tree):
    hcm = add_external_unit("Ủy ban nhân dân thành phố Hồ Chí Minh")
    assert add_external_unit("UBND thành phố Hồ Chí Minh") == hcm
