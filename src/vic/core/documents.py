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
import zlib

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
            # zlib.error: a member's compressed bytes are damaged; NotImplementedError: a compression
            # method zipfile lacks; RuntimeError: an encrypted member. None of them opens in Word.
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                ValueError,
                EOFError,
                KeyError,
                NotImplementedError,
                RuntimeError,
            ):
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
    """The text of a .docx or .pdf (other formats: ""), up to TEXT_LIMIT characters; never raises on a
    document it cannot read."""
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BREAKS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n"}
# Headers and footers first (a stamp is printed there, and they are short), then the body.
_DOCX_PART = re.compile(r"word/(header|footer)\d*\.xml")


def _docx_text(file) -> str:
    """Every paragraph a reader sees: headers and footers of every kind (first page, even pages), the body
    with its tables and text boxes (where a "MẬT" stamp box is usually placed)."""
    parts: list[str] = []
    size = 0
    with zipfile.ZipFile(file) as archive:
        names = [n for n in archive.namelist() if _DOCX_PART.fullmatch(n)] + [_ZIP_MEMBERS["docx"]]
        for name in names:
            for paragraph in _paragraphs(archive.open(name)):
                parts.append(paragraph)
                size += len(paragraph) + 1
                if size > TEXT_LIMIT:
                    return "\n".join(parts)
    return "\n".join(parts)


def _paragraphs(stream):
    """The text of each paragraph (w:p) of a WordprocessingML part, once: a text box's paragraphs
    (w:txbxContent) are paragraphs of their own, not glued to the one that anchors them, and the VML copy
    Word keeps of a text box for old readers (mc:Fallback) is skipped."""
    reading: list[list[str]] = []  # the paragraphs open around the current element, innermost last
    fallback = 0
    for event, element in _xml_events(stream, ("start", "end")):
        tag = element.tag
        if tag == _FALLBACK:
            fallback += 1 if event == "start" else -1
        elif fallback:
            continue
        elif tag == _W + "p":
            if event == "start":
                reading.append([])
            else:
                yield "".join(reading.pop())
        elif event == "end" and reading:
            if tag == _W + "t":
                reading[-1].append(element.text or "")
            elif tag in _BREAKS:
                reading[-1].append(_BREAKS[tag])


def _pdf_text(file, pages: int = 3) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file, strict=False)
    return "\n".join((page.extract_text() or "") for page in reader.pages[:pages])


# The confidentiality marks of Decree 30/2020 as a stamp writes them: capitals, a word of their own — not the
# "bảo mật" of ordinary text, nor the words a heading in capitals makes with it ("BẢO MẬT", "BẢO VỆ BÍ MẬT
# NHÀ NƯỚC", "MẬT KHẨU", "MẬT ĐỘ DÂN SỐ", "PHỐI HỢP MẬT THIẾT", "MẬT MÃ", "MẬT ONG"): a unit's report on
# them would be refused (decisions/0011).
_SECRECY = re.compile(
    r"(?<![^\W\d_])(?<!BẢO )(?<!BÍ )(TUYỆT MẬT|TỐI MẬT|MẬT)(?![^\W\d_])(?! (?:KHẨU|ĐỘ|THIẾT|MÃ|ONG)(?![^\W\d_]))"
)


def secrecy_mark(text: str) -> str | None:
    """The first confidentiality mark in `text` ("MẬT", "TỐI MẬT", "TUYỆT MẬT"), or None."""
    found = _SECRECY.search(unicodedata.normalize("NFC", text or ""))
    return found.group(1) if found else None
