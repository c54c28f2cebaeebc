"""The report calendar and unit report pages: dates in dd/mm/yyyy, who has sent what, the form with the
figures, a conflict kept on the page, 404 for other units, the head's buttons."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.reporting import actions
from vic.reporting.models import ReportState, UnitReport
from vic.reporting.periods import parse

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def stc_head(tree):
    return UserFactory(username="gd_stc", unit_head=True, unit=tree.stc)


@pytest.fixture
def stc_task(clerk, tree):
    directive = DirectiveFactory(issue_date=D("2026-04-01"))
    return register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-05-08"), deliver_on=D("2026-04-02")
    )[0]


def page(client, user, url, **data):
    client.force_login(user)
    with clock.at(D("2026-05-18")):
        return client.post(url, data) if data else client.get(url)


def test_office_calendar_shows_windows_due_dates_and_who_sent(client, users, tree, stc_head, stc_task):
    url = reverse("reporting:calendar") + "?kind=monthly&year=2026"
    html = page(client, users.office_leader, url).content.decode()
    assert "15/04/2026 — 14/05/2026" in html and "20/05/2026" in html and "25/05/2026" in html
    assert "23/02/2026" in html  # February's due date, in Tết, rolled
    assert "Sở Tài chính" not in html.split('data-testid="period-2026-05"')[1].split("Chưa gửi (")[0]
    with clock.at(D("2026-05-19")):
        report = actions.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-05"))
        actions.approve_and_submit(stc_head, report)
    html = page(client, users.office_leader, url).content.decode()
    may = html.split('data-testid="period-2026-05"')[1].split('data-testid="period-2026-06"')[0]
    assert '<td class="text-success" data-testid="on-time">1</td>' in may
    assert reverse("reporting:unit_report", args=[report.pk]) in may


def test_a_period_not_yet_due_is_not_shown_as_missing(client, users, stc_task):
    """On 18/05/2026 May's reports are due 20/05: the units that have not sent are "chưa đến hạn", not red."""
    html = page(
        client, users.office_leader, reverse("reporting:calendar") + "?kind=monthly&year=2026"
    ).content.decode()
    may = html.split('data-testid="period-2026-05"')[1].split("</tr>")[0]
    april = html.split('data-testid="period-2026-04"')[1].split("</tr>")[0]
    assert '<td class="text-muted" data-testid="missing">' in may and "chưa đến hạn" in may
    assert '<td class="text-danger" data-testid="missing">' in april
    june = html.split('data-testid="period-2026-06"')[1].split("</tr>")[0]
    july = html.split('data-testid="period-2026-07"')[1].split("</tr>")[0]
    assert "chưa đến kỳ" not in june and "1/1" in june  # June's window opened on 15/05: STC owes it
    assert "— <span" in july and "chưa đến kỳ" in july  # July's opens on 15/06: nobody owes it yet


def test_quarterly_calendar_rolls_due_dates(client, users):
    html = page(
        client, users.office_clerk, reverse("reporting:calendar") + "?kind=quarterly&year=2026"
    ).content.decode()
    assert "16/03/2026" in html and "22/06/2026" in html


def test_unit_opens_drafts_and_submits_through_the_pages(client, users, tree, stc_head, stc_task):
    officer = users.stc_officer
    html = page(client, officer, reverse("reporting:calendar")).content.decode()
    assert 'data-testid="open-report"' in html
    response = page(
        client, officer, reverse("reporting:unit_report_open", args=["monthly", "2026-05"]), x="1"
    )
    report = UnitReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("reporting:unit_report", args=[report.pk])
    html = page(client, officer, response.url).content.decode()
    assert 'data-testid="total">1<' in html and stc_task.content in html
    assert 'data-testid="btn-send"' in html and 'data-testid="btn-submit"' not in html
    act = reverse("reporting:unit_report_act", args=[report.pk, "trinh"])
    response = page(
        client, officer, act, results="Kết quả nổi bật", revision=report.revision, paper_date="15/05/2026"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.results, report.paper_date) == (
        ReportState.AWAITING_HEAD,
        "Kết quả nổi bật",
        D("2026-05-15"),
    )
    html = page(client, stc_head, response.url).content.decode()
    assert 'data-testid="btn-submit"' in html and 'data-testid="decline-form"' in html
    act = reverse("reporting:unit_report_act", args=[report.pk, "gui"])
    assert page(client, stc_head, act, results="Kết quả nổi bật", revision=report.revision).status_code == 302
    html = page(client, officer, response.url).content.decode()
    assert (
        "Đúng hạn" in html and 'data-testid="btn-correct"' in html and 'data-testid="report-form"' not in html
    )


def test_a_conflict_keeps_the_input_with_a_clear_message(client, users, tree):
    with clock.at(D("2026-05-18")):
        report = actions.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-05"))
        actions.save_draft(users.stc_officer, report, {"results": "bản của người khác"})
    act = reverse("reporting:unit_report_act", args=[report.pk, "luu"])
    response = page(client, users.stc_officer, act, results="bản của tôi", revision=1)
    html = response.content.decode()
    assert response.status_code == 400 and "sau khi bạn mở trang" in html and "bản của tôi" in html
    report.refresh_from_db()
    assert report.results == "bản của người khác"
    # Saving again from the page that told of the conflict saves, knowingly (it carries the new revision).
    assert f'name="revision" value="{report.revision}"' in html
    assert (
        page(client, users.stc_officer, act, results="bản của tôi", revision=report.revision).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.results == "bản của tôi"


def test_the_export_buttons_send_the_report(client, users, tree):
    with clock.at(D("2026-05-18")):
        report = actions.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-05"))
    html = page(
        client, users.stc_officer, reverse("reporting:unit_report", args=[report.pk])
    ).content.decode()
    buttons = html.split('data-testid="export-buttons"')[1].split("</form>")[0]
    assert 'name="report" value="unit"' in buttons and f'name="report_id" value="{report.pk}"' in buttons
    response = page(client, users.stc_officer, reverse("reporting:export_start"), report="unit",
                    report_id=report.pk, formats="docx")  # fmt: skip
    assert response.status_code == 302  # to the export's progress page, not "Bạn không được xuất…"


def test_other_units_get_404_the_office_reads_without_buttons(client, users, tree, stc_head):
    with clock.at(D("2026-05-18")):
        report = actions.open_report(users.stc_officer, tree.stc, parse("monthly", "2026-05"))
        actions.save_draft(users.stc_officer, report, {"results": "Bản nháp chưa duyệt"})
    url = reverse("reporting:unit_report", args=[report.pk])
    assert page(client, users.district_officer, url).status_code == 404
    act = reverse("reporting:unit_report_act", args=[report.pk, "luu"])
    assert page(client, users.district_officer, act, results="x", revision=1).status_code == 404
    # A draft is the unit's own until its head sends it: the Office neither opens nor is linked to it.
    assert page(client, users.office_leader, url).status_code == 404
    calendar = page(client, users.office_leader, reverse("reporting:calendar") + "?kind=monthly&year=2026")
    assert url not in calendar.content.decode()
    assert "Đang soạn" not in calendar.content.decode()  # nor is it told the unit is writing one

    with clock.at(D("2026-05-19")):
        actions.approve_and_submit(stc_head, UnitReport.objects.get(pk=report.pk))
    html = page(client, users.office_leader, url).content.decode()
    assert 'data-testid="figures"' in html and 'data-testid="report-form"' not in html
    assert "Bản nháp chưa duyệt" in html
    assert page(client, users.office_leader, act, results="x", revision=1).status_code == 403


def test_admin_calendar_page_previews_the_years_windows(admin_client):
    from vic.reporting.models import PeriodSetting

    row = PeriodSetting.objects.get(kind="monthly")
    with clock.at(D("2026-05-18")):
        html = admin_client.get(
            reverse("admin:reporting_periodsetting_change", args=[row.pk])
        ).content.decode()
    assert (
        "tháng 5 năm 2026: số liệu 15/04/2026 – 14/05/2026; đơn vị gửi 20/05/2026, Văn phòng 25/05/2026"
        in html
    )
    response = admin_client.post(
        reverse("admin:reporting_periodsetting_change", args=[row.pk]),
        {
            "start_day": 15,
            "start_in_previous_month": "on",
            "end_day": 40,
            "unit_due_day": 20,
            "office_due_day": 25,
        },
    )
    assert response.status_code == 200 and "Ngày phải từ 1 đến 31." in response.content.decode()
    assert admin_client.get(reverse("admin:reporting_unitreport_changelist")).status_code == 200
