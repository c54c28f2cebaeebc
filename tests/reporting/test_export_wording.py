"""What officials read in the exported reports, beyond the numbers: rounding, wording when nothing was due,
who signs, the place name, and periods that have not begun."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from tests.factories import LeaderFactory
from tests.reporting import test_exports_world as world
from tests.reporting.test_exports_world import all_text, docx_of, table_after

from vic.core import clock
from vic.reporting import content, figures
from vic.reporting.exports import word
from vic.reporting.periods import parse
from vic.units.models import LeaderPosition

may, made_on = world.may, world.made_on
MAY = parse("monthly", "2026-05")
D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("part", "whole", "shown"), [(5, 16, 31.3), (1, 8, 12.5), (1, 3, 33.3), (2, 3, 66.7),
                                                      (1, 40, 2.5), (0, 7, 0.0), (3, 0, None)])  # fmt: skip
def test_percentages_round_half_up_as_officials_do(part, whole, shown):
    assert figures.percent(part, whole) == shown


def test_no_rate_reads_as_words_not_a_dash_percent():
    text = word.summary(figures.Row())
    assert "Tỷ lệ hoàn thành đúng hạn: chưa tính được (chưa có nhiệm vụ đến hạn)." in text
    assert "—%" not in text


def test_the_unit_reports_total_row_shares_like_its_rows(may, made_on, tree):
    doc = docx_of(word.unit_docx(content.unit_period(content.SYSTEM, tree.stc, MAY)))
    total = [c.text for c in table_after(doc, "Bảng 1.").rows[-1].cells]
    assert total[1] == "Tổng số" and total[3] == "100,0"
    with clock.at(D("2010-02-01")):
        empty = content.unit_period(content.SYSTEM, tree.stc, parse("adhoc", "2010-01-01..2010-01-31"))
    total = [c.text for c in table_after(docx_of(word.unit_docx(empty)), "Bảng 1.").rows[-1].cells]
    assert total[2:] == ["0", "—"]


def test_the_compiled_report_is_signed_by_the_chief_of_the_office_by_name(may, made_on, users):
    LeaderFactory(name="Trần Văn Chánh", position=LeaderPosition.OFFICE_CHIEF)
    text = all_text(docx_of(word.compiled_docx(content.compiled(users.monitoring_officer, MAY))))
    assert "CHÁNH VĂN PHÒNG" in text and "Trần Văn Chánh" in text and "KT. CHÁNH VĂN PHÒNG" not in text


def test_a_deputy_exporting_it_signs_on_behalf_of_the_chief(may, made_on, users):
    LeaderFactory(name="Trần Văn Chánh", position=LeaderPosition.OFFICE_CHIEF)
    LeaderFactory(name="Lê Thị Phó", position=LeaderPosition.OFFICE_DEPUTY, user=users.office_leader)
    text = all_text(docx_of(word.compiled_docx(content.compiled(users.office_leader, MAY))))
    assert "KT. CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text and "Lê Thị Phó" in text


def test_a_district_report_is_dated_at_the_district_and_names_it_in_full(may, made_on, tree):
    text = all_text(docx_of(word.unit_docx(content.unit_period(content.SYSTEM, tree.tam_duong, MAY))))
    assert "Tam Đường, ngày" in text and "Lai Châu, ngày" not in text
    assert "ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG" in text or "ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG" in text.replace(
        "\n", " "
    )


def test_a_period_that_has_not_begun_is_refused_in_vietnamese(users):
    with clock.at(D("2026-12-04")), pytest.raises(ValidationError) as error:
        content.compiled(users.office_leader, parse("monthly", "2027-03"))
    assert error.value.messages == [
        "Kỳ báo cáo tháng 3 năm 2027 chưa bắt đầu: số liệu tính từ ngày 15/02/2027."
    ]
