"""Task pages as users meet them: the list and its filters, editing, withdrawing, progress, confirmation,
late registrations and the dashboard tiles. Today is Monday 02/03/2026 (tests/web/conftest.py)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from tests.factories import DirectiveFactory, LeaderFactory, register_tasks
from tests.web.helpers import flat, form_fields, messages_of, task_links, text_of

from vic.core import clock
from vic.tasks import actions
from vic.tasks.models import EventKind, Task, TaskEvent
from vic.tasks.status import Status
from vic.units.models import LeaderPosition

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

BAD_DATE = "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 23/05/2026)."


@dataclass
class Listed:
    overdue: Task  # STC, deadline Fri 20/02 (Tết: runs to Mon 23/02), never started: not started, overdue
    progress_overdue: Task  # SKHĐT, deadline Wed 25/02, progress on 10/02: in progress, overdue
    soon: Task  # STC, deadline Fri 06/03 (within 5 working days), key task
    later: Task  # TP Lai Châu with STC coordinating, deadline Thu 30/04 (holiday: runs to Mon 04/05)
    done: Task  # STNMT, deadline 27/02, confirmed done 26/02
    draft: Task  # STC, deadline 31/03, not delivered
    d846: object
    d120: object
    d77: object
    leader_a: object
    leader_b: object

    def all(self) -> list[Task]:
        return [self.overdue, self.progress_overdue, self.soon, self.later, self.done, self.draft]


@pytest.fixture
def listed(clerk, users, tree, leader) -> Listed:
    leader_b = LeaderFactory(name="[Phó Chủ tịch B]", position=LeaderPosition.VICE_CHAIRMAN)
    d846 = DirectiveFactory(number="846", symbol="UBND-TH", abstract="Về quyết toán ngân sách")
    d120 = DirectiveFactory(number="120", symbol="UBND-KT", abstract="Về quy hoạch")
    d77 = DirectiveFactory(number="77", symbol="KH-UBND", abstract="Về phát triển du lịch")
    delivered = D("2026-01-06")
    (overdue,) = register_tasks(
        clerk,
        tree.stc,
        directive=d846,
        content="Báo cáo quyết toán ngân sách năm 2025",
        deadline=D("2026-02-20"),
        monitoring_department=tree.th,
        monitoring_officers=[users.monitoring_officer],
        assigning_leader=leader,
        deliver_on=delivered,
    )
    (soon,) = register_tasks(
        clerk,
        tree.stc,
        directive=d846,
        content="Rà soát các khoản nợ đọng xây dựng cơ bản",
        deadline=D("2026-03-06"),
        is_key=True,
        monitoring_department=tree.th,
        deliver_on=delivered,
    )
    (progress_overdue,) = register_tasks(
        clerk,
        tree.skhdt,
        directive=d120,
        content="Hoàn thiện hồ sơ điều chỉnh quy hoạch tỉnh",
        deadline=D("2026-02-25"),
        assigning_leader=leader_b,
        deliver_on=delivered,
    )
    with clock.at(D("2026-02-10")):
        actions.record_progress(clerk, progress_overdue, "Đã lấy ý kiến các sở")
    (done,) = register_tasks(
        clerk,
        tree.stnmt,
        directive=d120,
        content="Kiểm kê đất đai",
        deadline=D("2026-02-27"),
        deliver_on=delivered,
    )
    with clock.at(D("2026-02-26")):
        actions.confirm_completion(clerk, done)
    (later,) = register_tasks(
        clerk,
        tree.city,
        directive=d77,
        content="Xây dựng đề án phát triển du lịch cộng đồng",
        coordinating_units=[tree.stc],
        deadline=D("2026-04-30"),
        assigning_leader=leader,
        deliver_on=delivered,
    )
    (draft,) = register_tasks(
        clerk, tree.stc, directive=d77, content="Khảo sát điểm du lịch mới", deadline=D("2026-03-31")
    )
    world = Listed(overdue, progress_overdue, soon, later, done, draft, d846, d120, d77, leader, leader_b)
    for task in world.all():
        task.refresh_from_db()
    return world


def listed_ids(client, params: dict | None = None) -> list[int]:
    response = client.get(reverse("tasks:list"), params or {})
    assert response.status_code == 200
    return task_links(response.content.decode())


def count_shown(html: str) -> int:
    return int(re.search(r'data-testid="result-count">(\d+) nhiệm vụ<', html).group(1))


# ---------------------------------------------------------------------------------------------------
# The list: filters return exactly the expected tasks
# ---------------------------------------------------------------------------------------------------


def test_the_world_has_the_statuses_it_claims(listed, today):
    assert [t.status(today) for t in listed.all()] == [
        Status.NOT_STARTED_OVERDUE,
        Status.IN_PROGRESS_OVERDUE,
        Status.NOT_STARTED_WITHIN,
        Status.NOT_STARTED_WITHIN,
        Status.DONE_ON_TIME,
        Status.DRAFT,
    ]
    assert listed.later.effective_deadline == D("2026-05-04")


FILTERS = [
    ("unit=stc", lambda w, t: {"unit": t.stc.pk}, ["overdue", "soon", "draft"]),
    ("status", lambda w, t: {"status": "not_started_overdue"}, ["overdue"]),
    ("status-in-progress", lambda w, t: {"status": "in_progress_overdue"}, ["progress_overdue"]),
    (
        "deadline range",
        lambda w, t: {"deadline_from": "01/03/2026", "deadline_to": "31/03/2026"},
        ["soon", "draft"],
    ),
    ("deadline to", lambda w, t: {"deadline_to": "25/02/2026"}, ["overdue", "progress_overdue"]),
    ("effective deadline", lambda w, t: {"deadline_from": "01/05/2026"}, ["later"]),
    ("leader", lambda w, t: {"leader": w.leader_a.pk}, ["overdue", "later"]),
    ("officer", lambda w, t: {"officer": w.overdue.monitoring_officers.get().pk}, ["overdue"]),
    ("directive", lambda w, t: {"directive": w.d846.pk}, ["overdue", "soon"]),
    ("is_key", lambda w, t: {"is_key": "on"}, ["soon"]),
    ("q with diacritics", lambda w, t: {"q": "du lịch cộng đồng"}, ["later"]),
    ("q without diacritics", lambda w, t: {"q": "DU LICH cong dong"}, ["later"]),
    ("q unit name", lambda w, t: {"q": "so tai chinh"}, ["overdue", "soon", "later", "draft"]),
    ("q reference", lambda w, t: {"q": "846/UBND-TH"}, ["overdue", "soon"]),
    ("q two words", lambda w, t: {"q": "quyết toán 2025"}, ["overdue"]),
    ("scope due_soon", lambda w, t: {"scope": "due_soon"}, ["soon"]),
    ("scope overdue", lambda w, t: {"scope": "overdue"}, ["overdue", "progress_overdue"]),
    ("scope draft", lambda w, t: {"scope": "draft"}, ["draft"]),
    ("combined", lambda w, t: {"unit": t.stc.pk, "scope": "overdue"}, ["overdue"]),
]


@pytest.mark.parametrize(("params", "expected"), [f[1:] for f in FILTERS], ids=[f[0] for f in FILTERS])
def test_office_list_filters(client, clerk, tree, listed, params, expected):
    client.force_login(clerk)
    ids = listed_ids(client, params(listed, tree))
    assert sorted(ids) == sorted(getattr(listed, name).pk for name in expected)


UNIT_SCOPES = [
    ("all", {}, ["overdue", "soon", "later"]),
    ("lead", {"scope": "lead"}, ["overdue", "soon"]),
    ("coordinate", {"scope": "coordinate"}, ["later"]),
    ("overdue", {"scope": "overdue"}, ["overdue"]),
    ("due_soon", {"scope": "due_soon"}, ["soon"]),
    ("draft", {"scope": "draft"}, []),  # a unit never sees undelivered tasks
]


@pytest.mark.parametrize(
    ("params", "expected"), [s[1:] for s in UNIT_SCOPES], ids=[s[0] for s in UNIT_SCOPES]
)
def test_unit_list_scopes(client, users, listed, params, expected):
    client.force_login(users.stc_officer)
    assert sorted(listed_ids(client, params)) == sorted(getattr(listed, name).pk for name in expected)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"deadline_from": "31/02/2026"}, BAD_DATE),
        ({"deadline_to": "2026-13-01"}, BAD_DATE),
        (
            {"deadline_from": "10/03/2026", "deadline_to": "01/03/2026"},
            "“Hạn đến ngày” phải sau “Hạn từ ngày”.",
        ),
        ({"unit": "999999"}, "Lựa chọn này không có trong danh sách chọn; hãy chọn lại."),
    ],
    ids=["31/02", "month-13", "reversed-range", "unknown-unit"],
)
def test_invalid_filter_shows_its_error_and_no_rows(client, clerk, listed, params, message):
    client.force_login(clerk)
    response = client.get(reverse("tasks:list"), params)
    html = response.content.decode()
    assert message in text_of(html)
    assert task_links(html) == []
    assert count_shown(html) == 0
    assert "Không có nhiệm vụ nào." in html


def test_default_order_puts_overdue_first_then_by_effective_deadline(client, clerk, listed):
    client.force_login(clerk)
    html = client.get(reverse("tasks:list")).content.decode()
    w = listed
    expected = [w.overdue, w.progress_overdue, w.done, w.soon, w.draft, w.later]
    assert task_links(html) == [t.pk for t in expected]
    assert count_shown(html) == 6
    # What the rows say about their deadlines.
    text = text_of(html)
    assert "30/04/2026 tính đến 04/05/2026" in text
    assert "20/02/2026 tính đến 23/02/2026 quá hạn 7 ngày" in text  # Tết 2026 ran to Fri 20/02
    assert "06/03/2026 Sắp đến hạn còn 4 ngày" in text


def test_overdue_first_holds_across_pages(client, clerk, tree, listed, settings):
    """51 tasks due earlier but not overdue do not push the overdue ones off page 1."""
    register_tasks(
        clerk,
        [tree.city, tree.tam_duong, tree.stnmt],
        deadline=D("2026-03-03"),
        deliver_on=D("2026-01-06"),
    )
    client.force_login(clerk)
    ids = listed_ids(client)
    assert ids[:2] == [listed.overdue.pk, listed.progress_overdue.pk]


def test_page_two_keeps_the_filters(client, clerk, tree):
    for _ in range(11):
        register_tasks(
            clerk, [tree.stc, tree.skhdt, tree.stnmt, tree.city, tree.tam_duong], deliver_on=D("2026-01-06")
        )
    client.force_login(clerk)
    first = client.get(reverse("tasks:list"), {"unit": tree.stc.pk}).content.decode()
    assert count_shown(first) == 11
    everything = client.get(reverse("tasks:list")).content.decode()
    assert count_shown(everything) == 55
    assert len(task_links(everything)) == 50
    second = client.get(reverse("tasks:list"), {"page": 2}).content.decode()
    assert len(task_links(second)) == 5
    assert set(task_links(second)).isdisjoint(task_links(everything))


# ---------------------------------------------------------------------------------------------------
# Editing: journaled in Vietnamese, conflicts keep the user's input, groups, the arose-on rule
# ---------------------------------------------------------------------------------------------------


def open_edit(client, task) -> dict:
    response = client.get(reverse("tasks:edit", args=[task.pk]))
    assert response.status_code == 200
    return flat(form_fields(response.content.decode(), value="task-edit-form"))


def test_the_edit_form_shows_the_task_as_it_is(client, clerk, listed):
    client.force_login(clerk)
    fields = open_edit(client, listed.overdue)
    assert fields["content"] == "Báo cáo quyết toán ngân sách năm 2025"
    assert fields["deadline"] == "20/02/2026"
    assert fields["arose_on"] == "05/01/2026"
    assert fields["lead_unit"] == str(listed.overdue.lead_unit_id)
    assert fields["monitoring_officers"] == str(listed.overdue.monitoring_officers.get().pk)
    assert fields["version"] == str(listed.overdue.version)


def test_an_edit_is_journaled_with_vietnamese_labels_and_dates(client, clerk, listed):
    task = listed.soon
    client.force_login(clerk)
    fields = open_edit(client, task)
    fields.update(deadline="23/03/2026", urgency="urgent", note="Theo đề nghị của Sở Tài chính")

    response = client.post(reverse("tasks:edit", args=[task.pk]), fields)

    assert response.status_code == 302
    assert response["Location"] == reverse("tasks:detail", args=[task.pk])
    assert messages_of(response) == ["Đã lưu thay đổi của nhiệm vụ."]
    task.refresh_from_db()
    assert (task.deadline, task.effective_deadline) == (D("2026-03-23"), D("2026-03-23"))
    assert task.original_deadline == D("2026-03-06")  # delivered: the date as first written stays
    event = task.events.get(kind=EventKind.EDITED)
    assert event.changes == {"deadline": ["2026-03-06", "2026-03-23"], "urgency": ["normal", "urgent"]}
    page = text_of(client.get(response["Location"]).content.decode())
    assert f"Sửa nhiệm vụ — {clerk}, 02/03/2026 09:00" in page
    assert "Theo đề nghị của Sở Tài chính" in page
    assert "thời hạn: “06/03/2026” → “23/03/2026”" in page
    assert "Thời hạn ban đầu: 06/03/2026" in page


def test_choice_changes_are_journaled_with_their_vietnamese_labels(client, clerk, listed):
    task = listed.soon
    client.force_login(clerk)
    fields = open_edit(client, task)
    fields.update(urgency="urgent", schedule="ongoing", deadline="", deadline_kind="report_by")
    assert client.post(reverse("tasks:edit", args=[task.pk]), fields).status_code == 302
    page = text_of(client.get(reverse("tasks:detail", args=[task.pk])).content.decode())
    assert "độ khẩn: “Thường” → “Đột xuất, khẩn”" in page
    assert "loại thời hạn: “Có thời hạn” → “Thường xuyên”" in page
    assert "tính chất thời hạn: “Thời hạn hoàn thành” → “Thời hạn báo cáo”" in page
    assert "normal" not in page and "ongoing" not in page


def test_unit_and_leader_changes_are_journaled_by_name(client, clerk, tree, listed):
    task = listed.soon
    client.force_login(clerk)
    fields = open_edit(client, task)
    fields.update(
        lead_unit=str(tree.skhdt.pk),
        assigning_leader=str(listed.leader_b.pk),
        monitoring_department=str(tree.kt.pk),
    )
    assert client.post(reverse("tasks:edit", args=[task.pk]), fields).status_code == 302
    page = text_of(client.get(reverse("tasks:detail", args=[task.pk])).content.decode())
    assert "đơn vị chủ trì: “Sở Tài chính” → “Sở Kế hoạch và Đầu tư”" in page
    assert "lãnh đạo giao: (trống) → “Phó Chủ tịch UBND tỉnh [Phó Chủ tịch B]”" in page
    assert "phòng theo dõi: “Phòng Tổng hợp” → “Phòng Kinh tế”" in page


def test_inbox_shows_the_units_open_tasks_as_lead_and_as_coordinator(client, users, listed):
    client.force_login(users.stc_officer)
    html = client.get(reverse("tasks:inbox")).content.decode()
    lead = html.split('data-testid="inbox-lead"')[1].split('data-testid="inbox-coordinate"')[0]
    coordinate = html.split('data-testid="inbox-coordinate"')[1]
    assert sorted(task_links(lead)) == sorted([listed.overdue.pk, listed.soon.pk])
    assert task_links(coordinate) == [listed.later.pk]


def test_the_inbox_puts_what_the_unit_has_not_acknowledged_first_then_what_is_overdue(client, users, listed):
    """Both of STC's tasks were delivered the same day; `soon` is not acknowledged, `overdue` is."""
    actions.acknowledge(users.stc_officer, listed.overdue)
    client.force_login(users.stc_officer)
    html = client.get(reverse("tasks:inbox")).content.decode()
    lead = html.split('data-testid="inbox-lead"')[1].split('data-testid="inbox-coordinate"')[0]
    assert task_links(lead) == [listed.soon.pk, listed.overdue.pk]
    assert lead.count('data-testid="not-received"') == 1
    coordinate = html.split('data-testid="inbox-coordinate"')[1]
    assert 'data-testid="not-received"' in coordinate  # STC has not acknowledged its share yet
    actions.acknowledge(users.stc_officer, listed.later)
    html = client.get(reverse("tasks:inbox")).content.decode()
    assert 'data-testid="not-received"' not in html.split('data-testid="inbox-coordinate"')[1]


def test_a_stale_form_shows_the_conflict_keeps_the_input_and_saves_on_second_post(
    client, clerk, users, listed
):
    task = listed.soon
    client.force_login(clerk)
    mine = open_edit(client, task)
    # Meanwhile the Office's leader moves the deadline.
    actions.update_task(
        users.office_leader,
        task,
        {"deadline": D("2026-03-13")},
        expected_version=task.version,
        note="Gia hạn",
    )
    mine.update(content="Rà soát, xử lý dứt điểm nợ đọng xây dựng cơ bản", note="Sửa nội dung")

    response = client.post(reverse("tasks:edit", args=[task.pk]), mine)

    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert (
        f"Nhiệm vụ đã được {users.office_leader} sửa lúc 02/03/2026 09:00, sau khi bạn mở trang. Thay đổi mới "
        "được hiển thị bên dưới; những gì bạn nhập vẫn còn trên trang — kiểm tra lại rồi bấm Lưu: chỉ các mục "
        "bạn sửa được ghi, thay đổi của người khác ở các mục còn lại được giữ."
    ) in text
    assert "thời hạn: “06/03/2026” → “13/03/2026”" in text  # the other person's change
    again = flat(form_fields(html, value="task-edit-form"))
    assert again["content"] == "Rà soát, xử lý dứt điểm nợ đọng xây dựng cơ bản"
    assert again["note"] == "Sửa nội dung"
    task.refresh_from_db()
    assert task.content == "Rà soát các khoản nợ đọng xây dựng cơ bản"  # nothing of mine saved yet
    assert again["version"] == str(task.version)

    saved = client.post(reverse("tasks:edit", args=[task.pk]), again)

    assert saved.status_code == 302
    task.refresh_from_db()
    assert task.content == "Rà soát, xử lý dứt điểm nợ đọng xây dựng cơ bản"
    # Only what this user changed is written: the leader's new deadline, untouched here, is kept.
    assert task.deadline == D("2026-03-13")
    assert task.events.filter(kind=EventKind.EDITED).count() == 2


def test_whole_group_edits_every_task_of_the_group(client, clerk, tree):
    tasks = register_tasks(
        clerk, [tree.stc, tree.skhdt, tree.city], deadline=D("2026-03-20"), deliver_on=D("2026-01-06")
    )
    (other,) = register_tasks(clerk, tree.stc, directive=tasks[0].directive, deadline=D("2026-03-20"))
    client.force_login(clerk)
    fields = open_edit(client, tasks[1])
    fields.update(deadline="27/03/2026", whole_group="on", lead_unit=str(tree.stnmt.pk), note="Lùi hạn chung")

    response = client.post(reverse("tasks:edit", args=[tasks[1].pk]), fields)

    assert response.status_code == 302
    for task, lead in zip(tasks, [tree.stc, tree.skhdt, tree.city], strict=True):
        task.refresh_from_db()
        assert task.deadline == D("2026-03-27")
        assert task.lead_unit == lead  # each keeps its own lead
        assert task.events.get(kind=EventKind.EDITED).note == "Lùi hạn chung"
    other.refresh_from_db()
    assert other.deadline == D("2026-03-20")  # another instruction of the same document


def test_whole_group_with_a_stale_member_saves_nothing(client, clerk, users, tree):
    tasks = register_tasks(
        clerk, [tree.stc, tree.skhdt], deadline=D("2026-03-20"), deliver_on=D("2026-01-06")
    )
    client.force_login(clerk)
    fields = open_edit(client, tasks[0])
    actions.update_task(users.office_leader, tasks[1], {"content": "Khác"}, expected_version=tasks[1].version)
    fields.update(deadline="27/03/2026", whole_group="on")

    response = client.post(reverse("tasks:edit", args=[tasks[0].pk]), fields)

    assert response.status_code == 200
    assert "sau khi bạn mở trang" in text_of(response.content.decode())
    assert list(Task.objects.order_by("pk").values_list("deadline", flat=True)) == [D("2026-03-20")] * 2


def test_changing_the_arose_on_date_needs_a_reason(client, clerk, listed):
    task = listed.soon
    client.force_login(clerk)
    fields = open_edit(client, task)
    fields.update(arose_on="12/01/2026")
    before = (task.version, TaskEvent.objects.count())

    response = client.post(reverse("tasks:edit", args=[task.pk]), fields)

    assert response.status_code == 200
    assert "Sửa ngày phát sinh cần ghi lý do." in text_of(response.content.decode())
    task.refresh_from_db()
    assert (task.arose_on, task.delivery_due_on) == (D("2026-01-05"), D("2026-01-06"))
    assert (task.version, TaskEvent.objects.count()) == before

    fields.update(arose_note="Văn phòng nhận văn bản ngày 12/01/2026")
    assert client.post(reverse("tasks:edit", args=[task.pk]), fields).status_code == 302
    task.refresh_from_db()
    assert (task.arose_on, task.delivery_due_on) == (D("2026-01-12"), D("2026-01-13"))
    assert task.events.get(kind=EventKind.EDITED).changes["arose_on"] == ["2026-01-05", "2026-01-12"]


def test_an_invalid_date_on_the_edit_page_is_refused(client, clerk, listed):
    client.force_login(clerk)
    fields = open_edit(client, listed.soon)
    fields.update(deadline="31/02/2026", content="Nội dung mới")
    response = client.post(reverse("tasks:edit", args=[listed.soon.pk]), fields)
    assert response.status_code == 200
    assert BAD_DATE in text_of(response.content.decode())
    assert flat(form_fields(response.content.decode(), value="task-edit-form"))["content"] == "Nội dung mới"
    listed.soon.refresh_from_db()
    assert listed.soon.content == "Rà soát các khoản nợ đọng xây dựng cơ bản"


# ---------------------------------------------------------------------------------------------------
# Buttons of the task page
# ---------------------------------------------------------------------------------------------------


def test_the_withdraw_form_is_only_in_the_page_of_who_may_withdraw(client, clerk, users, listed):
    task = listed.soon
    withdraw = reverse("tasks:withdraw", args=[task.pk])
    client.force_login(clerk)
    assert withdraw in client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    client.force_login(users.stc_officer)
    page = client.get(reverse("tasks:detail", args=[task.pk]))
    assert page.status_code == 200 and withdraw not in page.content.decode()


def test_withdraw_needs_a_reason(client, clerk, listed, today):
    task = listed.soon
    client.force_login(clerk)
    url = reverse("tasks:withdraw", args=[task.pk])

    refused = client.post(url, {"reason": "   "})

    assert refused.status_code == 302
    assert messages_of(refused) == ["Cần ghi lý do thu hồi."]
    task.refresh_from_db()
    assert task.withdrawn_on is None
    assert not task.events.filter(kind=EventKind.WITHDRAWN).exists()

    done = client.post(url, {"reason": "Giao trùng với Công văn 120/UBND-KT"})

    assert messages_of(done) == ["Đã thu hồi nhiệm vụ."]
    task.refresh_from_db()
    assert task.withdrawn_on == today
    page = text_of(client.get(reverse("tasks:detail", args=[task.pk])).content.decode())
    assert "Đã thu hồi" in page
    assert "Thu hồi nhiệm vụ — " in page and "Giao trùng với Công văn 120/UBND-KT" in page

    twice = client.post(url, {"reason": "Lần nữa"})
    assert messages_of(twice) == ["Nhiệm vụ đã được thu hồi trước đó."]
    assert task.events.filter(kind=EventKind.WITHDRAWN).count() == 1


def test_progress_by_the_lead_units_officer_starts_the_task(client, users, listed, today):
    task = listed.soon
    client.force_login(users.stc_officer)
    detail = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Báo cáo tiến độ" in detail

    response = client.post(
        reverse("tasks:act", args=[task.pk, "bao-cao"]),
        {
            "bao-cao-text": "Đã rà soát 12/20 dự án",
            "bao-cao-paper_number": "15/BC-STC",
            "bao-cao-paper_date": "27/02/2026",
        },
    )

    assert response.status_code == 302
    assert messages_of(response) == ["Đã gửi báo cáo tiến độ."]
    task.refresh_from_db()
    assert task.started_on == today
    assert task.status(today) == Status.IN_PROGRESS_WITHIN
    report = task.submissions.get(kind="progress")
    assert (report.unit, report.author, report.paper_date) == (
        task.lead_unit,
        users.stc_officer,
        D("2026-02-27"),
    )
    page = text_of(client.get(reverse("tasks:detail", args=[task.pk])).content.decode())
    assert "Đang thực hiện trong hạn" in page
    assert "Đã rà soát 12/20 dự án" in page
    assert "Văn bản báo cáo: 15/BC-STC ngày 27/02/2026" in page


def test_progress_without_text_is_refused(client, users, listed):
    client.force_login(users.stc_officer)
    response = client.post(reverse("tasks:act", args=[listed.soon.pk, "bao-cao"]), {"bao-cao-text": ""})
    assert response.status_code == 400  # the page comes back with the form and its error
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not listed.soon.submissions.exists()


def test_confirm_by_another_departments_officer_is_refused(client, kt_officer, listed):
    task = listed.soon  # followed by Phòng Tổng hợp
    client.force_login(kt_officer)
    response = client.post(reverse("tasks:act", args=[task.pk, "xac-nhan-hoan-thanh"]))
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.completed_on is None
    assert not actions.may_confirm(kt_officer, task)


def test_the_confirm_button_is_only_shown_to_who_may_confirm(client, kt_officer, listed):
    client.force_login(kt_officer)
    html = client.get(reverse("tasks:detail", args=[listed.soon.pk])).content.decode()
    assert reverse("tasks:act", args=[listed.soon.pk, "xac-nhan-hoan-thanh"]) not in html


def test_confirm_by_the_tasks_own_officer_works(client, users, listed, today):
    task = listed.overdue  # followed by Phòng Tổng hợp, officer theodoi_th
    client.force_login(users.monitoring_officer)
    detail = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert reverse("tasks:act", args=[task.pk, "xac-nhan-hoan-thanh"]) in detail

    response = client.post(reverse("tasks:act", args=[task.pk, "xac-nhan-hoan-thanh"]))

    assert messages_of(response) == ["Đã xác nhận hoàn thành nhiệm vụ."]
    task.refresh_from_db()
    assert task.completed_on == today
    assert task.status(today) == Status.DONE_LATE  # due 20/02, confirmed 02/03
    again = client.post(reverse("tasks:act", args=[task.pk, "xac-nhan-hoan-thanh"]))
    assert again.status_code == 400
    assert "Nhiệm vụ đã được xác nhận hoàn thành." in again.content.decode()


def test_deliver_button_delivers_a_draft(client, clerk, listed, today):
    client.force_login(clerk)
    response = client.post(reverse("tasks:deliver", args=[listed.draft.pk]))
    assert messages_of(response) == ["Đã chuyển giao nhiệm vụ cho đơn vị."]
    listed.draft.refresh_from_db()
    assert listed.draft.delivered_on == today
    # Delivered on 02/03 for a task that arose on 05/01: late, and the journal says so.
    assert listed.draft.events.get(kind=EventKind.DELIVERED).note == "Chuyển muộn so với hạn 06/01/2026"


# ---------------------------------------------------------------------------------------------------
# Late registrations
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def registrations(clerk, tree):
    """Three tasks that arose on Mon 05/01/2026 (delivery due Tue 06/01)."""
    (on_time,) = register_tasks(clerk, tree.stc, content="Chuyển đúng hạn", deliver_on=D("2026-01-06"))
    (late,) = register_tasks(clerk, tree.skhdt, content="Chuyển muộn hai ngày", deliver_on=D("2026-01-08"))
    (never,) = register_tasks(clerk, tree.city, content="Chưa chuyển giao bao giờ")
    (withdrawn,) = register_tasks(clerk, tree.stnmt, content="Nhập nhầm, đã thu hồi")
    actions.withdraw_task(clerk, withdrawn, "Nhập nhầm")
    return on_time, late, never, withdrawn


def test_late_registrations_lists_late_and_never_delivered_tasks(client, clerk, registrations):
    on_time, late, never, withdrawn = registrations
    client.force_login(clerk)
    html = client.get(reverse("tasks:late_registrations")).content.decode()
    listed = [
        int(pk) for pk in re.findall(r'href="/nhiem-vu/(\d+)/"', html.split('data-testid="late-table"')[1])
    ]
    assert sorted(listed) == sorted([late.pk, never.pk])
    text = text_of(html)
    assert "Chuyển muộn hai ngày" in text and "Chưa chuyển giao bao giờ" in text
    assert "Chuyển đúng hạn" not in text and "Nhập nhầm, đã thu hồi" not in text
    assert "05/01/2026 06/01/2026 08/01/2026" in text  # arose, due, delivered
    assert "05/01/2026 06/01/2026 Chưa chuyển" in text


def test_an_urgent_task_delivered_the_next_day_is_late(client, clerk, tree):
    (urgent,) = register_tasks(clerk, tree.stc, urgency="urgent", deliver_on=D("2026-01-06"))
    assert urgent.delivery_due_on == D("2026-01-05")
    client.force_login(clerk)
    html = client.get(reverse("tasks:late_registrations")).content.decode()
    assert f'href="/nhiem-vu/{urgent.pk}/"' in html


def test_late_registrations_heading_states_the_rule(client, clerk, registrations, settings):
    settings.VIC_REGISTRATION_WORKING_DAYS = 2
    client.force_login(clerk)
    text = text_of(client.get(reverse("tasks:late_registrations")).content.decode())
    assert "Nhiệm vụ chuyển giao quá 2 ngày làm việc kể từ khi phát sinh" in text


# ---------------------------------------------------------------------------------------------------
# Dashboard tiles
# ---------------------------------------------------------------------------------------------------

TILE = re.compile(
    r'href="([^"]+)" data-status="(\w+)">\s*<div class="card-body py-2"><div class="count">(\d+)</div>'
)


def tiles(html: str) -> dict[str, tuple[int, str]]:
    return {status: (int(n), href) for href, status, n in TILE.findall(html)}


def test_dashboard_tiles_for_the_clerk(client, clerk, listed):
    client.force_login(clerk)
    html = client.get(reverse("core:home")).content.decode()
    shown = tiles(html)
    assert {s: n for s, (n, _) in shown.items()} == {
        "done_on_time": 1,
        "done_late": 0,
        "in_progress_within": 0,
        "in_progress_overdue": 1,
        "not_started_within": 2,
        "not_started_overdue": 1,
    }
    assert shown["not_started_within"][1] == "/nhiem-vu/?status=not_started_within"
    assert "1 nhiệm vụ chưa chuyển giao" in text_of(html)
    # A tile's link lists exactly the tasks it counts.
    for status, (n, href) in shown.items():
        assert len(task_links(client.get(href).content.decode())) == n, status


def test_dashboard_tiles_for_a_unit_officer_count_only_its_led_tasks(client, users, listed):
    client.force_login(users.stc_officer)
    html = client.get(reverse("core:home")).content.decode()
    shown = tiles(html)
    # Sở Tài chính leads `overdue` and `soon`; it only coordinates `later` (not counted), `draft` is unseen.
    assert {s: n for s, (n, _) in shown.items()} == {
        "done_on_time": 0,
        "done_late": 0,
        "in_progress_within": 0,
        "in_progress_overdue": 0,
        "not_started_within": 1,
        "not_started_overdue": 1,
    }
    assert all("scope=lead" in href for _, href in shown.values())
    assert shown["not_started_within"][1] == "/nhiem-vu/?status=not_started_within&scope=lead"
    assert task_links(client.get(shown["not_started_within"][1]).content.decode()) == [listed.soon.pk]
    assert task_links(client.get(shown["not_started_overdue"][1]).content.decode()) == [listed.overdue.pk]
    assert "chưa chuyển giao" not in text_of(html)
    assert "Tổng quan — Sở Tài chính" in text_of(html)


def test_dashboard_watch_lists_due_soon_and_longest_overdue(client, clerk, users, listed):
    """On Monday 02/03/2026: `soon` is due Friday 06/03 (within 5 working days); `overdue` (written 20/02, in
    Tết: in force 23/02) is 7 days late, `progress_overdue` (25/02) 5 days."""
    client.force_login(clerk)
    html = client.get(reverse("core:home")).content.decode()
    soon = html.split('data-testid="due-soon"')[1].split("</ul>")[0]
    late = html.split('data-testid="longest-overdue"')[1].split("</ul>")[0]
    assert linked(soon) == [listed.soon.pk] and "06/03/2026" in soon
    assert linked(late) == [listed.overdue.pk, listed.progress_overdue.pk]
    assert "quá hạn 7 ngày" in text_of(late) and "quá hạn 5 ngày" in text_of(late)
    client.force_login(users.district_officer)
    html = client.get(reverse("core:home")).content.decode()
    assert linked(html.split('data-testid="longest-overdue"')[1].split("</ul>")[0]) == []


def linked(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/nhiem-vu/(\d+)/"', html)]


def test_dashboard_unit_table_for_the_clerk(client, clerk, listed):
    client.force_login(clerk)
    html = client.get(reverse("core:home")).content.decode()
    table = text_of(html.split('data-testid="unit-table"')[1].split("</table>")[0])
    # Units with overdue tasks first, then by total; columns: the six statuses, no deadline, total.
    assert table.index("STC 0 0 0 0 1 1 0 2") < table.index("SKHĐT 0 0 0 1 0 0 0 1")
    assert "STNMT 1 0 0 0 0 0 0 1" in table


def test_a_list_is_saved_under_a_name_opened_again_and_deleted_by_its_owner(client, users, clerk, listed):
    from vic.tasks.models import SavedFilter

    client.force_login(users.monitoring_officer)
    response = client.post(
        reverse("tasks:filter_save"), {"name": "Quá hạn của tôi", "query": "scope=overdue&page=3&bogus=1"}
    )
    saved = SavedFilter.objects.get(user=users.monitoring_officer)
    assert saved.query == "scope=overdue"  # the filters only, not the page or stray parameters
    assert messages_of(response) == ["Đã lưu bộ lọc “Quá hạn của tôi”."]
    html = client.get(reverse("tasks:list")).content.decode()
    assert 'href="/nhiem-vu/?scope=overdue">Quá hạn của tôi</a>' in html
    # Nobody else sees or deletes it.
    client.force_login(clerk)
    assert "Quá hạn của tôi" not in client.get(reverse("tasks:list")).content.decode()
    refused = client.post(reverse("tasks:filter_delete", args=[saved.pk]))
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    assert messages_of(refused) == ["Không tìm thấy bộ lọc này (có thể đã bị xóa)."]
    client.force_login(users.monitoring_officer)
    deleted = client.post(reverse("tasks:filter_delete", args=[saved.pk]))
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()
    assert messages_of(deleted) == ["Đã xóa bộ lọc."]


def test_saving_without_a_name_or_a_filter_is_refused_in_vietnamese(client, users, listed):
    client.force_login(users.monitoring_officer)
    assert messages_of(client.post(reverse("tasks:filter_save"), {"name": "", "query": "scope=overdue"})) == [
        "Đặt tên cho bộ lọc."
    ]
    assert messages_of(client.post(reverse("tasks:filter_save"), {"name": "Tất cả", "query": "page=2"})) == [
        "Chưa có điều kiện lọc nào để lưu."
    ]
    bad_date = {"name": "Hạn tháng 2", "query": "deadline_from=31/02/2026"}
    assert messages_of(client.post(reverse("tasks:filter_save"), bad_date)) == [
        "Bộ lọc có điều kiện không hợp lệ; sửa điều kiện lọc rồi lưu lại."
    ]
    old_font = client.post(reverse("tasks:filter_save"), {"name": "Së Tµi chÝnh", "query": "scope=overdue"})
    assert "TCVN3" in messages_of(old_font)[0]
    assert not users.monitoring_officer.saved_filters.exists()
