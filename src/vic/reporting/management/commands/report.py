"""`vic report --kind monthly --period 2026-05 --format docx,xlsx --out DIR [--unit UNIT]`: write the files,
named as the web download names them ("Báo cáo tổng hợp tháng 5 năm 2026.docx"), and print their paths.

The compiled report of the whole province (the operator of the server sees everything), or with --unit
the unit's report for the period (its current version; the live figures when it has written none).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from vic.core.commands import VicCommand, os_reason
from vic.reporting import content
from vic.reporting.exports import build
from vic.reporting.periods import PeriodKind


class Command(VicCommand):
    help = _("Xuất báo cáo tổng hợp (hoặc báo cáo của một đơn vị) ra tệp Word, Excel.")

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, help=_("Loại kỳ: %(k)s") % {
            "k": ", ".join(PeriodKind.values)})  # fmt: skip
        parser.add_argument(
            "--period",
            required=True,
            help=_("Kỳ: YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, YYYY-9M, YYYY hoặc YYYY-MM-DD..YYYY-MM-DD"),
        )
        parser.add_argument("--format", default="docx,xlsx", help=_("docx, xlsx hoặc docx,xlsx"))
        parser.add_argument("--out", default=".", help=_("Thư mục ghi tệp (tạo nếu chưa có)."))
        parser.add_argument("--unit", help=_("Đơn vị (mã, số hiệu hoặc tên): báo cáo của đơn vị."))

    def handle(self, *args, kind, period, format, out, unit=None, **options):
        try:
            formats = build.formats_of(format)
            spec = {"report": "compiled", "kind": kind, "period": period}
            if unit:
                spec.update(report="unit", unit=build.find_unit(unit).pk)
            files, failed = build.render(build.load(content.SYSTEM, spec), formats)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(build.reason(error), returncode=2) from None
        directory = Path(out)
        try:
            if files:
                directory.mkdir(parents=True, exist_ok=True)
            for f in files:  # under the name the web download gives: one path a line, spaces and all
                path = directory / f.name
                path.write_bytes(f.data)
                self.stdout.write(str(path))
        except OSError as error:
            raise CommandError(
                _("Không ghi được tệp vào %(dir)s: %(err)s") % {"dir": directory, "err": os_reason(error)},
                returncode=2,
            ) from None
        if failed:  # the files that could be made are written; exit 1 says the others were not
            raise CommandError(" ".join(failed), returncode=1)
