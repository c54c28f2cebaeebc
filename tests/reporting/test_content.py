"""A unit's report (R-11): the figures as sent stay as sent; a draft shows the data as it stands."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from tests.reporting import test_exports_world as world
from tests.reporting.test_exports_world import END, START, docx_of, table_after

from vic.core import clock
from vic.reporting import content, snapshot
from vic.reporting.exports import word
from vic.reporting.models import ReportState, UnitReport
from vic.reporting.periods import parse
from vic.tasks import actions

# The shared fixtures, found by pytest under these names.
may, made_on = world.may, world.made_on
MAY = parse("monthly", "2026-05")


def report_of(unit, user, **fields):
    return UnitReport.objects.create(
        unit=unit, kind="monthly", period="2026-05", window_start=START, window_end=END,
        due_on=clock.today().replace(day=20), created_by=user, **fields,
    )  # fmt: skip


def test_submitted_report_keeps_its_figures(may, made_on, tree, users):
    frozen = snapshot.unit_figures(tree.stc, START, END)
    report = report_of(tree.stc, users.stc_officer, state=ReportState.SUBMITTED, figures=frozen,
                       results="Giải ngân đạt 45% kế hoạch.", submitted_at=clock.now())  # fmt: skip
    # A later fact about the window (confirmed afterwards) does not rewrite what the head signed.
    actions.confirm_completion(users.office_clerk, may.tasks["in_progress_within"], completed_on=END)
    c = content.unit_report(users.stc_officer, report)
    assert c.frozen and c.counts == frozen["row"]["counts"]
    live = content.unit_period(users.stc_officer, tree.stc, MAY)
    assert live.report == report  # the current version
    doc = docx_of(word.unit_docx(c))
    rows = {r.cells[1].text: r.cells[2].text for r in table_after(doc, "Bảng 1.").rows[1:]}
    assert rows["Đang thực hiện trong hạn"] == str(frozen["row"]["counts"]["in_progress_within"]) == "1"
    assert "Giải ngân đạt 45% kế hoạch." in "\n".join(p.text for p in doc.paragraphs)
    reasons = [r.cells[4].text for r in table_after(doc, "Bảng 2.").rows[1:]]
    assert "Chờ ý kiến của Bộ Tài chính." in reasons


def test_while_a_correction_is_drafted_the_version_sent_is_the_one_reported(may, made_on, tree, users):
    from vic.reporting import actions as reports

    sent = report_of(tree.stc, users.stc_officer, state=ReportState.SUBMITTED, submitted_at=clock.now(),
                     figures=snapshot.unit_figures(tree.stc, START, END))  # fmt: skip
    draft = reports.correct(users.stc_officer, sent)
    assert draft.version == 2 and draft.state == ReportState.DRAFT
    c = content.unit_period(users.stc_officer, tree.stc, MAY)
    assert c.report == sent and c.frozen


def test_draft_shows_live_figures(may, made_on, tree, users):
    report = report_of(tree.stc, users.stc_officer, state=ReportState.DRAFT)
    actions.confirm_completion(users.office_clerk, may.tasks["in_progress_within"], completed_on=END)
    c = content.unit_report(users.stc_officer, report)
    assert not c.frozen and c.counts["done_on_time"] == 2


def test_other_units_report_is_refused(may, made_on, tree, users):
    report = report_of(tree.stc, users.stc_officer)
    with pytest.raises(PermissionDenied):
        content.unit_report(users.district_officer, report)
    with pytest.raises(PermissionDenied):
        content.unit_period(users.district_officer, tree.stc, MAY)


def test_units_late_with_their_reports(may, made_on, tree, users):
    with clock.at(clock.today().replace(day=19)):
        report_of(tree.stc, users.stc_officer, state=ReportState.SUBMITTED, submitted_at=clock.now())
    with clock.at(clock.today().replace(day=21)):
        report_of(tree.skhdt, users.stc_officer, state=ReportState.SUBMITTED, submitted_at=clock.now())
    c = content.compiled(users.office_leader, MAY)
    states = {s.unit: s.code for s in c.submissions}
    assert states == {tree.stc: "on_time", tree.skhdt: "late", tree.city: "missing"}
    assert {s.unit for s in c.late_units} == {tree.skhdt, tree.city}


def test_an_open_window_is_judged_as_of_today(tree, users):
    """On 10/05/2026 the May window (15/04–14/05) is still open: a task due 12/05 is within its deadline,
    not "overdue" as of a 14/05 that has not come (compiled report, unit figures and a report sent early)."""
    from tests.factories import register_tasks

    D = world.D
    task = register_tasks(users.office_clerk, tree.stc, deliver_on=D("2026-04-20"), deadline=D("2026-05-12"))[
        0
    ]
    with clock.at(D("2026-05-10")):
        c = content.compiled(users.office_leader, MAY)
        assert c.end == D("2026-05-10")
        assert c.total.count("not_started_within") == 1 and c.overdue == []
        figures = snapshot.unit_figures(tree.stc, START, END)
        assert figures["as_of"] == "2026-05-10" and figures["window"] == ["2026-04-15", "2026-05-14"]
        assert figures["row"]["counts"]["not_started_within"] == 1 and figures["overdue"] == []
        assert content.unit_period(users.stc_officer, tree.stc, MAY).end == D("2026-05-10")
    with clock.at(D("2026-05-20")):
        assert content.compiled(users.office_leader, MAY).overdue == [task]


def test_word_unit_report_number_typed_whole_and_an_undecided_extension(may, made_on, tree, users):
    report = report_of(tree.stc, users.stc_officer, state=ReportState.DRAFT, paper_number="123/BC-STC")
    text = world.all_text(docx_of(word.unit_docx(content.unit_report(users.stc_officer, report))))
    assert "Số: 123/BC-STC" in text and "BC-STC/BC-STC" not in text
    assert word.decision({"state": "submitted", "decision": ""}) == "Chưa quyết định (chờ lãnh đạo)"
    assert word.decision({"state": "accepted", "decided_on": "2026-05-12", "decision": "Gia hạn"}) == (
        "Đã chấp nhận ngày 12/05/2026: Gia hạn"
    )


def test_unit_report_page_title_names_the_period_once(may, made_on, tree, users, client):
    from django.urls import reverse

    report = report_of(tree.stc, users.stc_officer, state=ReportState.DRAFT)
    client.force_login(users.stc_officer)
    html = client.get(reverse("reporting:unit_report", args=[report.pk])).content.decode()
    assert "Báo cáo tháng 5 năm 2026 — " in html and "tháng tháng" not in html
