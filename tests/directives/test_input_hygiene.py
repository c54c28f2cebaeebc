"""What a clerk pastes into the register page is stored clean: no control characters (Word's manual line
break becomes a line break), no invisible characters in a document's identity."""

from __future__ import annotations

import pytest
from tests.web.conftest import TODAY
from tests.web.test_register_page import ROW, RegisterPage, errors_of, nothing_saved

from vic.core import clock
from vic.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


@pytest.fixture
def page(client, clerk, tree):
    client.force_login(clerk)
    return RegisterPage(client)


def test_control_characters_pasted_into_a_task_are_not_stored(page):
    pasted = "Nhiệm vụ dán từ Word\x0bdòng hai\x07chuông\x1b\x0ctrang sau\x85"
    response = page.post([{**ROW, "content": pasted}])
    assert response.status_code == 302, errors_of(response)
    assert Task.objects.get().content == "Nhiệm vụ dán từ Word\ndòng haichuông\ntrang sau"


def test_a_null_character_is_still_refused(page):
    response = page.post([{**ROW, "content": "Nhiệm vụ\x00 có ký tự rỗng"}])
    assert response.status_code == 200
    assert "Không được chứa ký tự rỗng (null)." in errors_of(response)
    assert not Task.objects.exists()


# Pasted from web pages and PDFs along with a symbol; none of them shows on screen.
INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "byte order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "left-to-right embedding": "\u202a",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right override": "\u202d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "soft hyphen": "\u00ad",
}


def test_an_invisible_character_does_not_make_a_registered_directive_new(page):
    from vic.directives.models import Directive

    assert page.post(number="77", symbol="CT-UBND").status_code == 302
    existing = Directive.objects.get()
    refused = (
        f"Văn bản số 77/CT-UBND ngày 21/01/2026 của Ủy ban nhân dân tỉnh Lai Châu đã được nhập ngày "
        f"02/03/2026 (mã #{existing.pk}). Mở văn bản đã có thay vì nhập lại."
    )
    for name, char in INVISIBLE.items():
        for typed in (
            {"number": "77", "symbol": f"CT-UBND{char}"},
            {"number": "77", "symbol": f"{char}CT{char}-UBND"},
            {"number": f"{char}77", "symbol": "CT-UBND"},
            {"number": "77", "symbol": "CT-UBND", "issuer": f"Ủy ban nhân dân{char} tỉnh Lai Châu"},
        ):
            response = page.post(**typed)
            assert response.status_code == 200, (name, typed)
            assert refused in errors_of(response), (name, typed)
    assert Directive.objects.count() == 1


def test_a_document_is_stored_without_the_invisible_characters_typed_with_it(page):
    from vic.directives.models import Directive

    typed = {
        "number": "\u200e78",
        "symbol": "\ufeffCT\u00ad-UBND\u200b",
        "issuer": "UBND tỉnh\u202c Lai Châu",
    }
    assert page.post(**typed).status_code == 302
    stored = Directive.objects.get()
    assert (stored.number, stored.symbol, stored.issuer) == ("78", "CT-UBND", "UBND tỉnh Lai Châu")


def test_documents_registered_twice_with_an_invisible_character_keep_apart_once_cleaned(clerk, tree):
    """The migration of the keys: the copy loses its invisible character and takes a key of its own."""
    import importlib

    from django.apps import apps
    from tests.factories import DirectiveFactory

    from vic.directives.models import Directive

    migration = importlib.import_module("vic.directives.migrations.0005_identity_without_invisible")
    first = DirectiveFactory(number="77", symbol="CT-UBND")
    copy = DirectiveFactory(number="177", symbol="CT-UBND\u200b")
    other = DirectiveFactory(number="78", symbol="\ufeffCT-UBND")
    # As the old folding left them: the invisible character inside the key.
    Directive.objects.filter(pk=copy.pk).update(number="77", symbol_key="ct-ubnd\u200b")
    Directive.objects.filter(pk=other.pk).update(symbol_key="\ufeffct-ubnd")

    migration.rekey(apps, None)

    keys = dict(Directive.objects.values_list("pk", "symbol_key"))
    assert keys == {first.pk: "ct-ubnd", copy.pk: f"ct-ubnd#{copy.pk}", other.pk: "ct-ubnd"}
    assert set(Directive.objects.values_list("symbol", flat=True)) == {"CT-UBND"}


def test_text_read_with_the_wrong_code_page_is_refused_with_how_to_convert_it(page):
    from tests.core.test_encodings import as_windows_1252, cp1258

    abstract = as_windows_1252(cp1258("Về việc triển khai nhiệm vụ năm 2026"))
    content = as_windows_1252("Việc đẩy nhanh giải ngân".encode())
    response = page.post([{**ROW, "content": content}], abstract=abstract)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "Chữ có vẻ bị đọc sai bảng mã (tệp Windows-1258 mở như Windows-1252)" in errors
    assert "nguồn Vietnamese locale CP 1258, đích Unicode" in errors
    assert "Chữ có vẻ bị đọc sai bảng mã (tệp UTF-8 mở như Windows-1252)" in errors
    assert not Task.objects.exists()


def test_a_zip_bomb_attached_to_a_directive_is_refused_and_the_page_kept(page, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.core.test_uploads import MB, padded
    from tests.factories import docx_bytes

    bomb = padded(docx_bytes("CHỈ THỊ"), "word/media/image1.png", 30 * MB)
    response = page.post(files=[SimpleUploadedFile("chi-thi.docx", bomb)])
    assert response.status_code == 200
    assert "Tệp “chi-thi.docx” khi giải nén ra tới 30," in errors_of(response)
    nothing_saved(media_root)


def test_a_deadline_typed_with_a_three_digit_year_is_refused_with_four_digits(page):
    response = page.post([{**ROW, "deadline": "01/01/0099"}])
    assert response.status_code == 200
    assert "Thời hạn 01/01/0099 trước ngày ban hành văn bản (21/01/2026)." in errors_of(response)
    nothing_saved()
