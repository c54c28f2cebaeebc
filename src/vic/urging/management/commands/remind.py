"""`vic remind [--today YYYY-MM-DD] [--dry-run]`: send (or list) the reminders due that day, once."""

from __future__ import annotations

import contextlib
import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.commands import VicCommand
from vic.urging import services


class Command(VicCommand):
    help = _("Gửi nhắc việc đến hạn trong ngày (mỗi lượt nhắc chỉ gửi một lần).")

    def add_arguments(self, parser):
        parser.add_argument("--today", help=_("Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)."))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ liệt kê, không gửi."))

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else clock.today()
            if not datetime.date(1990, 1, 1) <= day <= datetime.date(2100, 12, 31):
                raise ValueError(today)
        except ValueError:
            raise CommandError(
                _("Ngày không hợp lệ: %(text)s (định dạng YYYY-MM-DD)") % {"text": today}, returncode=2
            ) from None
        if dry_run:
            # What a real run would send now: the reminders of the day not yet in the dispatch log.
            due, pending = services.pending_on(day)
            for item in pending:
                instead = (
                    " " + _("(thay cho %(unit)s: đơn vị chưa có tài khoản nhận)") % {"unit": item.unreachable}
                    if item.unreachable is not None
                    else ""
                )
                self.stdout.write(
                    f"{day.isoformat()} · {item.rule.name} · {item.line()} "
                    f"→ {item.recipient} ({item.recipient.get_username()}){instead}"
                )
            self.stdout.write(_("%(n)d lượt nhắc sẽ gửi (chạy thử, chưa gửi).") % {"n": len(pending)})
            if len(due) > len(pending):
                self.stdout.write(
                    _("%(n)d lượt nhắc khác của ngày này đã gửi trước đó, không gửi lại.")
                    % {"n": len(due) - len(pending)}
                )
            return
        with clock.at(day) if today else contextlib.nullcontext():
            sent = services.send(day)
        self.stdout.write(_("Đã gửi %(n)d lượt nhắc.") % {"n": sent})
