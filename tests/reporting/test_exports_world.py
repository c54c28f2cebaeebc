"""The May 2026 world of the export tests (window 15/04/2026–14/05/2026) and an independent count.

Imported by test_content, test_exports*, test_cli and test_compiled_page; holds fixtures, no tests.
`expected()` re-states the population rule (DOMAIN "Decisions") as a Python loop over every task with
`derive_status` as of the window's end, so the reports are checked against something not built on SQL.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest
from docx import Document
from openpyxl import load_workbook
from tests.factories import register_tasks

from vic.core import clock
from vic.tasks import actions
from vic.tasks.models import Schedule, SubmissionKind, Task
from vic.tasks.status import Status, derive_status, facts_of

D = datetime.date.fromisoformat
START, END = D("2026-04-15"), D("2026-05-14")
# The exports are made on 22/05/2026: after the units' due date (20/05), before the Office's (25/05).
MADE_ON = D("2026-05-22")


@dataclass
class MayWorld:
    tasks: dict[str, Task]
    left_out: list[str]


@pytest.fixture
def may(tree, users, leader) -> MayWorld:
    clerk = users.office_clerk
    t: dict[str, Task] = {}

    def one(name, unit, delivered, deadline, **fields):
        fields.setdefault("monitoring_department", tree.th)
        t[name] = register_tasks(
            clerk,
            unit,
            deliver_on=D(delivered),
            content=f"Nhiệm vụ {name} & kiểm tra",
            deadline=D(deadline) if deadline else None,
            **fields,
        )[0]

    one("done_on_time", tree.stc, "2026-03-02", "2026-04-30", assigning_leader=leader)
    one("done_late", tree.stc, "2026-03-02", "2026-04-20")
    one("in_progress_within", tree.stc, "2026-04-01", "2026-06-30")
    one("in_progress_overdue", tree.stc, "2026-03-02", "2026-05-10", assigning_leader=leader)
    one("not_started_within", tree.skhdt, "2026-04-20", "2026-05-31")
    one("not_started_overdue", tree.skhdt, "2026-03-02", "2026-04-25")
    one("no_deadline", tree.city, "2026-03-02", None, schedule=Schedule.ONGOING)
    one("key", tree.stc, "2026-04-16", "2026-06-30", is_key=True)
    one("done_after_end", tree.stc, "2026-03-02", "2026-05-10")  # done 16/05: overdue as of 14/05
    # Left out of the May report:
    one("done_before_start", tree.stc, "2026-03-02", "2026-04-10")
    one("withdrawn", tree.stc, "2026-03-02", "2026-05-30")
    one("returned", tree.tam_duong, "2026-03-02", "2026-05-30")
    one("delivered_after_end", tree.stc, "2026-05-20", "2026-06-30")
    stc = users.stc_officer
    with clock.at(D("2026-04-10")):
        actions.record_progress(stc, t["in_progress_overdue"], "Đã triển khai.")
    with clock.at(D("2026-04-20")):
        actions.record_progress(stc, t["in_progress_within"], "Đã xây dựng dự thảo.")
        actions.withdraw_task(clerk, t["withdrawn"], "Giao nhầm đơn vị.")
    with clock.at(D("2026-05-12")):
        actions.submit(
            stc, t["in_progress_overdue"], SubmissionKind.EXPLANATION, "Chờ ý kiến của Bộ Tài chính."
        )
    with clock.at(D("2026-04-25")):
        actions.submit(
            users.district_officer, t["returned"], SubmissionKind.RETURN, "Không thuộc thẩm quyền."
        )
    with clock.at(D("2026-05-20")):
        for name, day in (("done_on_time", "2026-04-28"), ("done_late", "2026-05-05"),
                          ("done_before_start", "2026-04-10"), ("done_after_end", "2026-05-16")):  # fmt: skip
            actions.confirm_completion(clerk, t[name], completed_on=D(day))
    for task in t.values():
        task.refresh_from_db()
    left_out = ["done_before_start", "withdrawn", "returned", "delivered_after_end"]
    return MayWorld(t, left_out)


@pytest.fixture
def made_on():
    with clock.at(MADE_ON):
        yield MADE_ON


def expected(start=START, end=END, qs=None) -> dict[int, Counter]:
    """{lead unit id: Counter(status)} by the rule written out again, one task at a time."""
    out: dict[int, Counter] = defaultdict(Counter)
    for task in qs if qs is not None else Task.objects.all():
        if task.delivered_on is None or task.delivered_on > end:
            continue
        if task.completed_on is not None and task.completed_on < start:
            continue
        status = derive_status(facts_of(task), end)
        if status in (Status.WITHDRAWN, Status.RETURNED, Status.DRAFT):
            continue
        out[task.lead_unit_id][status] += 1
    return out


def rate(c: Counter) -> float | None:
    due = sum(c[s] for s in (Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_PROGRESS_OVERDUE,
                             Status.NOT_STARTED_OVERDUE))  # fmt: skip
    # Half up, in integers (an independent face of figures.percent): 5/16 → 31.3.
    return (2000 * c[Status.DONE_ON_TIME] + due) // (2 * due) / 10 if due else None


def docx_of(data: bytes):
    return Document(io.BytesIO(data))


def xlsx_of(data: bytes):
    return load_workbook(io.BytesIO(data))


def table_after(doc, caption: str):
    """The Word table that follows the paragraph starting with `caption` ("Bảng 1.")."""
    body = doc.element.body
    found = False
    for el in body.iterchildren():
        if el.tag.endswith("}p") and "".join(el.itertext()).strip().startswith(caption):
            found = True
        elif found and el.tag.endswith("}tbl"):
            return next(t for t in doc.tables if t._tbl is el)
    raise AssertionError(f"no table after {caption!r}")


def all_text(doc) -> str:
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [c.text for c in row.cells]
    return "\n".join(lines)
