"""The generated notice: Decree 30/2020 layout, the right unit, exactly the unit's overdue and soon-due tasks
(computed here from the facts in the database, not from the status code), right dates; the journal row on
each listed task; the unit told."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core import mail
from django.db.models import Q
from docx.shared import Mm

from vic.notices.actions import issue_notice
from vic.notices.models import UrgingNotice
from vic.tasks.models import EventKind, Task, TaskEvent
from vic.urging.models import Notification

from .conftest import TODAY, WINDOW_END, docx_of, task_table, text_of

pytestmark = pytest.mark.django_db


def expected_tasks(unit):
    """Independently of tasks/status.py: delivered, open, deadline in force before today (overdue) or from
    today to the end of the window (due soon); most overdue first."""
    open_tasks = Task.objects.filter(
        lead_unit=unit,
        delivered_on__isnull=False,
        completed_on__isnull=True,
        withdrawn_on__isnull=True,
        returned_on__isnull=True,
    )
    overdue = open_tasks.filter(effective_deadline__lt=TODAY)
    soon = open_tasks.filter(effective_deadline__gte=TODAY, effective_deadline__lte=WINDOW_END)
    return list(overdue.order_by("effective_deadline", "pk")), list(soon.order_by("effective_deadline", "pk"))


def issue(user, unit, **kwargs):
    overdue, soon = expected_tasks(unit)
    return issue_notice(user, unit, [t.pk for t in overdue + soon], **kwargs)


def read(notice: UrgingNotice):
    with notice.file.open("rb") as f:
        return docx_of(f.read())


def test_notice_heading_recipient_and_decree_30_layout(tree, users, world, deputy):
    notice = issue(users.office_leader, tree.stc, number="125", signer=deputy)
    doc = read(notice)
    text = text_of(doc)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nVĂN PHÒNG" in text
    assert "Số: 125/VP-TH" in text
    # Decree 30: a leading zero for a day below 10, none for March.
    assert "Lai Châu, ngày 02 tháng 3 năm 2026" in text
    assert "V/v đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn" in text
    assert "Kính gửi: Sở Tài chính." in text
    assert (
        "tính đến ngày 02/03/2026, Sở Tài chính còn 3 nhiệm vụ đã quá hạn và 3 nhiệm vụ sắp đến hạn" in text
    )
    assert "Nơi nhận:" in text and "- Lưu: VT, TH." in text
    assert "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG" in text and "Tô Thị Kim Oanh" in text
    # The body ends with "./." (Decree 30) and names the unit again.
    assert "Sở Tài chính khẩn trương chỉ đạo" in text and "./." in text


def test_times_new_roman_a4_and_margins(tree, users, world):
    doc = read(issue(users.office_leader, tree.stc))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = doc.styles.element.find(f"{w}docDefaults").find(f".//{w}rFonts")
    assert {fonts.get(w + slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert Mm(20) <= section.top_margin <= Mm(25) and Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35) and Mm(15) <= section.right_margin <= Mm(20)
    # Every run that sets a size keeps the body text at 13–14 pt; the heading lines are 12–13 pt as in Decree 30.
    sizes = {run.font.size.pt for p in doc.paragraphs for run in p.runs if run.font.size and run.text.strip()}
    assert sizes and sizes <= {13.0, 14.0}


def test_exactly_the_units_overdue_and_soon_due_tasks(tree, users, world):
    overdue, soon = expected_tasks(tree.stc)
    assert len(overdue) == 3 and len(soon) == 3  # the world has both kinds, and tasks that must stay out
    notice = issue(users.office_leader, tree.stc)
    table = task_table(read(notice))
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == [str(i) for i in range(1, 7)]
    assert [r[1] for r in rows] == [t.content for t in overdue + soon]
    assert [r[3] for r in rows] == [t.effective_deadline.strftime("%d/%m/%Y") for t in overdue + soon]
    # Days overdue: calendar days from the deadline in force to today; blank for tasks not yet overdue.
    assert [r[5] for r in rows] == [str((TODAY - t.effective_deadline).days) for t in overdue] + [""] * 3
    # 20/02/2026 falls in the Tết holiday (14–22/02): the deadline in force is Monday 23/02, 7 days ago.
    assert (rows[0][3], rows[0][5]) == ("23/02/2026", "7")
    assert [r[4] for r in rows[:3]] == [
        "Chưa thực hiện quá hạn",
        "Chưa thực hiện quá hạn",
        "Đang thực hiện quá hạn",
    ]
    assert all("sắp đến hạn" in r[4] for r in rows[3:])
    # The Saturday deadline is in force on Monday 09/03/2026, the end of the window.
    assert rows[-1][1] == world.soon_weekend.content and rows[-1][3] == "09/03/2026"
    directive = world.overdue.directive
    assert rows[0][2] == f"{directive.kind} {directive.reference}"
    left_out = {world.later, world.done, world.withdrawn, world.draft, world.other_unit}
    assert not {t.content for t in left_out} & {r[1] for r in rows}
    assert set(notice.tasks.all()) == set(overdue + soon)
    assert (notice.overdue_count, notice.due_soon_count) == (3, 3)


def test_unticked_tasks_are_left_out(tree, users, world):
    notice = issue_notice(users.office_leader, tree.stc, [world.overdue.pk, world.soon.pk])
    rows = [r.cells[1].text for r in task_table(read(notice)).rows[1:]]
    assert rows == [world.overdue.content, world.soon.content]
    assert "còn 1 nhiệm vụ đã quá hạn và 1 nhiệm vụ sắp đến hạn" in text_of(read(notice))


def test_a_task_outside_the_list_is_refused(tree, users, world):
    from django.core.exceptions import ValidationError

    for task in (world.later, world.done, world.other_unit, world.draft):
        with pytest.raises(ValidationError, match="không thuộc danh sách"):
            issue_notice(users.office_leader, tree.stc, [world.overdue.pk, task.pk])
    assert not UrgingNotice.objects.exists()
    assert not TaskEvent.objects.filter(kind=EventKind.URGING_NOTICE).exists()


def test_ampersand_in_a_task_does_not_break_the_document(tree, users, world):
    notice = issue_notice(users.office_leader, tree.stc, [world.overdue_started.pk])
    assert "Rà soát nợ đọng xây dựng cơ bản & đề xuất xử lý" in text_of(read(notice))


def test_journal_row_on_each_listed_task(tree, users, world):
    overdue, soon = expected_tasks(tree.stc)
    followed = [t.pk for t in overdue + soon if t != world.other_department]
    notice = issue_notice(users.monitoring_officer, tree.stc, followed)
    listed = set(notice.tasks.all())
    urged = TaskEvent.objects.filter(kind=EventKind.URGING_NOTICE)
    assert {e.task for e in urged} == listed and urged.count() == len(listed)
    event = urged.get(task=world.overdue)
    assert event.actor == users.monitoring_officer
    assert "…/VP-TH ngày 02/03/2026" in event.note and "quá hạn 7 ngày" in event.note
    assert not TaskEvent.objects.filter(
        kind=EventKind.URGING_NOTICE, task__in=[world.later, world.other_unit]
    )


def test_checksum_and_stored_file(tree, users, world):
    import hashlib

    notice = issue(users.office_leader, tree.stc)
    with notice.file.open("rb") as f:
        data = f.read()
    assert hashlib.sha256(data).hexdigest() == notice.sha256 and len(data) == notice.size


def test_unit_officers_and_head_are_notified_with_the_document(
    tree, users, world, stc_head, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()  # the world's own reports told the Office department following them
    with django_capture_on_commit_callbacks(execute=True):
        notice = issue(users.office_leader, tree.stc)
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {users.stc_officer.username, stc_head.username}
    assert "văn bản đôn đốc" in Notification.objects.first().text
    # One e-mail each (through urging.notify: preferences, retries), the notice attached.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([users.stc_officer.email, stc_head.email])
    for message in mail.outbox:
        (name, content, _kind) = message.attachments[0]
        assert name.endswith(".docx") and content[:2] == b"PK"
        assert notice.reference in message.subject


def test_a_unit_user_who_turned_e_mail_off_gets_the_bell_only(
    tree, users, world, stc_head, django_capture_on_commit_callbacks
):
    from vic.urging.models import Preference

    Preference.objects.update_or_create(user=stc_head, defaults={"email_each": False})
    with django_capture_on_commit_callbacks(execute=True):
        issue(users.office_leader, tree.stc)
    assert Notification.objects.filter(user=stc_head).count() == 1
    assert [m.to for m in mail.outbox] == [[users.stc_officer.email]]


def test_monitoring_officer_lists_only_the_tasks_they_follow(tree, users, world):
    from vic.notices.selection import tasks_for_unit

    mine = set(tasks_for_unit(users.monitoring_officer, tree.stc, TODAY, 5))
    everyone = set(tasks_for_unit(users.office_leader, tree.stc, TODAY, 5))
    assert world.other_department in everyone and world.other_department not in mine
    assert everyone - mine == {world.other_department}


def test_number_may_not_repeat_in_a_year(tree, users, world):
    from django.core.exceptions import ValidationError

    issue_notice(users.office_leader, tree.stc, [world.overdue.pk], number="7")
    with pytest.raises(ValidationError, match="đã dùng"):
        issue_notice(users.office_leader, tree.stc, [world.soon.pk], number="7")
    issue_notice(users.office_leader, tree.stc, [world.soon.pk])  # without a number: always allowed


def test_unit_users_and_the_clerk_cannot_issue(tree, users, world):
    from django.core.exceptions import PermissionDenied

    for user in (users.stc_officer, users.office_clerk, users.admin, users.provincial_leader):
        with pytest.raises(PermissionDenied):
            issue_notice(user, tree.stc, [world.overdue.pk])
    assert not UrgingNotice.objects.exists()


def test_converts_with_libreoffice(tree, users, world, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip(
            "LibreOffice (soffice/libreoffice) chưa cài trên máy này: bỏ qua kiểm tra chuyển đổi sang PDF"
        )
    notice = issue(users.office_leader, tree.stc)
    source = tmp_path / "notice.docx"
    with notice.file.open("rb") as f:
        source.write_bytes(f.read())
    subprocess.run(  # noqa: S603 - a fixed program on a file this test wrote
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = tmp_path / "notice.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_queryset_filter_sanity(tree, world):
    """The world holds what the tests above rely on (guards against a fixture that silently changed)."""
    assert Task.objects.filter(Q(pk=world.done.pk), completed_on__isnull=False).exists()
    assert world.soon_weekend.effective_deadline == WINDOW_END
