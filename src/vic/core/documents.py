"""What is inside an uploaded document: whether its structure is whole, and its text.

A .docx that is "PK" followed by garbage passed the first-bytes check and reached the archive; a scanned
directive stamped "MẬT" must not enter the system (R-4). The same text reader will serve the reading of
directives to propose their tasks."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile

log = logging.getLogger("vic.uploads")

# The member each zipped office format must have.
_ZIP_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
    "ods": "content.xml",
}
# Word and Excel open no package without its content types (Open Packaging Conventions).
_CONTENT_TYPES = {"docx": "[Content_Types].xml", "xlsx": "[Content_Types].xml"}
TEXT_LIMIT = 200_000  # characters read from a document: the heading and first pages are what matter here


def unpacked_size(file, ext: str) -> int:
    """What the members of a zipped office file add up to once unpacked, as its central directory declares
    them: nothing is unpacked (and zipfile never inflates a member past its declared size). 0 for a file of
    another format or one that is no zip at all."""
    if ext not in _ZIP_MEMBERS:
        return 0
    try:
        with zipfile.ZipFile(file) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0
    finally:
        file.seek(0)


def is_whole(file, ext: str) -> bool:
    """Whether a zipped office file opens, its members are intact and its main parts are XML, and a PDF is
    not cut short and opens. `file`: a seekable binary file (an upload), left at its start. Run after the
    unpacked size was checked (uploads.check_upload)."""
    try:
        if ext in _ZIP_MEMBERS:
            try:
                with zipfile.ZipFile(file) as archive:
                    parts = [_ZIP_MEMBERS[ext], *([_CONTENT_TYPES[ext]] if ext in _CONTENT_TYPES else [])]
                    names = set(archive.namelist())
                    return (
                        all(part in names for part in parts)
                        and archive.testzip() is None
                        and all(_well_formed(archive.open(part)) for part in parts)
                    )
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
                return False
        if ext == "pdf":
            file.seek(0, io.SEEK_END)
            file.seek(max(0, file.tell() - 2048))
            # A truncated download or a broken copy has no end marker; junk between the markers does not open.
            return b"%%EOF" in file.read() and _pdf_opens(file)
        return True
    finally:
        file.seek(0)


def _xml_events(stream, events=("end",)):
    """Parse events of an XML part, streamed: no entity expanded, nothing fetched, each finished element
    dropped, so a part of any size costs little memory."""
    from lxml import etree

    for event, element in etree.iterparse(
        stream, events=events, resolve_entities=False, no_network=True, load_dtd=False
    ):
        yield event, element
        if event == "end":
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]


def _well_formed(stream) -> bool:
    from lxml import etree

    try:
        for _ in _xml_events(stream):
            pass
    except etree.XMLSyntaxError:
        return False
    return True


def _pdf_opens(file) -> bool:
    from pypdf import PdfReader

    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if not reader.is_encrypted:  # a password-protected PDF is whole; its pages open with the password
            len(reader.pages)
    except Exception:  # pypdf raises many kinds of errors on a broken file; each means it does not open
        return False
    return True


def text_of(file, ext: str) -> str:
    """The text of a .docx or .pdf (other formats: ""); never raises on a document it cannot read."""
    try:
        if ext == "docx":
            return _docx_text(file)[:TEXT_LIMIT]
        if ext == "pdf":
            return _pdf_text(file)[:TEXT_LIMIT]
    except Exception:  # a damaged or exotic file: no text, and the upload goes on being checked otherwise
        log.warning("Could not read the text of an uploaded .%s", ext, exc_info=True)
    finally:
        file.seek(0)
    return ""


def _docx_text(file) -> str:
    from docx import Document

    doc = Document(file)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _pdf_text(file, pages: int = 3) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file, strict=False)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:pages])


# The confidentiality marks of Decree 30/2020 as a stamp writes them: capitals, a word of their own (not the
# "bảo mật" of ordinary text, not "BẢO MẬT" in a heading).
_SECRECY = re.compile(r"(?<![^\W\d_])(?<!BẢO )(TUYỆT MẬT|TỐI MẬT|MẬT)(?![^\W\d_])(?! KHẨU)")


def secrecy_mark(text: str) -> str | None:
    """The first confidentiality mark in `text` ("MẬT", "TỐI MẬT", "TUYỆT MẬT"), or None."""
    found = _SECRECY.search(unicodedata.normalize("NFC", text or ""))
    return found.group(1) if found else None
