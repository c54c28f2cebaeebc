"""The reports' Word templates: an administrator's upload (admin "Mẫu báo cáo (Word)") replaces the
built-in template of its kind only; a broken one is refused in Vietnamese and the one in use stays."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from tests.factories import docx_bytes
from tests.reporting.test_exports_world import all_text

from vic.reporting import content
from vic.reporting.exports import word
from vic.reporting.models import ReportTemplate
from vic.reporting.periods import parse

pytestmark = pytest.mark.django_db
# The figures a compiled report exists for.
FIGURES = "{% for r in units %}{{ r.name }} {{ r.total }}; {% endfor %}{{ total.total }} {{ overdue|length }}"

ADD_URL = reverse("admin:reporting_reporttemplate_add")
MAY = parse("monthly", "2026-05")


def text_of(data: bytes) -> str:
    return all_text(Document(io.BytesIO(data)))


def upload(client, kind: str, data: bytes, name: str = "Mẫu của Văn phòng"):
    return client.post(ADD_URL, {"kind": kind, "name": name, "file": SimpleUploadedFile("mau.docx", data)})


@pytest.fixture
def admin_client(client, users):
    users.admin.is_staff = users.admin.is_superuser = True
    users.admin.save()
    client.force_login(users.admin)
    return client


def compiled_text(users) -> str:
    return text_of(word.compiled_docx(content.compiled(users.office_leader, MAY)))


def test_upload_replaces_the_compiled_template_only(admin_client, users, tree):
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in compiled_text(users)
    response = upload(
        admin_client, "compiled", docx_bytes("MẪU TỈNH: {{ subject }} — gửi {{ recipient }}", FIGURES)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template = ReportTemplate.objects.get()
    assert (template.kind, template.is_active, template.uploaded_by) == ("compiled", True, users.admin)
    text = compiled_text(users)
    assert "MẪU TỈNH:" in text and "tháng 5 năm 2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    unit = content.unit_period(users.stc_officer, tree.stc, MAY)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text_of(word.unit_docx(unit))  # the other kind's stays


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Day khong phai tep Word", "không phải tệp Word .docx"),
        (docx_bytes("{{ subject }"), "Mẫu có lỗi ở thẻ"),
        (docx_bytes("{{ subject.__class__.__mro__ }}"), "Mẫu không tạo được văn bản"),
    ],
)
def test_broken_upload_is_refused_and_the_template_in_use_stays(admin_client, users, data, message):
    assert (
        upload(
            admin_client, "compiled", docx_bytes("MẪU ĐANG DÙNG {{ subject }}", FIGURES), "Đang dùng"
        ).status_code
        == 302
    )
    response = upload(admin_client, "compiled", data, "Mẫu hỏng")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(ReportTemplate.objects.values_list("name", "is_active")) == [("Đang dùng", True)]
    assert "MẪU ĐANG DÙNG" in compiled_text(users)


def test_back_to_the_built_in_template(admin_client, users):
    upload(admin_client, "compiled", docx_bytes("MẪU TẠM {{ subject }}", FIGURES))
    changelist = reverse("admin:reporting_reporttemplate_changelist")
    admin_client.post(
        changelist, {"action": "use_built_in", "_selected_action": [ReportTemplate.objects.get().pk]}
    )
    assert not ReportTemplate.objects.filter(is_active=True).exists()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in compiled_text(users)


@pytest.mark.parametrize("kind", ["compiled", "unit"])
def test_shipped_templates_are_what_the_builder_makes(tmp_path, kind):
    import zipfile

    from vic.reporting.exports import default_templates

    rebuilt = default_templates.build(kind, tmp_path / "mau.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(rebuilt)) as a, zipfile.ZipFile(default_templates.FILES[kind]) as b:
        for part in ("word/document.xml", "word/styles.xml"):
            assert a.read(part) == b.read(part), (
                f"{part}: chạy lại python -m vic.reporting.exports.default_templates"
            )


def test_a_report_template_without_its_figures_is_refused(admin_client):
    response = upload(
        admin_client, "compiled", docx_bytes("BÁO CÁO {{ subject }}", "Kính gửi {{ recipient }}")
    )
    assert response.status_code == 200
    assert (
        "Mẫu chưa có các thẻ số liệu cần thiết: {{ units }}, {{ total }}, {{ overdue }}"
        in response.content.decode()
    )
