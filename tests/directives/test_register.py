"""Registering an assigning document (R-3, R-4.1, R-5.1, Art. 4; DOMAIN "Decisions", "Documents")."""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings
from tests.factories import PDF, DirectiveFactory, directive_kind, docx_bytes, make_spec, xlsx_bytes

from vic.core import clock
from vic.directives.actions import DuplicateDirective, PossibleDuplicate, register_directive
from vic.directives.models import Directive, DirectiveFile, Secrecy
from vic.tasks.models import EventKind, Task, TaskEvent
from vic.tasks.status import Status
from vic.units.resolve import resolve_units

D = datetime.date.fromisoformat
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

pytestmark = pytest.mark.django_db

ALLOWED = "pdf, doc, docx, xls, xlsx, odt, ods, jpg, jpeg, png"


def cv846(**overrides) -> dict:
    """Công văn 846/UBND-TH of 21/05/2019, Lai Châu (sample 01)."""
    fields = {
        "kind": directive_kind("Công văn"),
        "number": "846",
        "symbol": "UBND-TH",
        "issuer": "UBND tỉnh Lai Châu",
        "issue_date": D("2019-05-21"),
        "abstract": "Về việc báo cáo tình hình triển khai thực hiện và giải ngân kế hoạch đầu tư công năm 2019",
        "signer_name": "[Người ký]",
        "signer_position": "Phó Chủ tịch",
    }
    fields.update(overrides)
    return fields


def pdf(name="cv846.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def nothing_saved(media_root):
    assert Directive.objects.count() == 0
    assert Task.objects.count() == 0
    assert TaskEvent.objects.count() == 0
    assert DirectiveFile.objects.count() == 0
    assert stored_files(media_root) == []


# ---------------------------------------------------------------------------------------------------
# One transaction: directive, files, tasks, delivery
# ---------------------------------------------------------------------------------------------------


def test_register_sample_01_with_tasks_and_delivery(clerk, tree, media_root):
    leads = resolve_units("Các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố", on=D("2019-05-21"))
    specs = [
        make_spec(
            leads.units,
            content="Báo cáo tình hình triển khai thực hiện và giải ngân kế hoạch đầu tư công năm 2019",
            deadline=D("2019-05-23"),
            report_to="Sở Kế hoạch và Đầu tư",
            monitoring_department=tree.th,
        ),
        make_spec(
            tree.skhdt,
            content="Tổng hợp chung báo cáo, gửi Văn phòng Ủy ban nhân dân tỉnh",
            coordinating_units=[tree.stc, tree.stnmt],
            deadline=D("2019-05-24"),
            monitoring_department=tree.th,
        ),
    ]
    with clock.at(datetime.datetime(2019, 5, 22, 8, 0, tzinfo=HANOI)):
        directive = register_directive(clerk, cv846(), specs=specs, uploads=[pdf()], deliver=True)

    directive.refresh_from_db()
    assert directive.reference == "846/UBND-TH ngày 21/05/2019"
    assert directive.year == 2019
    assert directive.registered_by == clerk
    assert directive.drafting_department_code == "TH"

    tasks = list(directive.tasks.order_by("pk"))
    assert len(tasks) == 6  # 3 departments + 2 districts, and the SKHĐT synthesis
    assert {t.lead_unit for t in tasks[:5]} == tree.departments | tree.districts
    assert len({t.group_id for t in tasks[:5]}) == 1
    assert tasks[5].lead_unit == tree.skhdt
    assert set(tasks[5].coordinating_units.all()) == {tree.stc, tree.stnmt}
    for task in tasks:
        assert task.arose_on == D("2019-05-21")
        assert task.delivery_due_on == D("2019-05-22")
        assert task.delivered_on == D("2019-05-22")  # on time
        assert [e.kind for e in task.events.order_by("id")] == [EventKind.REGISTERED, EventKind.DELIVERED]
        assert task.events.get(kind=EventKind.DELIVERED).note == ""
        assert task.status(D("2019-05-22")) == Status.NOT_STARTED_WITHIN
    assert tasks[0].status(D("2019-05-24")) == Status.NOT_STARTED_OVERDUE  # "trước ngày 23/5/2019"
    assert tasks[5].status(D("2019-05-24")) == Status.NOT_STARTED_WITHIN

    (record,) = directive.files.all()
    assert record.original_name == "cv846.pdf"
    assert record.size == len(PDF)
    assert record.sha256 == hashlib.sha256(PDF).hexdigest()
    assert record.uploaded_by == clerk
    with record.file.open("rb") as fh:
        assert fh.read() == PDF


def test_register_without_delivery_leaves_drafts(clerk, tree):
    directive = register_directive(clerk, cv846(), specs=[make_spec([tree.stc, tree.city])])
    assert directive.tasks.count() == 2
    assert not directive.tasks.filter(delivered_on__isnull=False).exists()


def test_text_is_normalised(clerk, tree):
    nfd = unicodedata.normalize("NFD", "UBND tỉnh Lai Châu")
    directive = register_directive(
        clerk,
        cv846(
            issuer=nfd, symbol=" ubnd - th ", number=" 846 ", abstract=unicodedata.normalize("NFD", "Về việc")
        ),
    )
    directive.refresh_from_db()
    assert directive.issuer == "UBND tỉnh Lai Châu"
    assert directive.abstract == "Về việc"
    assert directive.symbol == "UBND-TH"
    assert directive.number == "846"


def test_unit_user_cannot_register(users, tree):
    for user in (users.stc_officer, users.monitoring_officer, users.provincial_leader):
        with pytest.raises(PermissionDenied):
            register_directive(user, cv846(), specs=[make_spec(tree.stc)])
    assert Directive.objects.count() == 0


# ---------------------------------------------------------------------------------------------------
# Identity: issuer + year + number + symbol (Decree 30/2020)
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "again",
    [
        {},
        {"issuer": "ubnd tinh lai chau"},  # no diacritics, lower case
        {"issuer": "UBND TỈNH LAI CHÂU"},
        {"issuer": unicodedata.normalize("NFD", "UBND tỉnh Lai Châu")},
        {"symbol": "ubnd-th"},
        {"issue_date": D("2019-05-22"), "abstract": "Trích yếu gõ khác"},  # same year
    ],
)
def test_duplicate_is_refused_naming_the_existing_record(clerk, tree, again):
    first = register_directive(clerk, cv846(), specs=[make_spec(tree.stc)])
    with pytest.raises(DuplicateDirective) as err:
        register_directive(clerk, cv846(**again), specs=[make_spec(tree.city)])
    assert err.value.existing == first
    assert err.value.code == "duplicate"
    message = err.value.messages[0]
    assert "846/UBND-TH ngày 21/05/2019" in message
    assert "UBND tỉnh Lai Châu" in message
    assert f"#{first.pk}" in message
    assert "đã được nhập" in message
    assert Directive.objects.count() == 1
    assert Task.objects.count() == 1


@pytest.mark.parametrize(
    "other",
    [
        {"issue_date": D("2020-05-21")},  # numbers restart each 1 January
        {"symbol": "QĐ-UBND"},
        {"number": "847"},
    ],
)
def test_same_number_in_another_year_or_with_another_symbol_is_fine(clerk, tree, other):
    register_directive(clerk, cv846())
    second = register_directive(clerk, cv846(**other))
    assert Directive.objects.count() == 2
    assert second.pk is not None


def test_same_number_and_symbol_by_another_issuer_needs_the_clerks_word(clerk, tree):
    """ "UBND TP.HCM" and "UBND Thành phố Hồ Chí Minh" are one issuer spelled twice: most likely the same
    document, registered only when the clerk says it is another."""
    first = register_directive(clerk, cv846())
    with pytest.raises(PossibleDuplicate) as error:
        register_directive(clerk, cv846(issuer="UBND tỉnh Điện Biên"))
    assert error.value.existing == first and "Đây là văn bản khác" in error.value.messages[0]
    assert Directive.objects.count() == 1
    register_directive(clerk, cv846(issuer="UBND tỉnh Điện Biên"), other_issuer=True)
    assert Directive.objects.count() == 2


@pytest.mark.parametrize(
    ("number", "symbol"),
    [("846", "UBND–TH"), ("０８４６", "UBND-TH"), ("846", "ubnd-th"), ("846", "U B N D-TH")],
)
def test_the_same_document_typed_otherwise_is_a_duplicate(clerk, tree, number, symbol):
    register_directive(clerk, cv846())
    with pytest.raises(DuplicateDirective):
        register_directive(clerk, cv846(number=number, symbol=symbol))


def test_q_d_and_q_dstroke_and_latin_eth_are_one_symbol(clerk, tree):
    register_directive(clerk, cv846(symbol="QĐ-UBND"))
    for typed in ("QD-UBND", "QÐ-UBND", "qđ-ubnd"):
        with pytest.raises(DuplicateDirective):
            register_directive(clerk, cv846(symbol=typed))


@pytest.mark.parametrize("number", ["0", "000", "²³", "٣٤", "12a"])
def test_what_is_no_document_number_is_refused(clerk, tree, number):
    with pytest.raises(ValidationError) as error:
        register_directive(clerk, cv846(number=number))
    assert error.value.message_dict["number"] == ["Số văn bản chỉ gồm chữ số và lớn hơn 0, ví dụ 846."]


def test_documents_without_number_are_allowed_twice(clerk, tree):
    a = register_directive(clerk, cv846(number="", symbol=""), specs=[make_spec(tree.stc)])
    b = register_directive(clerk, cv846(number="", symbol=""), specs=[make_spec(tree.stc)])
    assert a.pk != b.pk
    assert not a.has_number and not b.has_number
    assert a.reference == "(không số) ngày 21/05/2019"


def test_the_database_enforces_identity(db):
    DirectiveFactory(number="846", symbol="UBND-TH", issuer="UBND tỉnh Lai Châu", issue_date=D("2019-05-21"))
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectiveFactory(
            number="846", symbol="UBND-TH", issuer="ubnd tinh lai chau", issue_date=D("2019-12-01")
        )
    DirectiveFactory(number="", symbol="", issuer="UBND tỉnh Lai Châu", issue_date=D("2019-05-21"))
    DirectiveFactory(number="", symbol="", issuer="UBND tỉnh Lai Châu", issue_date=D("2019-05-21"))
    assert Directive.objects.count() == 3


def test_duplicate_message_gives_the_local_registration_date(clerk, tree):
    # Registered at 06:30 on 06/01/2026 in Hà Nội = 23:30 on 05/01/2026 UTC.
    with clock.at(datetime.datetime(2026, 1, 6, 6, 30, tzinfo=HANOI)):
        register_directive(clerk, cv846(issue_date=D("2026-01-05")))
    with pytest.raises(DuplicateDirective) as err:
        register_directive(clerk, cv846(issue_date=D("2026-01-05")))
    assert "đã được nhập ngày 06/01/2026" in err.value.messages[0]


# ---------------------------------------------------------------------------------------------------
# Secret documents never enter (Art. 4)
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("secrecy", "label"),
    [(Secrecy.SECRET, "Mật"), (Secrecy.TOP_SECRET, "Tối mật"), (Secrecy.ABSOLUTE_SECRET, "Tuyệt mật")],
)
def test_secret_documents_are_refused(clerk, tree, media_root, secrecy, label):
    with pytest.raises(ValidationError) as err:
        register_directive(
            clerk, cv846(secrecy=secrecy), specs=[make_spec(tree.stc)], uploads=[pdf()], deliver=True
        )
    assert err.value.message_dict == {
        "secrecy": [
            f"Văn bản có độ mật ({label}) không được nhập vào hệ thống theo Điều 4 Quy chế; "
            "hãy xử lý theo quy định về bảo vệ bí mật nhà nước."
        ]
    }
    nothing_saved(media_root)


def test_normal_secrecy_is_accepted(clerk, tree):
    directive = register_directive(clerk, cv846(secrecy=Secrecy.NORMAL))
    assert directive.secrecy == Secrecy.NORMAL


# ---------------------------------------------------------------------------------------------------
# Uploads: allowed formats, content matching the extension, size limit
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Cong van 846.PDF", PDF),
        ("bang-tong-hop.xlsx", xlsx_bytes(["STT", "Nội dung nhiệm vụ"], [1, "Giải ngân vốn đầu tư công"])),
        ("du-thao.docx", docx_bytes("Dự thảo kế hoạch triển khai")),
        ("ban-cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60),
        ("anh-chup.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 60),
        ("so-do.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 60),
    ],
)
def test_allowed_uploads_are_stored_with_their_hash(clerk, tree, name, content):
    directive = register_directive(clerk, cv846(), uploads=[SimpleUploadedFile(name, content)])
    (record,) = directive.files.all()
    assert record.original_name == name
    assert record.sha256 == hashlib.sha256(content).hexdigest()
    assert record.size == len(content)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 60),
            f"Tệp “setup.exe” không thuộc định dạng được phép ({ALLOWED}).",
        ),
        (
            SimpleUploadedFile("ghichu", b"%PDF-1.4"),
            f"Tệp “ghichu” không thuộc định dạng được phép ({ALLOWED}).",
        ),
        (
            SimpleUploadedFile("cv846.pdf", b"MZ\x90\x00" + b"\x00" * 60),  # a renamed executable
            "Nội dung tệp “cv846.pdf” không đúng định dạng .pdf (tệp hỏng hoặc bị đổi tên).",
        ),
        (
            SimpleUploadedFile("bao-cao.docx", PDF),
            "Nội dung tệp “bao-cao.docx” không đúng định dạng .docx (tệp hỏng hoặc bị đổi tên).",
        ),
        (SimpleUploadedFile("trong.pdf", b""), "Tệp “trong.pdf” rỗng."),
    ],
    ids=["exe", "no-extension", "exe-named-pdf", "pdf-named-docx", "empty"],
)
def test_refused_uploads_save_nothing(clerk, tree, media_root, upload, message):
    with pytest.raises(ValidationError) as err:
        register_directive(clerk, cv846(), specs=[make_spec(tree.stc)], uploads=[pdf(), upload], deliver=True)
    assert err.value.messages == [message]
    nothing_saved(media_root)


def test_upload_over_the_limit_is_refused(clerk, tree, media_root):
    big = pdf("ho-so.pdf", PDF + b"0" * (1536 * 1024 - len(PDF)))  # 1,5 MB
    with override_settings(VIC_UPLOAD_MAX_BYTES=1024 * 1024), pytest.raises(ValidationError) as err:
        register_directive(clerk, cv846(), specs=[make_spec(tree.stc)], uploads=[big])
    assert err.value.messages == ["Tệp “ho-so.pdf” dung lượng 1,5 MB, vượt giới hạn 1,0 MB."]
    nothing_saved(media_root)


def test_a_file_one_byte_over_the_limit_does_not_read_as_equal_to_it(clerk, tree, media_root):
    over = pdf("ho-so.pdf", PDF + b"0" * (1024 * 1024 + 1 - len(PDF)))
    with override_settings(VIC_UPLOAD_MAX_BYTES=1024 * 1024), pytest.raises(ValidationError) as err:
        register_directive(clerk, cv846(), specs=[make_spec(tree.stc)], uploads=[over])
    assert err.value.messages == ["Tệp “ho-so.pdf” dung lượng 1,1 MB, vượt giới hạn 1,0 MB."]


def padded_pdf(size: int) -> bytes:
    """PDF grown to `size` bytes by a comment before its cross-reference table, which then starts later: a
    reader finds the table from the offset written just before the end marker."""
    head, tail = PDF.split(b"xref\n", 1)
    pad = size - len(PDF) - 2
    while True:
        moved = tail.replace(b"startxref\n164\n", b"startxref\n%d\n" % (164 + pad + 2))
        out = head + b"%" + b"0" * pad + b"\n" + b"xref\n" + moved
        if len(out) == size:
            return out
        pad -= len(out) - size


def test_upload_at_the_limit_is_accepted(clerk, tree):
    exact = pdf("ho-so.pdf", padded_pdf(1024 * 1024))
    with override_settings(VIC_UPLOAD_MAX_BYTES=1024 * 1024):
        directive = register_directive(clerk, cv846(), uploads=[exact])
    assert directive.files.get().size == 1024 * 1024


def test_default_limit_is_50_mb(settings):
    assert settings.VIC_UPLOAD_MAX_BYTES == 50 * 1024 * 1024


# ---------------------------------------------------------------------------------------------------
# An invalid task rolls everything back
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "field"),
    [({"lead_units": []}, "lead_units"), ({"deadline": None}, "deadline")],
    ids=["no-lead", "dated-without-deadline"],
)
def test_invalid_task_spec_rolls_everything_back(clerk, tree, bad, field):
    good = make_spec([tree.stc, tree.city], content="Báo cáo tình hình giải ngân")
    lead_units = bad.pop("lead_units", [tree.skhdt])
    with pytest.raises(ValidationError) as err:
        register_directive(
            clerk, cv846(), specs=[good, make_spec(lead_units, content="Tổng hợp", **bad)], deliver=True
        )
    assert field in err.value.message_dict
    assert Directive.objects.count() == 0
    assert Task.objects.count() == 0
    assert TaskEvent.objects.count() == 0
    # The same document can then be registered once corrected: no half-saved duplicate blocks it.
    register_directive(clerk, cv846(), specs=[good])
    assert Directive.objects.count() == 1


def test_invalid_task_spec_with_an_upload_keeps_no_database_row(clerk, tree):
    with pytest.raises(ValidationError):
        register_directive(clerk, cv846(), specs=[make_spec([], content="Không có chủ trì")], uploads=[pdf()])
    assert Directive.objects.count() == 0
    assert DirectiveFile.objects.count() == 0


def test_invalid_task_spec_leaves_no_file_on_disk(clerk, tree, media_root):
    with pytest.raises(ValidationError):
        register_directive(clerk, cv846(), specs=[make_spec([], content="Không có chủ trì")], uploads=[pdf()])
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("du-thao.docx", b"PK\x03\x04" + b"\x00" * 60),  # the right first bytes, then garbage
        ("bang.xlsx", docx_bytes("Một tệp Word đổi tên thành .xlsx")),
        ("cong-van.pdf", PDF[:40]),  # a download cut short
    ],
)
def test_a_damaged_file_is_refused_and_nothing_is_saved(clerk, tree, name, content):
    with pytest.raises(ValidationError) as error:
        register_directive(clerk, cv846(), uploads=[SimpleUploadedFile(name, content)])
    assert f"Nội dung tệp “{name}” không đúng định dạng" in error.value.messages[0]
    assert Directive.objects.count() == 0


def test_a_file_stamped_secret_stops_registration_until_the_clerk_checked_it(clerk, tree):
    stamped = docx_bytes("MẬT", "QUYẾT ĐỊNH", "Về việc phê duyệt phương án bảo vệ mục tiêu")
    with pytest.raises(ValidationError) as error:
        register_directive(clerk, cv846(), uploads=[SimpleUploadedFile("qd.docx", stamped)])
    assert "Tệp “qd.docx” có dấu “MẬT”" in error.value.message_dict["not_secret"][0]
    assert Directive.objects.count() == 0
    directive = register_directive(
        clerk, cv846(), uploads=[SimpleUploadedFile("qd.docx", stamped)], not_secret=True
    )
    assert directive.files.count() == 1
    # The waiver is kept with the document: who checked, when, which file.
    assert f"{clerk} đã kiểm tra ngày " in directive.notes
    assert "dấu “MẬT” trong tệp “qd.docx” không phải độ mật của văn bản này." in directive.notes


def test_ordinary_words_about_security_are_no_secrecy_mark(clerk, tree):
    text = docx_bytes("Về việc tăng cường bảo mật thông tin", "BẢO MẬT THÔNG TIN", "Đổi MẬT KHẨU định kỳ")
    assert (
        register_directive(clerk, cv846(), uploads=[SimpleUploadedFile("cv.docx", text)]).files.count() == 1
    )
