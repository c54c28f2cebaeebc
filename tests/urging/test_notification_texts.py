"""What a notification says: a long task content cut after a whole word with "…"; the Office's late
delivery told to the Office only, never to the unit that receives the task."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks.models import EventKind, TaskEvent
from vic.tasks.templatetags.vic_tasks import note_for
from vic.urging.models import Notification
from vic.urging.notify import excerpt

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat

LONG = (
    "Báo cáo tình hình triển khai thực hiện và giải ngân kế hoạch đầu tư công năm 2026 của các dự án trên địa "
    "bàn, gửi báo cáo về Sở Kế hoạch và Đầu tư trước ngày 20 hằng tháng để tổng hợp"
)


def text_of(user) -> str:
    return Notification.objects.get(user=user).text


def test_excerpt_cuts_after_a_whole_word_with_an_ellipsis():
    assert LONG[:150].endswith("Đầu tư trư")  # where a plain cut falls: inside "trước"
    assert excerpt(LONG, 150) == LONG[: LONG.index(" trước ngày")] + "…"
    assert excerpt("Sở Tài chính, Sở Kế hoạch", 14) == "Sở Tài chính…"  # no comma before the ellipsis
    assert excerpt("  ngắn   gọn ", 150) == "ngắn gọn"  # short texts whole, spaces tidied
    assert excerpt("a" * 20, 10) == "a" * 10 + "…"  # one long word: cut where it must be


def test_a_delivery_tells_the_unit_the_content_cut_at_a_word(clerk, tree, users):
    with clock.at(D("2026-03-02")):
        register_tasks(clerk, tree.stc, content=LONG, deliver_on=D("2026-03-02"))
    text = text_of(users.stc_officer)
    assert "“Báo cáo tình hình triển khai" in text
    assert "gửi báo cáo về Sở Kế hoạch và Đầu tư…” (" in text  # not "…Đầu tư trư”"


@pytest.fixture
def unit_head(tree):
    return UserFactory(username="gd_stc", unit_head=True, unit=tree.stc)


@pytest.fixture
def late_task(clerk, tree, users, unit_head):
    """Arose on Monday 2 March, delivered on Wednesday 4 March: a day after the one-working-day limit."""
    with clock.at(D("2026-03-02")):
        (task,) = register_tasks(
            clerk,
            tree.stc,
            directive=DirectiveFactory(issue_date=D("2026-03-02")),
            monitoring_officers=[users.monitoring_officer],
            deliver_on=D("2026-03-04"),
        )
    return task


def test_the_offices_late_delivery_is_not_told_to_the_unit(late_task, users, unit_head):
    event = TaskEvent.objects.get(task=late_task, kind=EventKind.DELIVERED)
    assert event.note == "Chuyển muộn so với hạn 03/03/2026"  # the journal keeps it for the Office
    for person in (users.stc_officer, unit_head):
        assert text_of(person).startswith("Chuyển giao cho đơn vị — nhiệm vụ #")
        assert "Chuyển muộn" not in text_of(person) and "03/03/2026" not in text_of(person)


def test_the_unit_reads_no_lateness_in_the_journal_the_office_does(late_task, users):
    event = TaskEvent.objects.get(task=late_task, kind=EventKind.DELIVERED)
    assert note_for(event, users.stc_officer) == ""
    assert note_for(event, users.monitoring_officer) == "Chuyển muộn so với hạn 03/03/2026"
    assert note_for(event, users.office_clerk) == "Chuyển muộn so với hạn 03/03/2026"
