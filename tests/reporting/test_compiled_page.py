"""The compiled report page: the tables on screen, the narrative saved, a concurrent edit refused clearly."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.reporting import test_exports_world as world

from vic.reporting.models import CompiledReport

may, made_on = world.may, world.made_on
URL = reverse("reporting:compiled")


def test_page_shows_the_tables_and_saves_the_narrative(may, made_on, client, users):
    client.force_login(users.office_leader)
    page = client.get(URL, {"kind": "monthly", "period": "2026-05"}).content.decode()
    assert "Sở Tài chính" in page and "15/04/2026" in page and "Báo cáo tổng hợp" in page
    form = {
        "kind": "monthly",
        "period": "2026-05",
        "evaluation": "Các đơn vị cơ bản hoàn thành.",
        "proposals": "",
    }
    assert client.post(URL, {**form, "revision": 0}).status_code == 302
    assert CompiledReport.objects.get().evaluation == "Các đơn vị cơ bản hoàn thành."
    # A second editor still holding the form opened before the first save:
    response = client.post(URL, {**form, "evaluation": "Bản của người thứ hai", "revision": 0})
    text = response.content.decode()
    assert response.status_code == 200 and "vừa được" in text and "Bản của người thứ hai" in text
    assert CompiledReport.objects.get().evaluation == "Các đơn vị cơ bản hoàn thành."


def test_units_may_not_open_it(db, client, users):
    client.force_login(users.stc_officer)
    assert client.get(URL).status_code == 403


def test_ad_hoc_dates_and_a_leader_filter_from_the_form(may, made_on, client, users, leader):
    """R-10: any date range (dd/mm/yyyy, as everywhere on screen) and the leader who assigned."""
    client.force_login(users.office_leader)
    params = {"kind": "adhoc", "start": "15/04/2026", "end": "14/05/2026", "leader": leader.pk}
    response = client.get(URL, params)
    page = response.content.decode()
    assert response.status_code == 200 and "Số liệu từ ngày 15/04/2026 đến ngày 14/05/2026." in page
    table = page[page.index('data-testid="unit-table"') :]
    # Only the two tasks this leader assigned (done on time; in progress overdue), both of Sở Tài chính.
    assert "Sở Tài chính" in table and "Sở Kế hoạch" not in table
    assert ">2</td>" in table[table.index("Tổng cộng") :].split("</tr>")[0]
    assert f'<option value="{leader.pk}" selected>' in page


def test_a_wrong_date_gets_a_vietnamese_error(db, client, users):
    client.force_login(users.office_leader)
    page = client.get(URL, {"kind": "adhoc", "start": "31/02/2026", "end": "14/05/2026"}).content.decode()
    assert "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy" in page
    page = client.get(URL, {"kind": "adhoc", "start": "15/04/2026"}).content.decode()
    assert "Báo cáo đột xuất cần cả ngày bắt đầu và ngày kết thúc." in page


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "adhoc", "start": "31/02/2026", "end": "30/06/2026"},
        {"kind": "monthly", "period": "2026-13"},
        {"kind": "monthly", "period": "2026-05", "unit_filter": "99999"},
        {"kind": "monthly", "period": "2026-05", "leader": "abc"},
    ],
)
def test_a_refused_choice_shows_no_figures_of_another_period(db, client, users, query):
    """Beside the error, no table and no Word/Excel button of the period the page would fall back to."""
    client.force_login(users.office_leader)
    response = client.get(URL, query)
    page = response.content.decode()
    assert response.status_code == 200 and 'class="alert alert-danger"' in page
    assert 'data-testid="unit-table"' not in page and "export_start" not in page and "Tải Word" not in page


def test_without_a_period_the_form_shows_the_one_shown(db, client, users):
    client.force_login(users.office_leader)
    from vic.core import clock

    with clock.at(world.D("2026-05-18")):
        page = client.get(URL).content.decode()
    assert 'name="period" value="2026-05"' in page and "tháng 5 năm 2026" in page
