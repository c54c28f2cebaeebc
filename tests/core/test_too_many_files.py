"""More files in one form than Django reads (DATA_UPLOAD_MAX_NUMBER_FILES): the 400 page says so in Vietnamese
(finding #7), and the page tells the browser the limit, so that it stops such a form before sending it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.web.conftest import PDF
from tests.web.helpers import text_of

pytestmark = pytest.mark.django_db

TOO_MANY = (
    "Mỗi lần gửi tối đa 100 tệp; trang vừa gửi có nhiều tệp hơn nên chưa có gì được lưu. Hãy bấm nút Quay lại "
    "của trình duyệt (những gì đã gõ thường vẫn còn), gộp các trang quét thành một tệp PDF hoặc bớt tệp, rồi "
    "gửi lại."
)


def scans(n: int) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"trang-{i:03d}.pdf", PDF, content_type="application/pdf") for i in range(n)]


def test_the_default_limit_is_100_files(settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 100


def test_more_files_than_allowed_are_named_as_the_cause(client, clerk):
    from vic.directives.models import Directive

    client.force_login(clerk)
    response = client.post("/van-ban/nhap/", {"abstract": "Về việc…", "files": scans(120)})
    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert "Yêu cầu không hợp lệ" in text and TOO_MANY in text
    assert "Trang đã quá hạn" not in text
    assert not Directive.objects.exists()


def test_the_limit_is_the_setting(client, users, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    client.force_login(users.stc_officer)
    response = client.post("/kho-khan/moi/", {"subject": "Thử", "files": scans(4)})
    assert response.status_code == 400
    assert "Mỗi lần gửi tối đa 3 tệp;" in text_of(response.content.decode())


def test_other_bad_requests_keep_the_general_page(client, clerk, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    client.force_login(clerk)
    response = client.post("/van-ban/nhap/", {f"f{i}": "x" for i in range(10)})
    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert "Trang đã quá hạn hoặc dữ liệu gửi lên không đúng." in text and "tối đa" not in text


def test_every_page_tells_the_browser_the_limit(client, clerk):
    client.force_login(clerk)
    html = client.get("/van-ban/nhap/").content.decode()
    assert 'data-files-max="100"' in html
    assert (
        'data-too-many-files="Mỗi lần gửi tối đa 100 tệp, bạn đã chọn {count} tệp: hãy gộp các trang quét '
        'thành một tệp PDF hoặc bớt tệp rồi gửi lại."'
    ) in html
