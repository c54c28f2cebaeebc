"""From a spec (what the export page posts, what an ExportJob keeps, what the CLI parses) to files.

spec: {"report": "compiled"|"unit", "kind": "monthly", "period": "2026-05", "unit": id, "report_id": id,
       "filters": {"leader": id, "unit": id, "directive_kind": id, "key_only": bool}}
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from vic.core.params import as_id, as_int
from vic.core.text import fold
from vic.units.models import Unit

from .. import content
from ..models import UnitReport
from ..periods import Period, parse
from . import excel, task_list, word

FORMATS = ("docx", "xlsx")
log = logging.getLogger("vic.exports")


def format_names() -> dict[str, str]:
    return {"docx": _("Word"), "xlsx": _("Excel")}


@dataclass
class File:
    fmt: str
    name: str  # the Vietnamese name, for the download and the CLI: "Báo cáo tổng hợp tháng 5 năm 2026.docx"
    data: bytes


def reason(error: Exception) -> str:
    """Why an export failed, in Vietnamese: a refusal's own message; for anything else (a bug, a full disk)
    a plain sentence, never Python's English (the details are in the server's log)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied) and error.args:
        return str(error)
    return _("lỗi hệ thống khi tạo tệp (chi tiết trong nhật ký của máy chủ); hãy báo quản trị hệ thống.")


def formats_of(text: str) -> list[str]:
    wanted = [f.strip().lower() for f in (text or "").split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise ValidationError(_("Định dạng không hợp lệ: “%(f)s”. Dùng: docx, xlsx.") % {"f": ", ".join(bad)})
    return list(dict.fromkeys(wanted))


def find_unit(text: str) -> Unit:
    """A unit by id, code or name (accent-insensitive: "so tai chinh" finds "Sở Tài chính")."""
    text = (text or "").strip()
    if (pk := as_id(text)) and (unit := Unit.objects.filter(pk=pk).first()):
        return unit
    if unit := Unit.objects.filter(code__iexact=text).first():
        return unit
    key = fold(text)
    matches = [
        u for u in Unit.objects.all() if key in {fold(n) for n in u.names()} or key == fold(u.short_name)
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationError(
            _("Có %(n)d đơn vị trùng tên “%(t)s”; dùng mã đơn vị: %(codes)s.")
            % {"n": len(matches), "t": text, "codes": ", ".join(u.code for u in matches)}
        )
    raise ValidationError(_("Không tìm thấy đơn vị “%(t)s” (ghi mã, số hiệu hoặc tên đơn vị).") % {"t": text})


def _int(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):
        return value
    if (number := as_int(value)) is None:
        raise ValidationError(_("Giá trị không hợp lệ: “%(v)s”.") % {"v": value})
    return number


def filters_of(spec: dict) -> content.Filters:
    f = spec.get("filters") or {}
    return content.Filters(
        leader=_int(f.get("leader")),
        unit=_int(f.get("unit")),
        directive_kind=_int(f.get("directive_kind")),
        key_only=bool(f.get("key_only")),
    )


def load(user, spec: dict):
    """The content a spec names (content.Compiled, content.UnitContent or task_list.TaskList), checked
    against `user`."""
    if spec.get("report") == "task_list":
        return task_list.load(user, spec.get("query", ""))
    if spec.get("report") == "unit":
        if spec.get("report_id"):
            report = UnitReport.objects.filter(pk=_int(spec["report_id"])).select_related("unit").first()
            if report is None:
                raise ValidationError(_("Không tìm thấy báo cáo của đơn vị."))
            return content.unit_report(user, report)
        unit = Unit.objects.filter(pk=_int(spec.get("unit"))).first()
        if unit is None:
            raise ValidationError(_("Chọn đơn vị của báo cáo."))
        return content.unit_period(user, unit, parse(spec.get("kind"), spec.get("period")))
    return content.compiled(user, parse(spec.get("kind"), spec.get("period")), filters_of(spec))


def name_of(c) -> str:
    """The Vietnamese name of the files, without extension ("/" of an ad hoc period's dates made "-")."""
    if isinstance(c, task_list.TaskList):
        return _("Danh sách nhiệm vụ ngày %(d)s") % {"d": c.today.strftime("%d-%m-%Y")}
    period: Period = c.period
    if isinstance(c, content.UnitContent):
        name = _("Báo cáo %(unit)s %(p)s") % {"unit": c.unit.name, "p": period.title}
    else:
        name = _("Báo cáo tổng hợp %(p)s") % {"p": period.title}
    return name.replace("/", "-")


def _data(c, fmt: str, progress) -> bytes:
    if isinstance(c, task_list.TaskList):
        return task_list.xlsx(c, progress)
    unit = isinstance(c, content.UnitContent)
    if fmt == "docx":
        return word.unit_docx(c) if unit else word.compiled_docx(c)
    return excel.unit_xlsx(c, progress) if unit else excel.compiled_xlsx(c, progress)


def render(c, formats: list[str], progress=None) -> tuple[list[File], list[str]]:
    """(the files, why the others failed): each format is built on its own, so one that fails (logged, its
    reason in Vietnamese) does not lose the other."""
    name, files, failed = name_of(c), [], []
    for fmt in formats:
        if isinstance(c, task_list.TaskList) and fmt != "xlsx":
            continue  # a list is a sheet, not a document to sign
        try:
            files.append(File(fmt, f"{name}.{fmt}", _data(c, fmt, progress)))
        except Exception as error:  # whatever breaks one file, the other is still made
            log.exception("Building the %s file of %r failed", fmt, name)
            failed.append(
                _("Không tạo được tệp %(fmt)s: %(why)s") % {"fmt": format_names()[fmt], "why": reason(error)}
            )
        if progress:
            progress(50 if fmt == formats[0] and len(formats) > 1 else 90)
    return files, failed
