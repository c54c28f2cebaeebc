"""The difficulty pages: units raise and follow up, the Office answers and sees the count; a unit guessing
another unit's address gets 404 and changes nothing."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.web.conftest import PDF
from tests.web.helpers import flat, form_fields, messages_of, text_of

from vic.difficulties import actions
from vic.difficulties.models import About, Difficulty, DifficultyFile, DifficultyMessage, State
from vic.tasks.models import EventKind

pytestmark = pytest.mark.django_db


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.content.decode()


def badge(html: str) -> str | None:
    match = re.search(r'data-testid="open-difficulties"[^>]*>(\d+)<', html)
    return match.group(1) if match else None


def test_unit_raises_from_the_task_page(client, users, task):
    client.force_login(users.stc_officer)
    html = page(client, reverse("tasks:detail", args=[task.pk]))
    assert 'data-testid="task-difficulties"' in html
    link = f"/kho-khan/moi/?task={task.pk}"
    assert link in html
    html = page(client, link)
    fields = flat(form_fields(html, value="difficulty-form"))
    assert fields["about"] == About.TASK and fields["task"] == str(task.pk)
    fields.update(subject="Thiếu hướng dẫn nguồn vốn", description="Đề nghị Văn phòng xin ý kiến.")
    fields["files"] = SimpleUploadedFile("cong-van.pdf", PDF)
    response = client.post(link, fields)
    assert messages_of(response) == ["Đã gửi khó khăn, vướng mắc đến Văn phòng."]
    d = Difficulty.objects.get()
    assert d.task == task and d.files.get().original_name == "cong-van.pdf"
    text = text_of(page(client, reverse("tasks:detail", args=[task.pk])))
    assert f"#{d.pk} Thiếu hướng dẫn nguồn vốn" in text and "Chờ Văn phòng trả lời" in text
    assert "Đơn vị báo cáo khó khăn, vướng mắc" in text  # the journal row


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"subject": ""}, "Trường này là bắt buộc."),
        ({"about": "task", "task": ""}, "Chọn nhiệm vụ có khó khăn, vướng mắc."),
        ({"about": "khac"}, "Giá trị “khac” không có trong danh sách chọn; hãy chọn lại."),
        (
            {"files": SimpleUploadedFile("virus.exe", b"MZ\x90\x00")},
            "Tệp “virus.exe” không thuộc định dạng được phép",
        ),
        ({"files": SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00")}, "không đúng định dạng .pdf"),
    ],
)
def test_bad_input_is_explained_and_kept(client, users, task, extra, error):
    client.force_login(users.stc_officer)
    data = {
        "about": About.SYSTEM,
        "task": "",
        "subject": "Không đăng nhập được",
        "description": "Chi tiết lỗi",
    }
    data.update(extra)
    response = client.post(reverse("difficulties:create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in text_of(html)
    assert flat(form_fields(html, value="difficulty-form"))["description"] == "Chi tiết lỗi"
    assert not Difficulty.objects.exists() and not DifficultyFile.objects.exists()


def test_oversized_file(client, users, settings):
    client.force_login(users.stc_officer)
    settings.VIC_UPLOAD_MAX_BYTES = 100
    data = {
        "about": About.SYSTEM,
        "subject": "A",
        "description": "B",
        "files": SimpleUploadedFile("a.pdf", PDF),
    }
    response = client.post(reverse("difficulties:create"), data)
    assert response.status_code == 400 and "vượt giới hạn" in text_of(response.content.decode())


def test_office_answers_and_sees_the_count(client, users, task, about_task, about_system):
    client.force_login(users.monitoring_officer)
    html = page(client, reverse("difficulties:list"))
    assert badge(html) == "2"
    text = text_of(html)
    assert "Chưa có hướng dẫn của Bộ Tài chính" in text and "Không tải được tệp báo cáo lớn" in text
    text = text_of(page(client, reverse("difficulties:detail", args=[about_task.pk])))
    assert "Chuyên viên theo dõi nhiệm vụ" in text
    url = reverse("difficulties:act", args=[about_task.pk, "tra-loi"])
    response = client.post(url, {"tra-loi-text": ""})
    assert response.status_code == 400 and "Trường này là bắt buộc." in text_of(response.content.decode())
    response = client.post(url, {"tra-loi-text": "Văn phòng đã trình UBND tỉnh."})
    assert messages_of(response) == ["Đã gửi câu trả lời cho đơn vị."]
    about_task.refresh_from_db()
    assert about_task.state == State.ANSWERED
    assert badge(page(client, reverse("difficulties:list"))) == "1"
    assert about_task.task.events.filter(kind=EventKind.DIFFICULTY_ANSWERED).count() == 1


def test_units_see_no_count_and_only_their_own(client, users, about_task, about_system):
    client.force_login(users.stc_officer)
    html = page(client, reverse("difficulties:list"))
    assert badge(html) is None
    text = text_of(html)
    assert "Chưa có hướng dẫn của Bộ Tài chính" in text and "Không tải được tệp báo cáo lớn" not in text


def test_guessing_another_units_difficulty(client, users, about_task, about_system):
    with_file = actions.follow_up(
        users.district_officer,
        about_system,
        "Ảnh chụp màn hình",
        [SimpleUploadedFile("loi.png", b"\x89PNG\r\n")],
    )
    client.force_login(users.stc_officer)
    before = (DifficultyMessage.objects.count(), Difficulty.objects.get(pk=about_system.pk).version)
    assert client.get(reverse("difficulties:detail", args=[about_system.pk])).status_code == 404
    assert client.get(reverse("difficulties:file", args=[with_file.files.get().pk])).status_code == 404
    for slug, data in [
        ("trao-doi", {"trao-doi-text": "x"}),
        ("dong", {}),
        ("tra-loi", {"tra-loi-text": "x"}),
    ]:
        response = client.post(reverse("difficulties:act", args=[about_system.pk, slug]), data)
        assert response.status_code == 404
    assert before == (DifficultyMessage.objects.count(), Difficulty.objects.get(pk=about_system.pk).version)
    # the Office answers, not the unit: its own difficulty's answer form is refused
    response = client.post(
        reverse("difficulties:act", args=[about_task.pk, "tra-loi"]), {"tra-loi-text": "x"}
    )
    assert response.status_code == 403


def test_unit_closes_and_reopens(client, users, about_task):
    actions.answer(users.monitoring_officer, about_task, "Đã trả lời.")
    client.force_login(users.stc_officer)
    html = page(client, reverse("difficulties:detail", args=[about_task.pk]))
    assert 'data-testid="form-dong"' in html and 'data-testid="form-tra-loi"' not in html
    response = client.post(reverse("difficulties:act", args=[about_task.pk, "dong"]), {"dong-note": "Đã rõ."})
    assert messages_of(response) == ["Đã đóng khó khăn, vướng mắc."]
    text = text_of(page(client, reverse("difficulties:detail", args=[about_task.pk])))
    assert "Đã đóng" in text and "Mở lại, trao đổi thêm" in text
    response = client.post(
        reverse("difficulties:act", args=[about_task.pk, "trao-doi"]),
        {"trao-doi-text": "Phát sinh vướng mắc mới."},
    )
    assert messages_of(response) == ["Đã gửi trao đổi thêm đến Văn phòng."]
    about_task.refresh_from_db()
    assert about_task.state == State.OPEN


def test_answering_a_closed_difficulty_keeps_the_text(client, users, about_task):
    client.force_login(users.monitoring_officer)
    actions.close(users.stc_officer, about_task)
    response = client.post(
        reverse("difficulties:act", args=[about_task.pk, "tra-loi"]),
        {"tra-loi-text": "Câu trả lời dài đã gõ"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Đơn vị đã đóng khó khăn, vướng mắc này" in text_of(html)
    assert flat(form_fields(html, value="form-tra-loi"))["tra-loi-text"] == "Câu trả lời dài đã gõ"


def test_list_filters(client, users, task, about_task, about_system):
    actions.answer(users.monitoring_officer, about_system, "Tăng giới hạn lên 100 MB.")
    client.force_login(users.office_leader)
    url = reverse("difficulties:list")

    def subjects(query) -> set[str]:
        html = client.get(url + "?" + query).content.decode()
        table = text_of(html.split('data-testid="difficulty-table"', 1)[1].split("</table>", 1)[0])
        return {d.subject for d in (about_task, about_system) if d.subject in table}

    assert subjects("state=open") == {about_task.subject}
    assert subjects("state=answered") == {about_system.subject}
    assert subjects("about=task") == {about_task.subject}
    assert subjects("about=system") == {about_system.subject}
    assert subjects(f"unit={about_system.unit_id}") == {about_system.subject}
    assert subjects("q=tai+tep") == {about_system.subject}
    assert subjects("state=bogus") == set()
    client.force_login(users.monitoring_officer)
    assert subjects("mine=on") == {about_task.subject}  # the task they follow


def test_coordinating_unit_does_not_see_the_leads_difficulty_on_the_task(client, about_task, skhdt_officer):
    client.force_login(skhdt_officer)
    text = text_of(page(client, reverse("tasks:detail", args=[about_task.task_id])))
    assert "Chưa có hướng dẫn của Bộ Tài chính" not in text
    assert "Chưa có khó khăn, vướng mắc nào về nhiệm vụ này." in text
