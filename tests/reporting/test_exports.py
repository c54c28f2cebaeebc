"""The numbers in the Word and Excel compiled report equal an independent count over the database."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx.shared import Mm
from tests.reporting import test_exports_world as world
from tests.reporting.test_exports_world import (
    END,
    all_text,
    docx_of,
    expected,
    rate,
    table_after,
    xlsx_of,
)

from vic.reporting import content
from vic.reporting.exports import excel, word
from vic.reporting.periods import parse
from vic.tasks.status import COLOURS, NO_DEADLINE, SIX, Status
from vic.units.models import Unit

# The shared fixtures, found by pytest under these names.
may, made_on = world.may, world.made_on
MAY = parse("monthly", "2026-05")


def fmt(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


@pytest.fixture
def compiled(may, made_on, users):
    return content.compiled(users.office_leader, MAY)


def test_population_leaves_out_what_the_rule_leaves_out(may, compiled):
    counted = {t.pk for t in compiled.tasks}
    assert {may.tasks[n].pk for n in may.left_out}.isdisjoint(counted)
    assert counted == {t.pk for n, t in may.tasks.items() if n not in may.left_out}
    assert compiled.total.total == sum(sum(c.values()) for c in expected().values()) == 9
    assert compiled.total.count(Status.IN_PROGRESS_OVERDUE) == 1
    assert compiled.total.count(Status.NOT_STARTED_OVERDUE) == 2  # done on 16/05 is overdue on 14/05


def test_word_unit_table_equals_independent_count(may, compiled):
    doc = docx_of(word.compiled_docx(compiled))
    table = table_after(doc, "Bảng 1.")
    want = expected()
    names = {u.name: u.pk for u in Unit.objects.all()}
    rows = [[c.text.strip() for c in r.cells] for r in table.rows[2:]]
    body, total = rows[:-1], rows[-1]
    assert {r[1] for r in body} == {Unit.objects.get(pk=pk).name for pk in want}
    for r in body:
        counts = want[names[r[1]]]
        assert r[2] == str(sum(counts.values()))
        assert r[3:9] == [str(counts[s]) for s in SIX]
        assert r[9:12] == [str(counts[s]) for s in NO_DEADLINE]
        assert r[12] == fmt(rate(counts))
    everything = sum(want.values(), start=__import__("collections").Counter())
    assert total[1] == "Tổng cộng"
    assert total[2:9] == [str(sum(everything.values())), *(str(everything[s]) for s in SIX)]
    # 1 on time ÷ (1 on time + 1 late + 1 in progress overdue + 2 not started overdue) = 20,0 %
    assert total[12] == fmt(rate(everything)) == "20,0"


def test_word_lists_overdue_with_reasons_and_key_tasks(may, compiled):
    doc = docx_of(word.compiled_docx(compiled))
    overdue = [[c.text for c in r.cells] for r in table_after(doc, "Bảng 3.").rows[1:]]
    contents = {r[1].split(" (")[0] for r in overdue}
    names = ("in_progress_overdue", "not_started_overdue", "done_after_end")
    assert contents == {f"Nhiệm vụ {n} & kiểm tra" for n in names}
    late = next(r for r in overdue if "in_progress_overdue" in r[1])
    # Written 10/05/2026, a Sunday: in force Monday 11/05, so 3 calendar days overdue on 14/05.
    assert late[3] == "10/05/2026\n(tính đến 11/05/2026)" and late[4] == "3"
    assert late[4] == str((END - may.tasks["in_progress_overdue"].effective_deadline).days)
    assert late[5] == "Chờ ý kiến của Bộ Tài chính."
    key = [[c.text for c in r.cells] for r in table_after(doc, "Bảng 2.").rows[1:]]
    assert [r[4] for r in key] == ["Chưa thực hiện trong hạn"] and "Nhiệm vụ key" in key[0][1]
    sent = [[c.text for c in r.cells] for r in table_after(doc, "Bảng 4.").rows[1:]]
    assert {r[4] for r in sent} == {"Chưa gửi"} and {r[2] for r in sent} == {"20/05/2026"}


def test_word_is_a_decree_30_report(compiled):
    doc = docx_of(word.compiled_docx(compiled))
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert section.left_margin >= Mm(30) - Mm(0.1) and section.top_margin >= Mm(20) - Mm(0.1)
    text = all_text(doc)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "VĂN PHÒNG",
                 "/BC-VP", "ngày 22 tháng 5 năm 2026", "BÁO CÁO", "tháng 5 năm 2026", "Nơi nhận:",
                 "KT. CHÁNH VĂN PHÒNG", "từ ngày 15/04/2026 đến ngày 14/05/2026"):  # fmt: skip
        assert line in text, line
    captions = [p.text for p in doc.paragraphs if p.text.startswith("Bảng ")]
    assert [c.split(".")[0] for c in captions] == ["Bảng 1", "Bảng 2", "Bảng 3", "Bảng 4"]


def test_excel_equals_independent_count(may, compiled):
    wb = xlsx_of(excel.compiled_xlsx(compiled))
    ws = wb["Bảng 1 - Theo đơn vị"]
    assert ws.freeze_panes == "A4"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows) == (
        "landscape",
        9,
        "$3:$3",
    )
    header = [c.value for c in ws[3]]
    assert header[3:9] == [str(s.label) for s in SIX] and ws["A3"].font.b
    assert ws.cell(3, 4).fill.fgColor.rgb.endswith(COLOURS[Status.DONE_ON_TIME].lstrip("#").upper())
    want = expected()
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    total = next(r for r in rows if r[1] == "Tổng cộng")
    body = rows[: rows.index(total)]
    for r in body:
        counts = want[Unit.objects.get(name=r[1]).pk]
        assert list(r[2:12]) == [
            sum(counts.values()),
            *(counts[s] for s in SIX),
            *(counts[s] for s in NO_DEADLINE),
        ]
        assert r[14] == (rate(counts) if rate(counts) is not None else "—")
    assert total[2] == 9 and total[14] == 20.0  # values, not formulas
    formulas = rows[rows.index(total) + 1]
    assert str(formulas[2]).startswith("=SUM(")
    tasks = wb["Danh sách nhiệm vụ"]
    listed = list(tasks.iter_rows(min_row=4, values_only=True))
    counted = {f"Nhiệm vụ {n} & kiểm tra" for n in may.tasks if n not in may.left_out}
    assert {r[1] for r in listed} == counted
    deadline = tasks.cell(4, 5)
    assert deadline.number_format.upper() == "DD/MM/YYYY" and deadline.value.year == 2026
    late = wb["Bảng 3 - Quá hạn"]
    assert {r[1] for r in late.iter_rows(min_row=4, values_only=True)} == {
        f"Nhiệm vụ {n} & kiểm tra" for n in ("in_progress_overdue", "not_started_overdue", "done_after_end")
    }


def test_a_unit_sees_only_its_tasks(may, made_on, users, tree):
    c = content.compiled(users.stc_officer, MAY)
    assert [line.unit for line in c.units] == [tree.stc]
    assert c.total.total == sum(expected(qs=may_tasks_of(tree.stc)).get(tree.stc.pk, {}).values())


def may_tasks_of(unit):
    from vic.tasks.models import Task

    return Task.objects.filter(lead_unit=unit)


def test_filters_key_only_and_leader(may, made_on, users, leader):
    key = content.compiled(users.office_leader, MAY, content.Filters(key_only=True))
    assert key.total.total == 1
    by_leader = content.compiled(users.office_leader, MAY, content.Filters(leader=leader.pk))
    assert by_leader.total.total == 2 and by_leader.total.on_time_rate == 50.0
    doc = docx_of(word.compiled_docx(by_leader))
    assert "lãnh đạo giao:" in all_text(doc)


def test_adhoc_report_has_no_submission_table(may, made_on, users):
    c = content.compiled(users.office_leader, parse("adhoc", "2026-04-15..2026-05-14"))
    assert c.submissions is None and c.total.total == 9
    doc = docx_of(word.compiled_docx(c))
    assert [p.text.split(".")[0] for p in doc.paragraphs if p.text.startswith("Bảng ")] == [
        "Bảng 1", "Bảng 2", "Bảng 3"]  # fmt: skip
    assert "III. ĐÁNH GIÁ CHUNG" in all_text(doc)


def test_docx_converts_with_libreoffice(compiled, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) không có trên máy này: bỏ qua bước chuyển sang PDF.")
    src = tmp_path / "bao-cao.docx"
    src.write_bytes(word.compiled_docx(compiled))
    subprocess.run(  # noqa: S603 (our own arguments)
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],  # fmt: skip
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_a_long_overdue_list_is_cut_in_word_and_on_screen_but_whole_in_excel(may, made_on, users, settings):
    """VIC_REPORT_LIST_LIMIT: the signed Word file lists the most overdue first and says how many more; the
    Excel file lists every one (3 overdue in the May window, limit 2)."""
    settings.VIC_REPORT_LIST_LIMIT = 2
    c = content.compiled(users.office_leader, MAY)
    assert (len(c.overdue), c.overdue_total) == (2, 3)
    rows = [
        [cell.text for cell in r.cells]
        for r in table_after(docx_of(word.compiled_docx(c)), "Bảng 3.").rows[1:]
    ]
    assert len(rows) == 3 and rows[-1][1] == (
        "… và 1 nhiệm vụ khác (tổng số 3); danh sách đầy đủ trong tệp Excel kèm theo."
    )
    late = xlsx_of(excel.compiled_xlsx(c))["Bảng 3 - Quá hạn"]
    assert len(list(late.iter_rows(min_row=4, values_only=True))) == 3


def test_units_outside_the_province_owe_no_report(may, made_on, users):
    """A ministry leading a task is in the tables but not among the units late with their reports: the
    compiled report and the report calendar give one answer to "who owes a report"."""
    from tests.factories import register_tasks

    from vic.reporting.obligations import expected_units
    from vic.reporting.periods import window_in_force
    from vic.units.models import UnitKind

    ministry = Unit.objects.create(name="Bộ Xây dựng", code="bo-xd", kind=UnitKind.EXTERNAL)
    register_tasks(users.office_clerk, ministry, deliver_on=world.START, deadline=END)
    c = content.compiled(users.office_leader, MAY)
    assert ministry in [line.unit for line in c.units]
    owing = {s.unit for s in c.submissions}
    assert ministry not in owing and owing == set(expected_units(window_in_force(MAY)))
