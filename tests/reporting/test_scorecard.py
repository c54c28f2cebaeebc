"""Compliance scorecard (R-14.2): on-time rate, progress in time, reports in time, composite and ranking,
registrations within one working day; only the province-wide roles see it."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import DirectiveFactory, register_tasks

from vic.core import clock
from vic.reporting.models import ReportState, UnitReport
from vic.reporting.periods import parse, window_in_force
from vic.reporting.scorecard import reports_due
from vic.tasks import actions

D = datetime.date.fromisoformat
TODAY = D("2026-05-25")
URL = "/bao-cao/cham-diem/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


DELIVERED = D("2026-03-02")


def one(clerk, unit, deadline, **fields):
    (task,) = register_tasks(clerk, [unit], deadline=deadline, deliver_on=DELIVERED, **fields)
    return task


def progress(clerk, task, day):
    with clock.at(day):
        actions.record_progress(clerk, task, "Đang triển khai")


def complete(clerk, task, day):
    with clock.at(day):
        actions.confirm_completion(clerk, task, completed_on=day)


def report(unit, user, label, sent, version=1, superseded_by=None):
    return UnitReport.objects.create(
        unit=unit,
        kind="monthly",
        period=label,
        window_start=D("2026-03-15"),
        window_end=D("2026-04-14"),
        due_on=D("2026-04-20"),
        version=version,
        superseded_by=superseded_by,
        state=ReportState.SUBMITTED,
        created_by=user,
        submitted_by=user,
        submitted_at=clock.now().replace(year=sent.year, month=sent.month, day=sent.day),
    )


@pytest.fixture
def world(clerk, tree, users):
    """Delivered 02/03. STC: s1 done on time 28/04 (update 20/03), s2 overdue (update 20/04), s3 within
    (updates 20/03, 20/04). SKHĐT: k1 done late 05/05, k2 never updated. City: c1 updated 20/04."""
    s1, s2 = (one(clerk, tree.stc, D("2026-04-30")) for _ in range(2))
    s3 = one(clerk, tree.stc, D("2026-12-31"))
    k1, k2 = one(clerk, tree.skhdt, D("2026-04-30")), one(clerk, tree.skhdt, D("2026-12-31"))
    c1 = one(clerk, tree.city, D("2026-12-31"))
    for task in (s1, s3):
        progress(clerk, task, D("2026-03-20"))
    for task in (s2, s3, c1):
        progress(clerk, task, D("2026-04-20"))
    complete(clerk, s1, D("2026-04-28"))
    complete(clerk, k1, D("2026-05-05"))
    # April's reports (due 20/04): STC on time, then a correction after the due date; SKHĐT late; city none.
    v2 = report(tree.stc, users.stc_officer, "2026-04", D("2026-04-25"), version=2)
    report(tree.stc, users.stc_officer, "2026-04", D("2026-04-18"), superseded_by=v2)
    report(tree.skhdt, users.stc_officer, "2026-04", D("2026-04-22"))
    return locals()


def scores(client, user, kind, label):
    client.force_login(user)
    response = client.get(URL, {"kind": kind, "period": label})
    assert response.status_code == 200
    return {s.unit.pk: s for s in response.context["units"]}, response


def test_reports_due_in_the_may_window():
    assert reports_due(window_in_force(parse("monthly", "2026-05"))) == [
        ("monthly", "2026-04", D("2026-04-20"))
    ]


def test_monthly_scorecard_values_and_ranking(client, users, tree, world):
    by_unit, response = scores(client, users.office_leader, "monthly", "2026-05")
    stc, skhdt, city = by_unit[tree.stc.pk], by_unit[tree.skhdt.pk], by_unit[tree.city.pk]
    assert (stc.on_time_rate, skhdt.on_time_rate, city.on_time_rate) == (50.0, 0.0, None)
    assert (stc.progress_updated, stc.progress_pairs) == (2, 2)
    assert (skhdt.progress_updated, skhdt.progress_pairs) == (0, 1)
    assert (city.progress_updated, city.progress_pairs) == (1, 1)
    assert (stc.reports_on_time, stc.reports_late, stc.reports_missing) == (1, 0, 0)
    assert (skhdt.reports_on_time, skhdt.reports_late, skhdt.reports_missing) == (0, 1, 0)
    assert (city.reports_on_time, city.reports_late, city.reports_missing) == (0, 0, 1)
    assert (stc.composite, city.composite, skhdt.composite) == (83.3, 50.0, 0.0)
    ranking = [(s.unit.pk, s.rank) for s in response.context["units"]]
    assert ranking == [(tree.stc.pk, 1), (tree.city.pk, 2), (tree.skhdt.pk, 3)]
    assert "trung bình cộng các tỷ lệ có số liệu" in response.content.decode()


def test_progress_share_over_the_closed_months_of_a_quarter(client, users, tree, world):
    """Q2 (15/03–14/06) on 25/05: the April and May windows have closed, June's has not."""
    by_unit, _ = scores(client, users.office_leader, "quarterly", "2026-Q2")
    stc, skhdt = by_unit[tree.stc.pk], by_unit[tree.skhdt.pk]
    # April: s1 ✓, s2 ✗, s3 ✓; May (s1 done): s2 ✓, s3 ✓.
    assert (stc.progress_updated, stc.progress_pairs, stc.progress_rate) == (4, 5, 80.0)
    assert (skhdt.progress_updated, skhdt.progress_pairs, skhdt.progress_rate) == (0, 3, 0.0)


def test_registrations_within_one_working_day(client, users, tree, clerk, world):
    monday = D("2026-05-04")
    on_time = register_tasks(
        clerk, [tree.stc], directive=DirectiveFactory(issue_date=monday), deadline=D("2026-12-31"),
        monitoring_department=tree.th, deliver_on=D("2026-05-05"),
    )  # fmt: skip
    late = register_tasks(
        clerk, [tree.skhdt], directive=DirectiveFactory(issue_date=monday), deadline=D("2026-12-31"),
        monitoring_department=tree.th, deliver_on=D("2026-05-08"),
    )  # fmt: skip
    register_tasks(
        clerk, [tree.city], directive=DirectiveFactory(issue_date=D("2026-05-06")), deadline=D("2026-12-31"),
        monitoring_department=tree.kt, deliver_on=D("2026-05-06"),
    )  # fmt: skip
    assert on_time[0].delivery_due_on == D("2026-05-05")
    _, response = scores(client, users.office_leader, "monthly", "2026-05")
    office = response.context["office"]
    rows = {d.department.pk: (d.delivered, d.in_time, d.late) for d in office.departments}
    assert rows == {tree.th.pk: (2, 1, 1), tree.kt.pk: (1, 1, 0)}
    assert (office.total.delivered, office.total.rate) == (3, 66.7)
    assert [(t.pk, t.days_late) for t in office.late] == [(late[0].pk, 3)]
    assert f'href="/nhiem-vu/{late[0].pk}/"' in response.content.decode()


def test_only_province_wide_roles(client, users, world):
    client.force_login(users.stc_officer)
    assert client.get(URL).status_code == 403
    assert "Chấm điểm chấp hành" not in client.get("/bao-cao/tong-quan/").content.decode()


def test_default_period_and_bad_label(client, users, world):
    client.force_login(users.office_leader)
    response = client.get(URL)
    assert response.context["period"].label == "2026-05"  # the last monthly window closed (14/05)
    response = client.get(URL, {"kind": "quarterly", "period": "2026-Q5"})
    assert "không đúng dạng" in response.context["error"]


def test_an_ad_hoc_period_is_typed_as_two_dates_dd_mm_yyyy(client, users, world):
    client.force_login(users.office_leader)
    asked = client.get(URL, {"kind": "adhoc"})
    assert asked.context["hint"] == "Nhập ngày bắt đầu và ngày kết thúc (dd/mm/yyyy) rồi bấm Xem."
    shown = client.get(URL, {"kind": "adhoc", "start": "15/04/2026", "end": "14/05/2026"})
    assert shown.context["period"].label == "2026-04-15..2026-05-14"
    html = shown.content.decode()
    assert 'value="15/04/2026"' in html and 'value="14/05/2026"' in html
    wrong = client.get(URL, {"kind": "adhoc", "start": "31/02/2026", "end": "14/05/2026"})
    assert "Từ ngày" in wrong.context["error"] and 'value="31/02/2026"' in wrong.content.decode()


def test_a_period_older_than_the_picker_shows_as_the_chosen_one(client, users, world):
    client.force_login(users.office_leader)
    html = client.get(URL, {"kind": "monthly", "period": "2019-03"}).content.decode()
    assert '<option value="2019-03" selected>Tháng 3 năm 2019</option>' in html


def test_query_count_is_per_window_not_per_unit(
    client, users, tree, clerk, world, django_assert_max_num_queries
):
    client.force_login(users.office_leader)
    client.get(URL, {"kind": "quarterly", "period": "2026-Q2"})
    with django_assert_max_num_queries(21) as small:  # 21: the period picker reads its rule
        client.get(URL, {"kind": "quarterly", "period": "2026-Q2"})
    from tests.factories import UnitFactory

    for _ in range(10):
        task = one(clerk, UnitFactory(), D("2026-04-30"))
        progress(clerk, task, D("2026-03-20"))
    with django_assert_max_num_queries(21) as large:
        client.get(URL, {"kind": "quarterly", "period": "2026-Q2"})
    assert len(small.captured_queries) == len(large.captured_queries)


def test_a_unit_whose_only_business_in_the_window_is_a_late_report_is_scored(client, users, tree, clerk):
    """Tam Đường led a task in April's window (it owed April's report) but none in May's; its report came
    late (22/04): the May scorecard still counts it."""
    task = one(clerk, tree.tam_duong, D("2026-04-10"))
    complete(clerk, task, D("2026-04-10"))
    report(tree.tam_duong, users.district_officer, "2026-04", D("2026-04-22"))
    by_unit, _ = scores(client, users.office_leader, "monthly", "2026-05")
    district = by_unit[tree.tam_duong.pk]
    assert (district.reports_on_time, district.reports_late, district.reports_missing) == (0, 1, 0)


def test_a_unit_is_judged_only_on_the_reports_it_owed(client, users, tree, clerk, world):
    """Tam Đường's first task came on 20/04, after April's window (15/03–14/04): it owed no April report,
    so the May scorecard judges its tasks, not a report it was never asked for."""
    (task,) = register_tasks(clerk, [tree.tam_duong], deadline=D("2026-05-08"), deliver_on=D("2026-04-20"))
    by_unit, _ = scores(client, users.office_leader, "monthly", "2026-05")
    district = by_unit[tree.tam_duong.pk]
    assert (district.reports_on_time, district.reports_late, district.reports_missing) == (0, 0, 0)
    assert district.reports_rate is None
    assert (district.on_time_rate, district.composite) == (0.0, 0.0)
    assert by_unit[tree.city.pk].reports_missing == 1  # the city owed April's and sent nothing


def test_a_draft_nobody_sent_does_not_make_a_unit_owe(client, users, tree, clerk, world):
    """A unit that only opened a draft of April's report, with no task in April's window, owed nothing."""
    (task,) = register_tasks(clerk, [tree.tam_duong], deadline=D("2026-05-08"), deliver_on=D("2026-04-20"))
    draft = report(tree.tam_duong, users.district_officer, "2026-04", D("2026-04-18"))
    UnitReport.objects.filter(pk=draft.pk).update(state=ReportState.DRAFT, submitted_at=None)
    by_unit, _ = scores(client, users.office_leader, "monthly", "2026-05")
    assert by_unit[tree.tam_duong.pk].reports_missing == 0
