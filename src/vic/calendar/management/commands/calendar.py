"""`vic calendar …`: query the working-day calendar (holidays package + administrator overrides).

vic calendar add-working-days 2026-02-13 1   -> 2026-02-23
vic calendar roll-forward 2026-02-14         -> 2026-02-23
vic calendar is-working-day 2026-01-10       -> ngày làm việc
vic calendar days-off 2026                   -> one "YYYY-MM-DD  name" line per day off
"""

from __future__ import annotations

import re
from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from vic.calendar import services
from vic.core.commands import VicCommand

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INVALID = 2  # exit code for invalid input


def parse_day(text: str) -> date:
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise CommandError(
        _("Ngày không hợp lệ: %(text)s (định dạng YYYY-MM-DD)") % {"text": text}, returncode=_INVALID
    )


MAX_COUNT = 2500  # about ten years of working days: the longest deadline a task may have


def parse_count(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", text) or int(text) > MAX_COUNT:
        raise CommandError(
            _("Số ngày không hợp lệ: %(text)s (số nguyên từ 0 đến %(max)d, khoảng 10 năm làm việc)")
            % {"text": text, "max": MAX_COUNT},
            returncode=_INVALID,
        )
    return int(text)


def parse_year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text) or not 1 <= int(text) <= 9998:
        raise CommandError(
            _("Năm không hợp lệ: %(text)s (định dạng YYYY)") % {"text": text}, returncode=_INVALID
        )
    return int(text)


class Command(VicCommand):
    help = _("Lịch ngày làm việc: cộng ngày làm việc, lùi về ngày làm việc kế tiếp, liệt kê ngày nghỉ.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser(
            "add-working-days", help=_("Ngày làm việc thứ N kể từ ngày sau ngày đã cho (Điều 147 BLDS).")
        )
        add.add_argument("day", metavar="YYYY-MM-DD")
        add.add_argument("n", metavar="N")
        roll = actions.add_parser(
            "roll-forward", help=_("Chính ngày đó nếu là ngày làm việc, nếu không là ngày làm việc kế tiếp.")
        )
        roll.add_argument("day", metavar="YYYY-MM-DD")
        check = actions.add_parser("is-working-day", help=_("In “ngày làm việc” hoặc “ngày nghỉ”."))
        check.add_argument("day", metavar="YYYY-MM-DD")
        off = actions.add_parser("days-off", help=_("Các ngày nghỉ lễ, Tết và nghỉ bổ sung trong năm."))
        off.add_argument("year", metavar="YYYY")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "add-working-days":
            day, n = parse_day(options["day"]), parse_count(options["n"])
            self.stdout.write(self._result(lambda: services.add_working_days(day, n)).isoformat())
        elif action == "roll-forward":
            day = parse_day(options["day"])
            self.stdout.write(self._result(lambda: services.roll_forward(day)).isoformat())
        elif action == "is-working-day":
            day = parse_day(options["day"])
            self.stdout.write(_("ngày làm việc") if services.is_working_day(day) else _("ngày nghỉ"))
        elif action == "days-off":
            for day, name in services.days_off(parse_year(options["year"])):
                self.stdout.write(f"{day.isoformat()}  {name}")

    @staticmethod
    def _result(compute):
        try:
            return compute()
        except (OverflowError, ValueError) as exc:  # past year 9999
            raise CommandError(_("Kết quả vượt quá năm 9999."), returncode=_INVALID) from exc
