"""The inspection pages as officials use them: Vietnamese, scoped to the user, bad input kept and explained."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.inspections.conftest import record
from tests.web.conftest import PDF
from tests.web.helpers import flat, form_fields, messages_of, text_of

from vic.inspections import actions
from vic.inspections.models import Inspection, InspectionFile
from vic.tasks.models import EventKind, Task, TaskEvent

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return text_of(response.content.decode())


def create_data(tree, world, **extra) -> dict:
    data = {
        "title": "Kiểm tra việc thực hiện nhiệm vụ tại Sở Tài chính",
        "basis": "Kế hoạch số 12/KH-VP",
        "started_on": "24/02/2026",
        "ended_on": "",
        "leader": "",
        "leader_name": "Trần Văn Bình, Phó Chánh Văn phòng",
        "other_members": "",
        "units": [str(tree.stc.pk)],
        "tasks": f"#{world.stc_task.pk}, {world.stc_done.pk}",
        "findings": "Giải ngân mới đạt 35% kế hoạch vốn.",
        "conclusion": "Đề nghị Sở đẩy nhanh tiến độ.",
    }
    data.update(extra)
    return data


def test_office_records_an_inspection_through_the_page(client, users, tree, world):
    client.force_login(users.monitoring_officer)
    text = page(client, reverse("inspections:create"))
    assert "Ghi nhận đợt kiểm tra" in text and "Đơn vị được kiểm tra" in text
    response = client.post(
        reverse("inspections:create"), create_data(tree, world, files=SimpleUploadedFile("bien-ban.pdf", PDF))
    )
    assert messages_of(response) == ["Đã ghi nhận đợt kiểm tra."]
    inspection = Inspection.objects.get()
    assert set(inspection.tasks.all()) == {world.stc_task, world.stc_done}
    assert inspection.files.get().original_name == "bien-ban.pdf"
    text = page(client, reverse("inspections:detail", args=[inspection.pk]))
    assert "24/02/2026" in text and "Giải ngân mới đạt 35% kế hoạch vốn." in text
    # checked tasks with their status derived today (02/03/2026)
    assert "Chưa thực hiện quá hạn" in text and "Hoàn thành đúng hạn" in text
    assert "quá hạn 7 ngày" in text  # 20/02/2026 falls in Tết: in force from 23/02/2026
    task_page = page(client, reverse("tasks:detail", args=[world.stc_task.pk]))
    assert (
        "Được kiểm tra" in task_page
        and "Được kiểm tra trong đợt kiểm tra “Kiểm tra việc thực hiện nhiệm vụ tại Sở Tài chính”"
        in task_page
    )


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"started_on": "31/02/2026"}, "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 23/05/2026)."),
        ({"started_on": ""}, "Trường này là bắt buộc."),
        ({"title": ""}, "Trường này là bắt buộc."),
        ({"units": []}, "Chọn ít nhất một đơn vị được kiểm tra."),
        ({"leader_name": ""}, "Chọn trưởng đoàn hoặc ghi họ tên, chức vụ trưởng đoàn."),
        ({"tasks": "12a"}, "“12a” không phải mã nhiệm vụ"),
        ({"tasks": "999999"}, "Không tìm thấy nhiệm vụ #999999 (hoặc bạn không được xem)."),
        ({"ended_on": "20/02/2026"}, "“Đến ngày” không được trước ngày kiểm tra."),
        ({"started_on": "03/03/2026"}, "Ngày kiểm tra không được sau ngày hôm nay"),
    ],
)
def test_bad_input_is_explained_and_kept(client, users, tree, world, extra, error):
    client.force_login(users.monitoring_officer)
    response = client.post(reverse("inspections:create"), create_data(tree, world, **extra))
    assert response.status_code == 400
    html = response.content.decode()
    assert error in text_of(html)
    assert "Chưa lưu: kiểm tra các ô báo lỗi màu đỏ." in text_of(html) or "form-error" in html
    kept = flat(form_fields(html, value="inspection-form"))
    assert kept["findings"] == "Giải ngân mới đạt 35% kế hoạch vốn."  # nothing typed is lost
    assert kept["basis"] == "Kế hoạch số 12/KH-VP"
    assert not Inspection.objects.exists()
    assert not TaskEvent.objects.filter(kind=EventKind.INSPECTED).exists()


def test_bad_files_are_refused_in_vietnamese(client, users, tree, world, settings):
    client.force_login(users.monitoring_officer)
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 40)
    response = client.post(reverse("inspections:create"), create_data(tree, world, files=exe))
    assert response.status_code == 400
    assert "Tệp “setup.exe” không thuộc định dạng được phép" in text_of(response.content.decode())
    settings.VIC_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("bao-cao.pdf", PDF)
    response = client.post(reverse("inspections:create"), create_data(tree, world, files=big))
    assert response.status_code == 400
    assert "vượt giới hạn" in text_of(response.content.decode())
    assert not Inspection.objects.exists() and not InspectionFile.objects.exists()


def test_list_filters_and_search(client, users, tree, world, inspection):
    with_city = record(
        users.monitoring_officer,
        [tree.city],
        [world.city_task],
        title="Kiểm tra công tác chỉnh trang đô thị",
        started_on=D("2025-11-10"),
        ended_on=None,
        findings="Thành phố đã hoàn thành 80% khối lượng.",
        conclusion="",
        leader_name="Lê Văn Tâm",
    )
    client.force_login(users.provincial_leader)
    url = reverse("inspections:list")
    text = page(client, url)
    assert "Kiểm tra việc thực hiện nhiệm vụ" in text and "Kiểm tra công tác chỉnh trang đô thị" in text

    def titles(query) -> list[str]:
        html = client.get(url + "?" + query).content.decode()
        table = html.split('data-testid="inspection-table"', 1)[1].split("</table>", 1)[0]
        return [i.title for i in Inspection.objects.all() if i.title in text_of(table)]

    assert titles("year=2025") == [with_city.title]
    assert titles(f"unit={tree.stc.pk}") == [inspection.title]
    assert titles("q=chinh+trang") == [with_city.title]
    assert titles("q=chỉnh+trang") == [with_city.title]
    assert titles("q=khong+co+gi") == []
    assert titles("year=abc") == []  # an invalid filter shows nothing, never everything


def test_units_read_only_the_inspections_they_were_part_of(client, users, tree, world, inspection):
    other = record(users.monitoring_officer, [tree.city], [world.city_task], title="Kiểm tra thành phố")
    actions.attach_inspection_file(users.monitoring_officer, other, SimpleUploadedFile("kl.pdf", PDF))
    client.force_login(users.stc_officer)
    text = page(client, reverse("inspections:list"))
    assert inspection.title in text and "Kiểm tra thành phố" not in text
    assert "Ghi nhận đợt kiểm tra" not in text
    text = page(client, reverse("inspections:detail", args=[inspection.pk]))
    assert "Sửa đợt kiểm tra" not in text and "Tạo nhiệm vụ sau kiểm tra" not in text
    # another inspection's address, its file, its forms: 404, and nothing changes
    before = (Inspection.objects.get(pk=other.pk).version, Task.objects.count(), TaskEvent.objects.count())
    assert client.get(reverse("inspections:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("inspections:edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("inspections:file", args=[other.files.get().pk])).status_code == 404
    assert (
        client.post(reverse("inspections:follow_up", args=[other.pk]), {"sau-content": "x"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("inspections:add_tasks", args=[other.pk]), {"task": world.stc_task.pk}
        ).status_code
        == 404
    )
    assert before == (
        Inspection.objects.get(pk=other.pk).version,
        Task.objects.count(),
        TaskEvent.objects.count(),
    )
    # its own inspection: reading yes, writing no
    assert client.get(reverse("inspections:edit", args=[inspection.pk])).status_code == 403
    assert client.get(reverse("inspections:create")).status_code == 403


def test_concurrent_edits_keep_both_changes(client, users, tree, world, inspection, clerk):
    client.force_login(users.monitoring_officer)
    url = reverse("inspections:edit", args=[inspection.pk])
    fields = flat(form_fields(client.get(url).content.decode(), value="inspection-form"))
    # meanwhile the clerk corrects the conclusion
    actions.update_inspection(
        clerk, inspection, {"conclusion": "Kết luận do văn thư sửa."}, expected_version=1
    )
    fields["findings"] = "Kết quả do chuyên viên bổ sung."
    response = client.post(url, fields)
    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert "Đợt kiểm tra đã được" in text and "sau khi bạn mở trang" in text
    kept = flat(form_fields(response.content.decode(), value="inspection-form"))
    assert kept["findings"] == "Kết quả do chuyên viên bổ sung."
    inspection.refresh_from_db()
    assert inspection.findings.startswith("Sở đã triển khai")
    response = client.post(url, kept)  # saving again applies this user's change only
    assert messages_of(response) == ["Đã lưu thay đổi của đợt kiểm tra."]
    inspection.refresh_from_db()
    assert inspection.findings == "Kết quả do chuyên viên bổ sung."
    assert inspection.conclusion == "Kết luận do văn thư sửa."
    assert inspection.version == 3


def test_adding_checked_tasks_by_search(client, users, tree, world, inspection):
    client.force_login(users.monitoring_officer)
    url = reverse("inspections:detail", args=[inspection.pk])
    html = client.get(url + "?tim=ke+hoach+dau+tu&cua_don_vi=on").content.decode()
    results = html.split('data-testid="task-results"', 1)[1].split("</form>", 1)[0]
    assert f'value="{world.skhdt_task.pk}"' in results  # Sở Tài chính coordinates it
    assert f'value="{world.city_task.pk}"' not in results
    response = client.post(
        reverse("inspections:add_tasks", args=[inspection.pk]), {"task": [world.skhdt_task.pk]}
    )
    assert messages_of(response) == ["Đã thêm 1 nhiệm vụ được kiểm tra."]
    assert world.skhdt_task in inspection.tasks.all()
    assert world.skhdt_task.events.filter(kind=EventKind.INSPECTED).count() == 1


def follow_up_data(tree, **extra) -> dict:
    data = {
        "content": "Tham mưu giải pháp đẩy nhanh giải ngân vốn đầu tư công",
        "lead_unit": tree.stc.pk,
        "deadline": "31/03/2026",
        "monitoring_department": tree.th.pk,
        "deliver": "on",
        "number": "45/TB-VP",
        "issuer": "Văn phòng UBND tỉnh Lai Châu",
        "issue_date": "27/02/2026",
        "signer_name": "Trần Văn Bình",
    }
    data.update(extra)
    return {f"sau-{k}": v for k, v in data.items()}


def test_follow_up_task_from_the_inspection_page(client, clerk, tree, inspection):
    client.force_login(clerk)
    url = reverse("inspections:detail", args=[inspection.pk])
    assert "Tạo nhiệm vụ sau kiểm tra" in page(client, url)
    response = client.post(reverse("inspections:follow_up", args=[inspection.pk]), follow_up_data(tree))
    assert messages_of(response) == ["Đã giao 1 nhiệm vụ sau kiểm tra cho đơn vị."]
    task = inspection.follow_up_tasks.get()
    assert task.lead_unit == tree.stc and task.delivered_on == D("2026-03-02")
    text = page(client, url)
    section = text.split("Nhiệm vụ sau kiểm tra (1)", 1)[1]
    assert "Tham mưu giải pháp đẩy nhanh giải ngân" in section and "Chưa thực hiện trong hạn" in section
    assert "Thông báo kết luận 45/TB-VP ngày 27/02/2026" in text
    # the notice exists now: the form asks only for the task
    html = client.get(url).content.decode()
    assert "sau-issue_date" not in html and "sau-content" in html


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"deadline": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"deadline": "20/02/2026"}, "Thời hạn 20/02/2026 trước ngày ban hành văn bản (27/02/2026)."),
        ({"content": ""}, "Trường này là bắt buộc."),
        ({"issue_date": "20/02/2026"}, "không được trước ngày kiểm tra (24/02/2026)"),
        ({"number": "45a"}, "Số văn bản chỉ gồm chữ số"),
    ],
)
def test_follow_up_bad_input(client, clerk, tree, inspection, extra, error):
    client.force_login(clerk)
    tasks_before = Task.objects.count()
    response = client.post(
        reverse("inspections:follow_up", args=[inspection.pk]), follow_up_data(tree, **extra)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert error in text_of(html)
    kept = flat(form_fields(html, value="follow-up-form"))
    assert kept["sau-signer_name"] == "Trần Văn Bình"
    assert Task.objects.count() == tasks_before and not inspection.follow_up_tasks.exists()


def test_monitoring_officer_sees_who_registers_follow_ups(client, users, inspection, tree):
    client.force_login(users.monitoring_officer)
    text = page(client, reverse("inspections:detail", args=[inspection.pk]))
    assert "Nhiệm vụ sau kiểm tra do văn thư hoặc lãnh đạo Văn phòng (người nhập nhiệm vụ) giao." in text
    response = client.post(reverse("inspections:follow_up", args=[inspection.pk]), follow_up_data(tree))
    assert response.status_code == 403


def test_sidebar_links(client, users):
    client.force_login(users.stc_officer)
    html = client.get(reverse("inspections:list")).content.decode()
    assert 'href="/kiem-tra/"' in html and 'href="/kho-khan/"' in html
