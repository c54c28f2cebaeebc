"""The Word template: the built-in one is what its builder makes; an administrator's upload through the
admin replaces it; a broken upload is refused in Vietnamese and the template in use stays."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import docx_bytes

from vic.notices import default_template, document
from vic.notices.actions import issue_notice
from vic.notices.models import NoticeTemplate

from .conftest import docx_of, text_of

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:notices_noticetemplate_add")


TASKS = "{% for t in tasks %}{{ t.content }}; {% endfor %}"  # the list a notice exists for


def upload(client, name: str, data: bytes, title: str = "Mẫu của Văn phòng"):
    return client.post(ADD_URL, {"name": title, "file": SimpleUploadedFile(name, data)})


def issued_text(users, tree, world) -> str:
    notice = issue_notice(users.office_leader, tree.stc, [world.overdue.pk])
    with notice.file.open("rb") as f:
        return text_of(docx_of(f.read()))


@pytest.fixture
def admin_client(client, users):
    users.admin.is_staff = users.admin.is_superuser = True
    users.admin.save()
    client.force_login(users.admin)
    return client


def test_shipped_template_is_what_the_builder_makes(tmp_path):
    rebuilt = default_template.build(tmp_path / "mau.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(rebuilt)) as a, zipfile.ZipFile(document.DEFAULT_TEMPLATE) as b:
        for part in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
            assert a.read(part) == b.read(part), f"{part}: chạy lại python -m vic.notices.default_template"


def test_replacement_uploaded_through_admin_is_used(admin_client, users, tree, world):
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in issued_text(users, tree, world)
    data = docx_bytes(
        "MẪU RIÊNG CỦA VĂN PHÒNG TỈNH",
        "Kính gửi: {{ recipient }}",
        "{% for t in tasks %}{{ t.no }}. {{ t.content }} — {{ t.deadline }}{% endfor %}",
    )
    response = upload(admin_client, "mau-don-doc.docx", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    template = NoticeTemplate.objects.get()
    assert template.is_active and template.uploaded_by == users.admin
    assert template.original_name == "mau-don-doc.docx"
    text = issued_text(users, tree, world)
    assert "MẪU RIÊNG CỦA VĂN PHÒNG TỈNH" in text
    assert "Kính gửi: Sở Tài chính" in text
    assert f"1. {world.overdue.content} — 23/02/2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("mau.docx", b"Day khong phai tep Word", "không phải tệp Word .docx"),
        ("mau.docx", docx_bytes("Kính gửi: {{ recipient }", "{% for t in tasks %}"), "Mẫu có lỗi ở thẻ"),
        ("mau.docx", docx_bytes("{% if recipient %}không đóng thẻ"), "Mẫu có lỗi ở thẻ"),
        ("mau.doc", b"\xd0\xcf\x11\xe0 old word", "Mẫu phải là tệp Word .docx"),
    ],
)
def test_broken_upload_is_refused_and_the_old_template_stays(
    admin_client, users, tree, world, name, data, message
):
    good = upload(
        admin_client, "mau-tot.docx", docx_bytes("MẪU ĐANG DÙNG {{ recipient }}", TASKS), "Mẫu đang dùng"
    )
    assert good.status_code == 302
    response = upload(admin_client, name, data, "Mẫu hỏng")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert list(NoticeTemplate.objects.values_list("name", "is_active")) == [("Mẫu đang dùng", True)]
    assert "MẪU ĐANG DÙNG Sở Tài chính" in issued_text(users, tree, world)


def test_a_zip_that_is_not_word_is_refused(admin_client):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    response = upload(admin_client, "mau.docx", out.getvalue())
    assert response.status_code == 200
    assert "không phải tệp Word .docx" in response.content.decode()
    assert not NoticeTemplate.objects.exists()


def test_sandbox_refuses_python_internals(admin_client):
    data = docx_bytes("{{ recipient.__class__.__mro__ }}{{ ''.__class__.__subclasses__() }}")
    response = upload(admin_client, "mau.docx", data)
    assert response.status_code == 200
    assert "Mẫu không tạo được văn bản" in response.content.decode()
    assert not NoticeTemplate.objects.exists()


def test_back_to_the_built_in_template(admin_client, users, tree, world):
    upload(admin_client, "mau.docx", docx_bytes("MẪU TẠM {{ recipient }}", TASKS))
    changelist = reverse("admin:notices_noticetemplate_changelist")
    admin_client.post(
        changelist, {"action": "use_built_in", "_selected_action": [NoticeTemplate.objects.get().pk]}
    )
    assert not NoticeTemplate.objects.filter(is_active=True).exists()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in issued_text(users, tree, world)


def test_only_staff_reach_the_template_admin(client, users):
    client.force_login(users.office_leader)
    assert client.get(ADD_URL).status_code == 302  # the admin sends non-staff users to its login


def test_a_letter_without_the_notices_fields_is_refused(admin_client):
    """A plain letter uploaded by mistake would turn every notice into a blank page."""
    response = upload(admin_client, "thu.docx", docx_bytes("Kính gửi: {{ recipient }}", "Trân trọng."))
    assert response.status_code == 200
    assert "Mẫu chưa có các thẻ số liệu cần thiết: {{ tasks }}" in response.content.decode()
