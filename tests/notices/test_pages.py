"""The pages: units to urge, preview with untick, issue → download; who sees which notice (404 otherwise);
the task page shows "Đã đôn đốc ngày …" from the journal; the sidebar and the task list lead there."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from tests.factories import UnitFactory, UserFactory
from tests.web.helpers import flat, form_fields, text_of

from vic.notices.models import UrgingNotice
from vic.tasks.models import EventKind, TaskEvent

from .conftest import docx_of, task_table

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def preview_ids(html: str) -> list[int]:
    table = html.split('data-testid="preview-table"', 1)[1].split("</table>", 1)[0]
    return [int(pk) for pk in re.findall(r'name="tasks" value="(\d+)"', table)]


def issue_through_pages(client, user, unit, untick=()):
    client.force_login(user)
    url = reverse("notices:create", args=[unit.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = flat(form_fields(page.content.decode(), value="issue-form"))
    chosen = [pk for pk in data["tasks"] if int(pk) not in untick] if isinstance(data["tasks"], list) else []
    data["tasks"] = chosen
    return client.post(url, data)


def test_units_to_urge_listed_for_the_office(client, tree, users, world):
    client.force_login(users.office_leader)
    html = client.get(reverse("notices:list")).content.decode()
    table = html.split('data-testid="units-to-urge"', 1)[1].split("</table>", 1)[0]
    text = text_of(table)
    assert "Sở Tài chính 3 3" in text  # 3 overdue, 3 due within 5 working days
    assert "Sở Kế hoạch và Đầu tư 1 0" in text
    assert reverse("notices:create", args=[tree.stc.pk]) in table


def test_preview_untick_issue_and_download(client, tree, users, world, deputy):
    client.force_login(users.office_leader)
    html = client.get(reverse("notices:create", args=[tree.stc.pk])).content.decode()
    shown = preview_ids(html)
    expected = [world.overdue, world.other_department, world.overdue_started, world.deadline_today]
    assert shown == [t.pk for t in expected] + [world.soon.pk, world.soon_weekend.pk]
    assert world.later.pk not in shown and world.other_unit.pk not in shown
    response = issue_through_pages(client, users.office_leader, tree.stc, untick={world.soon.pk})
    notice = UrgingNotice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("notices:detail", args=[notice.pk])
    assert world.soon not in notice.tasks.all() and notice.tasks.count() == 5
    assert notice.signer == deputy  # the issuing Office leader's own signer block is proposed
    download = client.get(reverse("notices:download", args=[notice.pk]))
    assert download.status_code == 200
    assert "wordprocessingml" in download["Content-Type"]
    assert ".docx" in download["Content-Disposition"]
    doc = docx_of(b"".join(download.streaming_content))
    assert [r.cells[1].text for r in task_table(doc).rows[1:]] == [
        t.content for t in expected + [world.soon_weekend]
    ]


def test_window_days_changes_the_preview(client, tree, users, world):
    client.force_login(users.office_leader)
    url = reverse("notices:create", args=[tree.stc.pk])
    wider = preview_ids(client.get(url, {"window_days": 15}).content.decode())
    assert world.later.pk in wider  # 20/03 is within 15 working days of 02/03
    narrow = preview_ids(client.get(url, {"window_days": 1}).content.decode())
    assert world.soon.pk not in narrow and world.deadline_today.pk in narrow


@pytest.mark.parametrize("typed", ["0", "-1", "1000", "abc"])
def test_a_refused_window_says_so_and_which_is_used(client, tree, users, world, typed):
    client.force_login(users.office_leader)
    for url in (reverse("notices:create", args=[tree.stc.pk]), reverse("notices:list")):
        page = client.get(url, {"window_days": typed}).content.decode()
        assert 'data-testid="window-error"' in page and "Đang dùng 5 ngày." in page, url


def test_nothing_ticked_is_refused_in_vietnamese(client, tree, users, world):
    client.force_login(users.office_leader)
    url = reverse("notices:create", args=[tree.stc.pk])
    data = flat(form_fields(client.get(url).content.decode(), value="issue-form"))
    data.pop("tasks")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Chọn ít nhất một nhiệm vụ để đôn đốc." in response.content.decode()
    assert not UrgingNotice.objects.exists()


def test_unit_users_cannot_issue(client, tree, users, world):
    client.force_login(users.stc_officer)
    assert client.get(reverse("notices:create", args=[tree.stc.pk])).status_code == 403
    post = client.post(reverse("notices:create", args=[tree.stc.pk]), {"tasks": [world.overdue.pk]})
    assert post.status_code == 403
    assert not UrgingNotice.objects.exists()
    html = client.get(reverse("notices:list")).content.decode()
    assert 'data-testid="units-to-urge"' not in html


def test_who_sees_which_notice(client, tree, users, world):
    response = issue_through_pages(client, users.office_leader, tree.stc)
    assert response.status_code == 302
    notice = UrgingNotice.objects.get()
    skhdt_officer = UserFactory(username="skhdt_daumoi", unit_officer=True, unit=tree.skhdt)
    detail = reverse("notices:detail", args=[notice.pk])
    download = reverse("notices:download", args=[notice.pk])
    for user, seen in [
        (users.stc_officer, True),  # the unit it was sent to
        (users.monitoring_officer, True),  # the Office
        (users.office_clerk, True),
        (users.provincial_leader, True),
        (skhdt_officer, False),  # another unit: as if it did not exist
        (users.district_officer, False),
    ]:
        client.force_login(user)
        for url in (detail, download):
            assert client.get(url).status_code == (200 if seen else 404), (user.username, url)
        listed = (
            reverse("notices:detail", args=[notice.pk])
            in client.get(reverse("notices:list")).content.decode()
        )
        assert listed == seen
    client.force_login(users.stc_officer)
    assert client.get(reverse("notices:download", args=[notice.pk + 1000])).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302  # to the login page


def test_sub_unit_does_not_see_its_parents_notice(client, tree, users, world):
    issue_through_pages(client, users.office_leader, tree.stc)
    sub = UnitFactory(name="Phòng Quản lý ngân sách", parent=tree.stc)
    client.force_login(UserFactory(username="qlns", unit_officer=True, unit=sub))
    assert client.get(reverse("notices:detail", args=[UrgingNotice.objects.get().pk])).status_code == 404


def test_task_page_shows_urged_on_from_the_journal(client, tree, users, world):
    client.force_login(users.stc_officer)
    task_url = reverse("tasks:detail", args=[world.overdue.pk])
    assert 'data-testid="urged-on"' not in client.get(task_url).content.decode()
    issue_through_pages(client, users.office_leader, tree.stc)
    client.force_login(users.stc_officer)
    html = client.get(task_url).content.decode()
    assert "Đã đôn đốc ngày 02/03/2026" in text_of(html)
    assert "Văn phòng gửi văn bản đôn đốc" in text_of(html)  # the journal row's label
    assert TaskEvent.objects.filter(task=world.overdue, kind=EventKind.URGING_NOTICE).count() == 1


def test_sidebar_and_task_list_lead_to_notices(client, tree, users, world):
    client.force_login(users.stc_officer)
    assert reverse("notices:list") in client.get(reverse("tasks:list")).content.decode()
    html = client.get(reverse("tasks:list"), {"unit": tree.stc.pk}).content.decode()
    assert 'data-testid="urge-unit"' not in html  # a unit does not urge
    client.force_login(users.monitoring_officer)
    html = client.get(reverse("tasks:list"), {"unit": tree.stc.pk}).content.decode()
    assert reverse("notices:create", args=[tree.stc.pk]) in html
