"""Upload checks (DOMAIN "Decisions"): size, allowed formats, content matching the extension."""

from __future__ import annotations

import hashlib
import math
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .documents import is_whole, secrecy_mark, text_of, unpacked_size

# First bytes of each allowed format: a renamed .exe is refused even with a .pdf name.
_SIGNATURES = {
    "pdf": [b"%PDF"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
    "ods": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0"],
    "xls": [b"\xd0\xcf\x11\xe0"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG"],
}


# Office files compress their XML 5–60 times; a file that unpacks to much more than it weighs is a "zip bomb".
MAX_UNPACKED_RATIO = 100
RATIO_FROM_BYTES = 10 * 1024 * 1024  # below this a high ratio costs nothing (a tiny file of empty tables)


def _mb(size: int, up: bool = False) -> str:
    """Megabytes with one decimal, Vietnamese comma; `up` rounds up, so a file just over the limit never
    reads as equal to it ("50,1 MB, vượt giới hạn 50,0 MB")."""
    tenths = size * 10 / 1024 / 1024
    return f"{(math.ceil(tenths) if up else round(tenths)) / 10:.1f}".replace(".", ",")


def check_upload(upload) -> str:
    """Validate an uploaded file and return its SHA-256; raise a Vietnamese ValidationError otherwise."""
    name = PurePath(upload.name).name
    ext = PurePath(name).suffix.lower().lstrip(".")
    allowed = settings.VIC_UPLOAD_EXTENSIONS
    if ext not in allowed:
        raise ValidationError(
            _("Tệp “%(name)s” không thuộc định dạng được phép (%(allowed)s)."),
            params={"name": name, "allowed": ", ".join(allowed)},
            code="file_type",
        )
    limit = settings.VIC_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” dung lượng %(size)s MB, vượt giới hạn %(limit)s MB."),
            params={"name": name, "size": _mb(upload.size, up=True), "limit": _mb(limit)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng."), params={"name": name}, code="file_empty")
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        if not head:
            head = chunk[:8]
        digest.update(chunk)
    upload.seek(0)
    _refuse_bomb(upload, name, ext)  # before anything is unpacked
    signatures = _SIGNATURES.get(ext)
    if (signatures and not any(head.startswith(sig) for sig in signatures)) or not is_whole(upload, ext):
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không đúng định dạng .%(ext)s (tệp hỏng hoặc bị đổi tên)."),
            params={"name": name, "ext": ext},
            code="file_content",
        )
    return digest.hexdigest()


def _refuse_bomb(upload, name: str, ext: str) -> None:
    unpacked = unpacked_size(upload, ext)
    limit = settings.VIC_UNPACKED_MAX_BYTES
    ratio = unpacked / upload.size
    if unpacked > limit or (unpacked > RATIO_FROM_BYTES and ratio > MAX_UNPACKED_RATIO):
        raise ValidationError(
            _(
                "Tệp “%(name)s” khi giải nén ra tới %(size)s MB, gấp %(ratio)s lần tệp gửi lên: vượt mức hệ "
                "thống đọc được an toàn (tối đa %(limit)s MB, không quá %(max_ratio)s lần). Tệp có thể bị hỏng "
                "hoặc cố ý làm nặng (“bom nén”); hãy mở tệp bằng Word/Excel, lưu thành tệp mới rồi gửi lại."
            ),
            params={
                "name": name,
                "size": _mb(unpacked, up=True),
                "ratio": f"{ratio:.0f}",
                "limit": _mb(limit),
                "max_ratio": MAX_UNPACKED_RATIO,
            },
            code="file_unpacked",
        )


def secrecy_of(upload) -> str | None:
    """The confidentiality mark ("MẬT"…) printed in an uploaded .docx or .pdf, if any (R-4)."""
    return secrecy_mark(text_of(upload, PurePath(upload.name).suffix.lower().lstrip(".")))


def check_attachments(uploads) -> list[tuple]:
    """The files a user attaches to a submission, a difficulty or an inspection, each with its SHA-256 once
    checked (`check_upload`). One printed with a confidentiality mark is refused outright: secret documents
    never enter the system (R-4), and only the registration of a directive, where the Office's clerk judges
    the document, may go on after a check (decisions/0011)."""
    checked = [(upload, check_upload(upload)) for upload in uploads]
    for upload, _sha256 in checked:
        if mark := secrecy_of(upload):
            raise ValidationError(
                _(
                    "Tệp “%(name)s” có dấu “%(mark)s”. Hệ thống không lưu văn bản mật (Điều 4 Quy chế): văn "
                    "bản mật gửi theo quy định về bảo vệ bí mật nhà nước, không đính kèm vào đây. Nếu chữ "
                    "“%(mark)s” trong tệp không phải độ mật của tệp (ví dụ tên một văn bản khác được trích "
                    "dẫn), hãy sửa chữ đó trong tệp (ví dụ viết thường “Mật”) rồi chọn lại tệp và gửi."
                ),
                params={"name": PurePath(upload.name).name, "mark": mark},
                code="file_secret",
            )
    return checked


def store_upload(record, upload, sha256: str | None = None):
    """Fill a file record (DirectiveFile, TaskFile…) from a checked upload, write the file, save the row."""
    record.sha256 = sha256 or check_upload(upload)
    record.original_name = PurePath(upload.name).name
    record.size = upload.size
    record.content_type = getattr(upload, "content_type", "") or ""
    record.file.save(record.sha256, upload, save=False)
    record.save()
    return record


def remove_stored(records) -> None:
    """The files of records whose rows a failed transaction rolled back: none stays on the disk."""
    for record in records:
        record.file.storage.delete(record.file.name)
