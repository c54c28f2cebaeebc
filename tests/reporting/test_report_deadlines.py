"""The reports' "Thời hạn" is the date the directive wrote (in force), with the working day it counts to
when that is a day off, and the first deadline when an extension moved it: the same in Word, Excel and on
the report pages. Days overdue still count from the working day (ADR 0008)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from tests.factories import register_tasks
from tests.reporting.test_exports_world import docx_of, table_after, xlsx_of

from vic.core import clock
from vic.reporting import actions as report_actions
from vic.reporting import content
from vic.reporting.exports import build, excel, word
from vic.reporting.periods import parse
from vic.tasks import actions
from vic.tasks.models import SubmissionKind

D = datetime.date.fromisoformat
MAY = parse("monthly", "2026-05")  # 15/04–14/05/2026
END, MADE_ON = D("2026-05-14"), D("2026-05-22")
# 28/02/2026 is a Saturday: in force Monday 02/03/2026.
SATURDAY = "28/02/2026 (tính đến 02/03/2026)"
# Written 10/04/2026, extended to Saturday 09/05/2026: counted from Monday 11/05/2026.
EXTENDED = "09/05/2026 (tính đến 11/05/2026; thời hạn ban đầu 10/04/2026)"


@pytest.fixture
def dated(tree, clerk, users, leader):
    saturday = register_tasks(clerk, tree.stc, content="Việc hạn thứ Bảy", deadline=D("2026-02-28"),
                              deliver_on=D("2026-01-05"), is_key=True)[0]  # fmt: skip
    extended = register_tasks(clerk, tree.stc, content="Việc được gia hạn", deadline=D("2026-04-10"),
                              deliver_on=D("2026-03-02"), assigning_leader=leader)[0]  # fmt: skip
    plain = register_tasks(clerk, tree.stc, content="Việc hạn thứ Sáu", deadline=D("2026-05-29"),
                           deliver_on=D("2026-04-20"), is_key=True)[0]  # fmt: skip
    with clock.at(D("2026-04-08")):
        actions.submit(users.stc_officer, extended, SubmissionKind.EXTENSION, "Chờ số liệu",
                       proposed_deadline=D("2026-05-09"))  # fmt: skip
        actions.decide_extension(users.provincial_leader, extended, approve=True, note="Đồng ý")
    for task in (saturday, extended, plain):
        task.refresh_from_db()
    assert (extended.original_deadline, extended.deadline, extended.effective_deadline) == (
        D("2026-04-10"), D("2026-05-09"), D("2026-05-11"))  # fmt: skip
    assert saturday.effective_deadline == D("2026-03-02")
    return saturday, extended, plain


def rows_of(table) -> dict[str, list[str]]:
    """Word table rows by the content's first words."""
    return {r.cells[1].text.split(" (")[0]: [c.text for c in r.cells] for r in table.rows[1:]}


def test_word_compiled_report(dated, users):
    with clock.at(MADE_ON):
        doc = docx_of(word.compiled_docx(content.compiled(users.office_leader, MAY)))
    late = rows_of(table_after(doc, "Bảng 3."))
    # The bracket goes to its own line in the narrow column.
    assert late["Việc hạn thứ Bảy"][3] == SATURDAY.replace(" (", "\n(")
    assert late["Việc hạn thứ Bảy"][4] == str((END - D("2026-03-02")).days) == "73"
    assert late["Việc được gia hạn"][3] == EXTENDED.replace(" (", "\n(")
    assert late["Việc được gia hạn"][4] == "3"
    key = rows_of(table_after(doc, "Bảng 2."))
    assert key["Việc hạn thứ Bảy"][3] == SATURDAY.replace(" (", "\n(")
    assert key["Việc hạn thứ Sáu"][3] == "29/05/2026"


def _by_content(ws) -> dict:
    return {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}


def test_excel_compiled_report_and_task_list(dated, users):
    with clock.at(MADE_ON):
        wb = xlsx_of(excel.compiled_xlsx(content.compiled(users.office_leader, MAY)))
    for sheet in ("Bảng 3 - Quá hạn", "Danh sách nhiệm vụ"):
        ws = wb[sheet]
        assert [c.value for c in ws[3]][4:6] == ["Thời hạn", "Ghi chú thời hạn"]
        rows = _by_content(ws)
        assert rows["Việc hạn thứ Bảy"][4:6] == (datetime.datetime(2026, 2, 28), "tính đến 02/03/2026")
        assert rows["Việc được gia hạn"][4:6] == (
            datetime.datetime(2026, 5, 9),
            "tính đến 11/05/2026; thời hạn ban đầu 10/04/2026",
        )
    assert _by_content(wb["Bảng 3 - Quá hạn"])["Việc hạn thứ Bảy"][6] == 73
    assert _by_content(wb["Bảng 2 - Trọng tâm"])["Việc hạn thứ Sáu"][4:6] == (
        datetime.datetime(2026, 5, 29),
        None,
    )


def test_the_task_list_export(dated, users):
    with clock.at(MADE_ON):
        c = build.load(users.office_clerk, {"report": "task_list", "query": ""})
        (file,), failed = build.render(c, ["xlsx"])
    rows = _by_content(xlsx_of(file.data)["Danh sách nhiệm vụ"])
    assert rows["Việc hạn thứ Bảy"][5:8] == (datetime.datetime(2026, 2, 28), "tính đến 02/03/2026", 81)
    assert failed == []


def test_a_units_report_in_word_excel_and_on_its_page(dated, users, tree, client):
    with clock.at(MADE_ON):
        unit = content.unit_period(users.stc_officer, tree.stc, MAY)
        late = rows_of(table_after(docx_of(word.unit_docx(unit)), "Bảng 2."))
        assert late["Việc hạn thứ Bảy"][2] == SATURDAY.replace(" (", "\n(")
        assert late["Việc được gia hạn"][2] == EXTENDED.replace(" (", "\n(")
        rows = _by_content(xlsx_of(excel.unit_xlsx(unit))["Bảng 2 - Quá hạn"])
        assert rows["Việc hạn thứ Bảy"][3:6] == (datetime.datetime(2026, 2, 28), "tính đến 02/03/2026", 73)
        report = report_actions.open_report(users.stc_officer, tree.stc, MAY)
        client.force_login(users.stc_officer)
        page = client.get(reverse("reporting:unit_report", args=[report.pk])).content.decode()
    overdue = page[page.index('data-testid="overdue"') :]
    assert f"<td>{SATURDAY}</td>" in overdue and f"<td>{EXTENDED}</td>" in overdue


def test_a_sent_reports_frozen_figures_keep_the_written_date(dated, users, tree):
    """What the head sends is frozen with the written dates; a report frozen before they were kept shows
    its rolled date as it was sent."""
    from tests.factories import UserFactory

    head = UserFactory(username="gd_stc", unit_head=True, unit=tree.stc)
    with clock.at(D("2026-05-19")):
        report = report_actions.open_report(users.stc_officer, tree.stc, MAY)
        report = report_actions.approve_and_submit(head, report)
    frozen = next(t for t in report.figures["overdue"] if t["content"] == "Việc hạn thứ Bảy")
    assert (frozen["deadline"], frozen["written"]) == ("2026-03-02", "2026-02-28")
    with clock.at(MADE_ON):
        sent = content.unit_report(users.stc_officer, report)
        assert rows_of(table_after(docx_of(word.unit_docx(sent)), "Bảng 2."))["Việc hạn thứ Bảy"][2] == (
            SATURDAY.replace(" (", "\n(")
        )
        for row in report.figures["overdue"]:
            del row["written"], row["original"]
        old = content.unit_report(users.stc_officer, report)
        assert (
            rows_of(table_after(docx_of(word.unit_docx(old)), "Bảng 2."))["Việc hạn thứ Bảy"][2]
            == "02/03/2026"
        )


def test_the_dashboards_overdue_list(dated, users, client):
    client.force_login(users.office_leader)
    with clock.at(MADE_ON):
        page = client.get("/bao-cao/tong-quan/").content.decode()
    listed = page[page.index('data-testid="most-overdue"') :]
    assert f"<td>{SATURDAY}</td>" in listed
