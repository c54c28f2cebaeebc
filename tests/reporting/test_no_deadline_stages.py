"""Tasks without a deadline have a stage but no timeliness (DOMAIN): the compiled report's unit table shows
them done / in progress / not started, in Word, in Excel and on the page, equal to an independent count;
a Word template edited from the old one (one "no deadline" column, r.no_deadline) still renders."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.factories import docx_bytes, register_tasks
from tests.reporting import test_exports_world as world
from tests.reporting import test_report_templates as templates
from tests.reporting.test_exports_world import END, START, D, docx_of, expected, table_after, xlsx_of

from vic.core import clock
from vic.reporting import content
from vic.reporting.exports import excel, word
from vic.reporting.figures import COLUMNS
from vic.reporting.periods import parse
from vic.tasks import actions
from vic.tasks.models import Schedule
from vic.tasks.status import NO_DEADLINE
from vic.units.models import Unit

may, made_on, admin_client = world.may, world.made_on, templates.admin_client
MAY = parse("monthly", "2026-05")


@pytest.fixture
def stages(may, tree, users, clerk):
    """Beside the May world's one not started (Thành phố): three of Sở Tài chính at each stage, one of Sở Kế
    hoạch done within the window, and one done before it (left out)."""

    def ongoing(unit, name):
        return register_tasks(clerk, unit, deliver_on=D("2026-03-02"), content=name, deadline=None,
                              schedule=Schedule.ONGOING)[0]  # fmt: skip

    started = ongoing(tree.stc, "Theo dõi đang làm")
    ongoing(tree.stc, "Theo dõi chưa làm")
    done = [ongoing(tree.stc, "Theo dõi xong"), ongoing(tree.skhdt, "Theo dõi xong SKHĐT")]
    early = ongoing(tree.stc, "Theo dõi xong trước kỳ")
    with clock.at(D("2026-04-20")):
        actions.record_progress(users.stc_officer, started, "Đang triển khai.")
    with clock.at(D("2026-05-20")):
        for task in done:
            actions.confirm_completion(clerk, task, completed_on=D("2026-05-05"))
        actions.confirm_completion(clerk, early, completed_on=D("2026-04-01"))
    want = expected(START, END)
    assert [want[tree.stc.pk][s] for s in NO_DEADLINE] == [1, 1, 1]
    assert [want[tree.skhdt.pk][s] for s in NO_DEADLINE] == [1, 0, 0]
    assert [want[tree.city.pk][s] for s in NO_DEADLINE] == [0, 0, 1]
    return want


def test_word_unit_table_has_the_three_stages(stages, made_on, users):
    doc = docx_of(word.compiled_docx(content.compiled(users.office_leader, MAY)))
    table = table_after(doc, "Bảng 1.")
    heads = [[c.text for c in r.cells] for r in table.rows[:2]]
    assert heads[0][9:12] == ["Không thời hạn"] * 3  # one heading over its three columns
    assert heads[1][9:12] == ["Hoàn thành", "Đang thực hiện", "Chưa thực hiện"]
    rows = [[c.text for c in r.cells] for r in table.rows[2:]]
    names = {u.name: u.pk for u in Unit.objects.all()}
    for r in rows[:-1]:
        assert r[9:12] == [str(stages[names[r[1]]][s]) for s in NO_DEADLINE], r[1]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][9:12] == ["2", "1", "2"]


def test_excel_unit_table_has_the_three_stages(stages, made_on, users):
    ws = xlsx_of(excel.compiled_xlsx(content.compiled(users.office_leader, MAY)))["Bảng 1 - Theo đơn vị"]
    assert [c.value for c in ws[3]][9:12] == [
        "Hoàn thành (không thời hạn)",
        "Đang thực hiện (không thời hạn)",
        "Chưa thực hiện (không thời hạn)",
    ]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    total = next(r for r in rows if r[1] == "Tổng cộng")
    for r in rows[: rows.index(total)]:
        counts = stages[Unit.objects.get(name=r[1]).pk]
        assert list(r[9:12]) == [counts[s] for s in NO_DEADLINE], r[1]
        assert r[2] == sum(counts.values())
    assert list(total[9:12]) == [2, 1, 2]


def test_the_page_shows_the_three_stages(stages, made_on, users, client, tree):
    client.force_login(users.office_leader)
    page = client.get(
        reverse("reporting:compiled"), {"kind": "monthly", "period": "2026-05"}
    ).content.decode()
    table = page[page.index('data-testid="unit-table"') :]
    for label in (
        "Hoàn thành (không thời hạn)",
        "Đang thực hiện (không thời hạn)",
        "Chưa thực hiện (không thời hạn)",
    ):
        assert f"<th>{label}</th>" in table
    stc = table[table.index(f"<td>{tree.stc.name}</td>") :].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in stc.split("<td>")[1:]]
    counts = stages[tree.stc.pk]
    assert cells[1:11] == [str(sum(counts.values())), *(str(counts[s]) for s in COLUMNS)]


def test_an_edited_template_keeps_its_no_deadline_column_and_may_show_the_stages(
    stages, made_on, users, admin_client, tree
):
    """r.no_deadline (the one column of templates edited before the stages) is still the sum."""
    old = "{% for r in units %}{{ r.name }}: {{ r.no_deadline }}; {% endfor %}{{ total.total }} {{ overdue|length }}"
    new = "{% for r in units %}{{ r.name }}: {{ r.done_no_deadline }}/{{ r.in_progress_no_deadline }}/"
    new += "{{ r.not_started_no_deadline }}; {% endfor %}"
    assert templates.upload(admin_client, "compiled", docx_bytes(old, new)).status_code == 302
    text = templates.compiled_text(users)
    # Sở Tài chính: 3 without a deadline, one at each stage; the May world's city: 1, not started.
    assert "Sở Tài chính: 3;" in text and f"{tree.city.name}: 1;" in text
    assert "Sở Tài chính: 1/1/1;" in text and f"{tree.city.name}: 0/0/1;" in text
