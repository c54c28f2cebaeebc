"""What an uploaded file must be before it is read or stored (vic.core.uploads): checked by every upload path
(directive files, unit submissions, difficulties, inspections) through `check_upload`."""

from __future__ import annotations

import io
import math
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.factories import PDF, docx_bytes, xlsx_bytes

from vic.core.uploads import check_upload

MB = 1024 * 1024


def unpacked_mb(data: bytes) -> str:
    """The members' declared sizes added up, in MB with one decimal rounded up, as the message writes it."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        total = sum(info.file_size for info in zf.infolist())
    return f"{math.ceil(total * 10 / MB) / 10:.1f}".replace(".", ",")


def padded(office: bytes, member: str, size: int, *, zeros: bool = True) -> bytes:
    """A real office file with one more member of `size` bytes: zeros deflate a thousandfold (a "zip bomb"),
    random bytes not at all. Written in chunks: the test never holds the unpacked member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(office)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            zf.writestr(info, source.read(info))
        with zf.open(member, "w") as pad:
            chunk = bytes(MB) if zeros else os.urandom(MB)
            for _ in range(size // MB):
                pad.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "office", "member"),
    [
        ("bao-cao.docx", docx_bytes("Báo cáo tiến độ"), "word/media/image1.png"),
        ("so-lieu.xlsx", xlsx_bytes(["Đơn vị", "Số liệu"]), "xl/media/image1.png"),
    ],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(name, office, member):
    bomb = padded(office, member, 30 * MB)
    assert len(bomb) < MB  # 30 MB of zeros weigh a few dozen KB once deflated
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, bomb))
    (message,) = error.value.messages
    assert message.startswith(f"Tệp “{name}” khi giải nén ra tới {unpacked_mb(bomb)} MB, gấp ")
    assert unpacked_mb(bomb).startswith("30,")
    assert "vượt mức hệ thống đọc được an toàn (tối đa 200,0 MB, không quá 100 lần)" in message
    assert "hãy mở tệp bằng Word/Excel, lưu thành tệp mới rồi gửi lại" in message
    assert error.value.error_list[0].code == "file_unpacked"


def test_what_a_file_unpacks_to_is_capped_whatever_its_ratio(settings):
    settings.VIC_UNPACKED_MAX_BYTES = 5 * MB
    dense = padded(docx_bytes("Báo cáo kèm ảnh"), "word/media/image1.jpg", 6 * MB, zeros=False)
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("anh.docx", dense))
    assert f"khi giải nén ra tới {unpacked_mb(dense)} MB, gấp 1 lần tệp gửi lên" in error.value.messages[0]
    assert "(tối đa 5,0 MB, không quá 100 lần)" in error.value.messages[0]


def test_ordinary_office_files_pass():
    repetitive = docx_bytes(*["Báo cáo tình hình giải ngân vốn đầu tư công"] * 5000)  # ratio ~60
    assert check_upload(SimpleUploadedFile("bao-cao.docx", repetitive))
    small_but_airy = padded(docx_bytes("Bảng trống"), "word/media/pad.bin", 5 * MB)  # ratio > 100, 5 MB
    assert check_upload(SimpleUploadedFile("bang.docx", small_but_airy))


def test_the_default_cap_is_ten_uploads_or_200_mb_whichever_is_smaller(settings):
    assert settings.VIC_UPLOAD_MAX_BYTES == 50 * MB
    assert settings.VIC_UNPACKED_MAX_BYTES == 200 * MB


def without(office: bytes, member: str, *, replaced_by: bytes | None = None) -> bytes:
    """A real office file with one member left out, or its content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(office)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            if info.filename != member:
                zf.writestr(info, source.read(info))
            elif replaced_by is not None:
                zf.writestr(info, replaced_by)
    return out.getvalue()


def only(member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(member, content)
    return out.getvalue()


DOCX, XLSX = docx_bytes("Báo cáo tiến độ"), xlsx_bytes(["Đơn vị", "Số liệu"])


def damaged(office: bytes, member: str) -> bytes:
    """The file with the middle of one member's compressed bytes flipped, its sizes and CRC left as they
    were: a copy broken on a USB stick. Unpacking it fails in zlib itself, not in zipfile."""
    broken = bytearray(office)
    with zipfile.ZipFile(io.BytesIO(office)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + info.compress_size - 5):
        broken[i] ^= 0x55
    return bytes(broken)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("khong-content-types.docx", without(DOCX, "[Content_Types].xml")),
        ("than-hong.docx", without(DOCX, "word/document.xml", replaced_by=b"not xml <<<")),
        ("chi-mot-phan.docx", only("word/document.xml", b"not xml <<<")),  # the testers' junk2.docx
        ("content-types-hong.docx", without(DOCX, "[Content_Types].xml", replaced_by=b"<Types")),
        ("khong-content-types.xlsx", without(XLSX, "[Content_Types].xml")),
        ("so-lieu-hong.xlsx", without(XLSX, "xl/workbook.xml", replaced_by=b"<workbook><sheets>")),
        ("hong-khi-giai-nen.docx", damaged(docx_bytes("Báo cáo tiến độ " * 200), "word/document.xml")),
        ("gia.pdf", b"%PDF-1.4\njunk junk\n%%EOF\n"),
        ("khong-xref.pdf", PDF.replace(b"startxref\n164\n", b"")),
    ],
)
def test_a_broken_office_file_or_pdf_is_refused_by_name(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    ext = name.rsplit(".", 1)[1]
    assert error.value.messages == [
        f"Nội dung tệp “{name}” không đúng định dạng .{ext} (tệp hỏng hoặc bị đổi tên)."
    ]


@pytest.mark.parametrize(
    ("name", "content"), [("bao-cao.docx", DOCX), ("so-lieu.xlsx", XLSX), ("cv.pdf", PDF)]
)
def test_whole_files_pass(name, content):
    assert check_upload(SimpleUploadedFile(name, content))
