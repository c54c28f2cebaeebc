"""The notice as a Word document (Decree 30/2020/NĐ-CP): the template's context and its rendering.

Templates are docxtpl (Jinja) documents an administrator may replace (admin: "Mẫu văn bản đôn đốc"). They
render in Jinja's sandbox with autoescaping: an uploaded template cannot reach Python internals, and a
unit name with "&" cannot break the document's XML.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from vic.core.text import fold, without_controls
from vic.units.models import LeaderPosition, Unit, UnitKind

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates_docx" / "van-ban-don-doc.docx"
NBSP = "\u00a0"
# "Số:        /VP-TH": room for the clerk to write the number by hand.
BLANK_NUMBER = NBSP * 10


def template_bytes(template=None) -> bytes:
    """The active template: the one given, else the newest active upload, else the built-in one."""
    from .models import NoticeTemplate

    template = template or NoticeTemplate.objects.filter(is_active=True).first()
    if template is None:
        return DEFAULT_TEMPLATE.read_bytes()
    with template.file.open("rb") as f:
        return f.read()


def committee_name() -> str:
    """The province's People's Committee in full ("Ủy ban nhân dân tỉnh Cà Mau"), from the unit tree."""
    province = Unit.objects.filter(kind=UnitKind.PROVINCE, parent__isnull=True).order_by("pk").first()
    if province is None:
        return _("Ủy ban nhân dân tỉnh")
    for name in province.names():
        if fold(name).startswith("uy ban nhan dan "):
            return name
    name = province.name
    if fold(name).startswith("ubnd "):
        return _("Ủy ban nhân dân") + name[4:]
    return name


def place_of(committee: str) -> str:
    """Decree 30: the place name is that of the body's seat: the province's for a provincial body ("Cà Mau"),
    the district's for a district committee ("U Minh")."""
    rest = (
        committee[len("Ủy ban nhân dân ") :] if fold(committee).startswith("uy ban nhan dan ") else committee
    )
    for prefix in ("tỉnh ", "thành phố ", "huyện ", "thị xã ", "quận "):
        if fold(rest).startswith(fold(prefix)):
            return rest[len(prefix) :]
    return rest


def date_parts(day: datetime.date) -> dict[str, str]:
    """Decree 30, Appendix I: a leading zero for days below 10 and for months 1 and 2 ("ngày 05 tháng 02",
    "ngày 02 tháng 3")."""
    return {"day": f"{day.day:02d}", "month": f"{day.month:02d}" if day.month < 3 else str(day.month)}


def signer_block(leader) -> dict[str, str]:
    """Decree 30: a deputy signs "KT." (on behalf of) the chief; without a chosen signer, a deputy's block."""
    if leader is not None and leader.position == LeaderPosition.OFFICE_CHIEF:
        return {"authority": "", "position": _("CHÁNH VĂN PHÒNG"), "name": leader.name}
    return {
        "authority": _("KT. CHÁNH VĂN PHÒNG"),
        "position": _("PHÓ CHÁNH VĂN PHÒNG"),
        "name": leader.name if leader is not None else "",
    }


def summary_text(overdue: int, due_soon: int, window_days: int) -> str:
    parts = []
    if overdue:
        parts.append(
            ngettext("%(n)d nhiệm vụ đã quá hạn", "%(n)d nhiệm vụ đã quá hạn", overdue) % {"n": overdue}
        )
    if due_soon:
        parts.append(
            ngettext(
                "%(n)d nhiệm vụ sắp đến hạn (trong %(days)d ngày làm việc tới)",
                "%(n)d nhiệm vụ sắp đến hạn (trong %(days)d ngày làm việc tới)",
                due_soon,
            )
            % {"n": due_soon, "days": window_days}
        )
    return _(" và ").join(parts)


def abstract_text(overdue: int, due_soon: int) -> str:
    if overdue and due_soon:
        return _("V/v đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn")
    if overdue:
        return _("V/v đôn đốc thực hiện nhiệm vụ quá hạn")
    return _("V/v đôn đốc thực hiện nhiệm vụ sắp đến hạn")


def row_context(no: int, row) -> dict:
    task = row.task
    directive = task.directive
    status = str(row.status.label)
    if not row.overdue:
        status = _("%(status)s, sắp đến hạn (còn %(n)d ngày)") % {"status": status, "n": row.days_left}
    return {
        "no": no,
        "content": task.content,
        "directive": f"{directive.kind} {directive.reference}" if directive.kind_id else directive.reference,
        "directive_abstract": directive.abstract,
        "deadline": task.effective_deadline.strftime("%d/%m/%Y"),
        "written_deadline": task.deadline.strftime("%d/%m/%Y") if task.deadline else "",
        "status": status,
        "overdue": row.overdue,
        "days_overdue": str(row.days_overdue) if row.overdue else "",
    }


def build_context(*, unit, rows, as_of, number, symbol, window_days, signer, drafting_department) -> dict:
    """Everything a template may use; docs/quan-tri-va-trien-khai.md lists these names for the Office."""
    committee = committee_name()
    place = place_of(committee)
    province = committee[len("Ủy ban nhân dân ") :] if fold(committee).startswith("uy ban nhan dan ") else ""
    overdue = sum(1 for r in rows if r.overdue)
    due_soon = len(rows) - overdue
    tasks = [row_context(i, r) for i, r in enumerate(rows, start=1)]
    return {
        "parent_body": committee.upper(),
        "province": province.upper(),
        "issuing_body": _("VĂN PHÒNG"),
        "number": number or BLANK_NUMBER,
        "symbol": symbol,
        "place": place,
        **date_parts(as_of),
        "year": str(as_of.year),
        "as_of": as_of.strftime("%d/%m/%Y"),
        "abstract": abstract_text(overdue, due_soon),
        "recipient": unit.name,
        "summary": summary_text(overdue, due_soon, window_days),
        "window_days": window_days,
        "overdue_count": overdue,
        "due_soon_count": due_soon,
        "tasks": tasks,
        "overdue_tasks": [t for t in tasks if t["overdue"]],
        "due_soon_tasks": [t for t in tasks if not t["overdue"]],
        "signer": signer_block(signer),
        "drafting_department": drafting_department,
    }


def printable(value):
    """`value` with every string in it free of control characters, which XML 1.0 (and so .docx) cannot
    carry and docxtpl reads as paragraph or page breaks (\x07, \x0c): text stored before core.text.nfc
    cleaned what users typed may hold them."""
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable(v) for v in value]
    return value


def render(template: bytes, context: dict) -> bytes:
    """Render a docxtpl template to .docx bytes (raises jinja2.TemplateError on a broken template)."""
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(template))
    doc.render(printable(context), jinja_env=SandboxedEnvironment(autoescape=True))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def sample_context() -> dict:
    """What an uploaded template is tried with before it replaces the active one."""
    row = {
        "no": 1,
        "content": "Nhiệm vụ mẫu & kiểm tra",
        "directive": "Công văn 1/UBND-TH ngày 05/01/2026",
        "directive_abstract": "Về việc thử mẫu",
        "deadline": "20/03/2026",
        "written_deadline": "20/03/2026",
        "status": "Chưa thực hiện quá hạn",
        "overdue": True,
        "days_overdue": "3",
    }
    soon = {**row, "no": 2, "status": "Đang thực hiện trong hạn, sắp đến hạn (còn 2 ngày)", "overdue": False}
    soon["days_overdue"] = ""
    tasks = [row, soon]
    return {
        "parent_body": "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
        "province": "TỈNH CÀ MAU",
        "issuing_body": "VĂN PHÒNG",
        "number": BLANK_NUMBER,
        "symbol": "VP-TH",
        "place": "Cà Mau",
        "day": "02",
        "month": "3",
        "year": "2026",
        "as_of": "02/03/2026",
        "abstract": abstract_text(1, 1),
        "recipient": "Sở Kế hoạch & Đầu tư",
        "summary": summary_text(1, 1, 5),
        "window_days": 5,
        "overdue_count": 1,
        "due_soon_count": 1,
        "tasks": tasks,
        "overdue_tasks": [row],
        "due_soon_tasks": [soon],
        "signer": signer_block(None),
        "drafting_department": "TH",
    }


def _where(error: TemplateError) -> str:
    """The template text around the error (docxtpl keeps it, tags of the XML stripped)."""
    lines = [" ".join(line.split()) for line in getattr(error, "docx_context", None) or []]
    tagged = [line for line in lines if "{{" in line or "{%" in line]
    if not tagged:
        return ""
    excerpt = tagged[0] if len(tagged[0]) <= 120 else tagged[0][:117] + "…"
    return _(" gần đoạn “%(text)s”") % {"text": excerpt}


def _hint(error: TemplateSyntaxError) -> str:
    message = (error.message or "").lower()
    if "end of template" in message:
        return _("thiếu thẻ đóng ({%% endfor %%}, {%% endif %%}…) hoặc thẻ chưa viết xong") % {}
    if "unexpected" in message and "}" in message:
        return _("thẻ thiếu hoặc thừa dấu ngoặc nhọn")
    if "unknown tag" in message or "encountered unknown tag" in message:
        return _("tên thẻ không đúng (dùng for, endfor, if, endif, tr…)")
    return _("thẻ viết sai cú pháp")


NOTICE_NEEDS = ("recipient", "tasks")  # a notice without them would urge nobody about nothing


def check_template(data: bytes, context: dict | None = None, needs=NOTICE_NEEDS) -> None:
    """Refuse, in Vietnamese, what is not a Word .docx template that renders with `context` (the notice's
    sample by default; the reports pass theirs) and uses the fields in `needs`; accept it otherwise."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(
            _("Tệp tải lên không phải tệp Word .docx (có thể là tệp .doc cũ, tệp hỏng hoặc bị đổi tên)."),
            code="not_docx",
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise ValidationError(
                _("Tệp tải lên không phải tệp Word .docx (thiếu nội dung văn bản)."), code="not_docx"
            )
    try:
        rendered = render(data, context if context is not None else sample_context())
    except TemplateSyntaxError as error:
        raise ValidationError(
            _("Mẫu có lỗi ở thẻ {{ }} hoặc {%% %%}%(where)s: %(hint)s. Sửa mẫu trong Word rồi tải lên lại."),
            params={"where": _where(error), "hint": _hint(error)},
            code="template_syntax",
        ) from error
    except TemplateError as error:
        raise ValidationError(
            _(
                "Mẫu không tạo được văn bản%(where)s: thẻ dùng tên hoặc thao tác không được phép (%(detail)s)."
            ),
            params={"where": _where(error), "detail": str(error).rstrip(".")},
            code="template_error",
        ) from error
    except Exception as error:  # a broken package inside the zip: python-docx/lxml raise many kinds
        raise ValidationError(
            _("Không đọc được tệp Word này (%(kind)s). Hãy mở và lưu lại bằng Word dưới dạng .docx."),
            params={"kind": type(error).__name__},
            code="not_docx",
        ) from error
    from docxtpl import DocxTemplate

    used = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
    if missing := [name for name in needs if name not in used]:
        # A plain letter uploaded by mistake would make every document blank from then on.
        raise ValidationError(
            _(
                "Mẫu chưa có các thẻ số liệu cần thiết: %(names)s, nên văn bản tạo ra sẽ thiếu nội dung. Tải mẫu "
                "đang dùng về, sửa trên đó rồi tải lên lại."
            ),
            params={"names": ", ".join(f"{{{{ {n} }}}}" for n in missing)},
            code="template_fields",
        )
    from docx import Document

    try:
        Document(io.BytesIO(rendered))
    except Exception as error:
        raise ValidationError(
            _("Văn bản tạo từ mẫu không mở được (%(kind)s)."), params={"kind": type(error).__name__}
        ) from error
