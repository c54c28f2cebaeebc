"""The channels of urging: the bell and notification centre, e-mail with retries, the daily digest,
and the iCal feed (parsed back with the icalendar library)."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.urls import reverse
from icalendar import Calendar
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.tasks import actions as task_actions
from vic.units.models import Role
from vic.urging import actions, digest, services
from vic.urging.models import CalendarFeed, Digest, FeedScope, Notification, Preference, ReminderRule
from vic.urging.notify import notify

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def world(users, clerk, tree):
    """Two tasks of Sở Tài chính (one overdue on 02/03/2026 followed by the monitoring officer, one due 04/03
    followed by Phòng Kinh tế) and one of Tam Đường that nobody follows yet."""
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (overdue,) = register_tasks(clerk, tree.stc, directive=directive, deadline=D("2026-02-25"), deliver_on=D("2026-01-06"),
                                monitoring_officers=[users.monitoring_officer])  # fmt: skip
    (soon,) = register_tasks(
        clerk, tree.stc, directive=directive, deadline=D("2026-03-04"), deliver_on=D("2026-01-06"),
        monitoring_department=tree.kt,  # followed by Phòng Kinh tế, not the officer of the tests
    )  # fmt: skip
    (other,) = register_tasks(clerk, tree.tam_duong, directive=directive, deadline=D("2026-03-03"), deliver_on=D("2026-01-06"))  # fmt: skip
    return overdue, soon, other


# --- the bell and the notification centre -------------------------------------------------------------


def test_the_bell_counts_unread_and_marking_read_clears_it(client, users, world):
    overdue, *_ = world
    Notification.objects.all().delete()  # those of the delivery
    with clock.at(D("2026-03-02")):
        notify([users.stc_officer], "Nhắc việc thử 1", task=overdue)
        notify([users.stc_officer], "Nhắc việc thử 2")
    client.force_login(users.stc_officer)
    page = client.get(reverse("tasks:list")).content.decode()
    assert 'data-testid="unread-count">2<' in page
    listing = client.get(reverse("urging:notifications")).content.decode()
    assert "Nhắc việc thử 1" in listing and "Đánh dấu tất cả là đã đọc" in listing
    first = Notification.objects.get(text="Nhắc việc thử 1")
    response = client.post(reverse("urging:open", args=[first.pk]))
    assert response.url == reverse("tasks:detail", args=[overdue.pk])
    assert 'data-testid="unread-count">1<' in client.get(reverse("tasks:list")).content.decode()
    client.post(reverse("urging:mark_read"), {"all": "1"})
    assert 'data-testid="unread-count"' not in client.get(reverse("tasks:list")).content.decode()
    assert Notification.objects.filter(user=users.stc_officer, read_at__isnull=True).count() == 0


def test_nobody_opens_or_marks_another_users_notification(client, users, world):
    (note,) = notify([users.stc_officer], "Của Sở Tài chính", task=world[0])
    client.force_login(users.district_officer)
    assert client.post(reverse("urging:open", args=[note.pk])).status_code == 404
    client.post(reverse("urging:mark_read"), {"id": [str(note.pk)]})
    note.refresh_from_db()
    assert note.read_at is None


def test_email_follows_the_users_preference(client, users, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([users.stc_officer], "Có e-mail")
    assert [m.subject for m in mailoutbox] == ["VIC — Thông báo"] and mailoutbox[0].to == [
        users.stc_officer.email
    ]
    client.force_login(users.stc_officer)
    client.post(reverse("urging:preferences"), {"daily_digest": "on"})  # e-mail for each: unticked
    pref = Preference.objects.get(user=users.stc_officer)
    assert not pref.email_each and pref.daily_digest
    with django_capture_on_commit_callbacks(execute=True):
        notify([users.stc_officer], "Chỉ trên chuông")
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(user=users.stc_officer).count() == 2


def test_an_email_says_where_to_open_it_in_vic(
    users, world, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.VIC_PUBLIC_URL = "https://vic.camau.gov.vn"
    with django_capture_on_commit_callbacks(execute=True):
        notify([users.stc_officer], "Về nhiệm vụ", task=world[0])
        notify([users.stc_officer], "Về báo cáo", link="/bao-cao/don-vi/7/")
    bodies = [m.body for m in mailoutbox]
    assert bodies[0].endswith(f"Xem trên VIC: https://vic.camau.gov.vn/nhiem-vu/{world[0].pk}/")
    assert bodies[1].endswith("Xem trên VIC: https://vic.camau.gov.vn/bao-cao/don-vi/7/")


def test_nothing_is_told_when_the_change_is_rolled_back(users, mailoutbox):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        notify([users.stc_officer], "Không được gửi")
        raise RuntimeError
    assert Notification.objects.count() == 0 and mailoutbox == []


def test_a_failing_mail_server_is_retried_and_logged(settings, caplog):
    from huey.contrib.djhuey import HUEY

    from vic.urging.jobs import send_email

    settings.EMAIL_BACKEND = "tests.urging.failing_mail.Backend"
    HUEY.storage.flush_schedule()
    with caplog.at_level(logging.WARNING):
        send_email("Thử", "Nội dung", ["a@example.vn"])
    (retry,) = HUEY.scheduled()
    assert retry.name == "send_email" and retry.retries == 4  # 5 allowed, one used
    assert any("send_email" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records)
    HUEY.storage.flush_schedule()


# --- the daily digest ------------------------------------------------------------------------------------


def test_the_daily_digest_lists_overdue_and_soon_due_tasks_once_a_day(
    users, world, mailoutbox, django_capture_on_commit_callbacks
):
    overdue, soon, other = world
    notify([users.stc_officer], "Thông báo chưa đọc A")
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_all(D("2026-03-02")) >= 1
    (mine,) = [m for m in mailoutbox if m.to == [users.stc_officer.email]]
    assert mine.subject == "VIC — Bản tin nhắc việc ngày 02/03/2026"
    assert (
        "Nhiệm vụ quá hạn (1):" in mine.body and f"#{overdue.pk} " in mine.body and "25/02/2026" in mine.body
    )
    assert "Nhiệm vụ sắp đến hạn (1):" in mine.body and f"#{soon.pk} " in mine.body
    assert f"#{other.pk} " not in mine.body  # another unit's task
    assert "Thông báo chưa đọc A" in mine.body
    officer_mail = [m for m in mailoutbox if m.to == [users.monitoring_officer.email]]
    assert (
        len(officer_mail) == 1
        and f"#{overdue.pk} " in officer_mail[0].body
        and f"#{soon.pk} " not in officer_mail[0].body  # another department's
        and f"#{other.pk} " in officer_mail[0].body  # nobody follows it yet: any officer may take it up
    )
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_all(D("2026-03-02")) == 0  # a second worker, a rerun: nothing more
    assert len(mailoutbox) == sent
    assert Digest.objects.filter(user=users.stc_officer, day=D("2026-03-02")).count() == 1


def test_no_digest_on_a_day_off_or_for_whoever_turned_it_off(
    users, world, mailoutbox, django_capture_on_commit_callbacks
):
    assert digest.send_all(D("2026-02-28")) == 0  # Saturday
    actions.save_preference(users.stc_officer, email_each=True, daily_digest=False)
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_all(D("2026-03-02"))
    assert [m for m in mailoutbox if m.to == [users.monitoring_officer.email]]
    assert not [m for m in mailoutbox if m.to == [users.stc_officer.email]]


def test_the_scan_job_sends_the_days_reminders(users, world):
    from vic.urging.jobs import scan

    ReminderRule.objects.exclude(timing="on_day").delete()
    Notification.objects.all().delete()  # those of the delivery
    assert scan("2026-03-03").get() == 1  # Tam Đường's task is due that day; its officer is told
    assert Notification.objects.filter(user=users.district_officer, task=world[2]).count() == 1
    assert scan("2026-03-03").get() == 0


# --- the calendar feed ------------------------------------------------------------------------------------


def test_the_feed_is_valid_icalendar_with_the_deadlines_in_force(client, users, world, clerk):
    overdue, soon, other = world
    with clock.at(D("2026-03-02")):
        task_actions.confirm_completion(clerk, soon)  # done: leaves the calendar
    feed = actions.create_feed(users.stc_officer, FeedScope.UNIT)
    response = client.get(reverse("urging:feed", args=[feed.token]))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    events = cal.walk("VEVENT")
    assert [e["UID"] for e in events] == [f"task-{overdue.pk}@testserver"]
    (event,) = events
    assert event.decoded("DTSTART") == D("2026-02-25") and event.decoded("DTEND") == D("2026-02-26")
    assert "Sở Tài chính" in event["SUMMARY"] and "quá hạn" in event["CATEGORIES"].to_ical().decode()
    assert event["URL"].endswith(reverse("tasks:detail", args=[overdue.pk]))
    assert event.get("DTSTAMP") is not None


def test_a_feed_shows_only_what_its_owner_may_see_and_stops_when_revoked(client, users, world):
    overdue, soon, other = world
    feed = actions.create_feed(users.district_officer, FeedScope.MINE)
    cal = Calendar.from_ical(client.get(reverse("urging:feed", args=[feed.token])).content)
    assert [e["UID"] for e in cal.walk("VEVENT")] == [f"task-{other.pk}@testserver"]
    client.force_login(users.stc_officer)
    assert client.post(reverse("urging:feed_revoke", args=[feed.pk])).status_code == 404  # not theirs
    client.force_login(users.district_officer)
    client.post(reverse("urging:feed_revoke", args=[feed.pk]))
    assert client.get(reverse("urging:feed", args=[feed.token])).status_code == 404
    assert client.get(reverse("urging:feed", args=["khong-ton-tai"])).status_code == 404
    users.stc_officer.is_active = False
    users.stc_officer.save()
    stale = CalendarFeed.objects.create(owner=users.stc_officer, token="tok-" + "x" * 40)
    assert client.get(reverse("urging:feed", args=[stale.token])).status_code == 404


def test_an_officers_calendar_holds_the_tasks_he_follows(client, users, world):
    """The world: `overdue` names the officer; `soon` is Phòng Kinh tế's; `other` nobody follows yet."""
    overdue, soon, other = world
    feed = actions.create_feed(users.monitoring_officer, FeedScope.MINE)
    cal = Calendar.from_ical(client.get(reverse("urging:feed", args=[feed.token])).content)
    assert {e["UID"] for e in cal.walk("VEVENT")} == {f"task-{t.pk}@testserver" for t in (overdue, other)}


def test_the_notification_page_creates_a_feed_and_shows_its_address(client, users):
    client.force_login(users.stc_officer)
    client.post(reverse("urging:feed_create"), {"scope": "unit"})
    feed = CalendarFeed.objects.get(owner=users.stc_officer)
    page = client.get(reverse("urging:notifications")).content.decode()
    assert f"/lich/{feed.token}.ics" in page and "Thu hồi" in page


def test_reminders_reach_coordinators_and_escalate_to_office_leaders(users, clerk, tree):
    ReminderRule.objects.all().delete()
    ReminderRule.objects.create(name="Đúng hạn", timing="on_day", audiences="coordinators")
    ReminderRule.objects.create(
        name="Leo thang VP", timing="overdue_after", working_days=10, audiences="office_leaders"
    )
    directive = DirectiveFactory(issue_date=D("2026-01-05"))
    (task,) = register_tasks(clerk, tree.stc, directive=directive, deadline=D("2026-02-10"),
                             coordinating_units=[tree.tam_duong], deliver_on=D("2026-01-06"))  # fmt: skip
    assert {d.recipient for d in services.due_on(D("2026-02-10"))} == {users.district_officer}
    # 10 working days after Tue 10/02 across Tết (14–22/02 off): 11,12,13,23,24,25,26,27 Feb, 2,3 Mar.
    assert services.due_on(D("2026-03-02")) == []
    assert {d.recipient for d in services.due_on(D("2026-03-03"))} == {users.office_leader}
    assert UserFactory(role=Role.OFFICE_LEADER, unit=tree.office) in {
        d.recipient for d in services.due_on(D("2026-03-03"))
    }


def test_a_notification_about_a_report_opens_the_report_never_another_site(client, users):
    client.force_login(users.stc_officer)
    notify([users.stc_officer], "Thủ trưởng trả lại báo cáo tháng 5 năm 2026", link="/bao-cao/don-vi/7/")
    notify([users.stc_officer], "Liên kết lạ", link="//example.com/x")
    mine, odd = (
        Notification.objects.get(link="/bao-cao/don-vi/7/"),
        Notification.objects.get(text="Liên kết lạ"),
    )
    page = client.get(reverse("urging:notifications")).content.decode()
    assert page.count('data-testid="open-note"') == 2  # reports and notices open from the list too
    assert client.post(reverse("urging:open", args=[mine.pk])).url == "/bao-cao/don-vi/7/"
    assert client.post(reverse("urging:open", args=[odd.pk])).url == reverse("urging:notifications")
