"""`vic demo`: load the demo province (Cà Mau, 2015) with sample documents and tasks."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _

from vic.core.commands import VicCommand, int_between
from vic.demo import loader
from vic.demo.logins import DEMO_LOGINS, DEMO_NOTICE, DEMO_PASSWORD


class Command(VicCommand):
    help = _("Nạp dữ liệu mẫu: tỉnh Cà Mau (năm 2015), văn bản mẫu và nhiệm vụ năm 2026.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help=_("Không in danh sách tài khoản dùng thử.")
        )
        parser.add_argument(
            "--size",
            type=int_between(0, 10_000_000),
            default=0,
            help=_("Thêm nhiệm vụ sinh ngẫu nhiên cho đến khi có N nhiệm vụ (đo tốc độ, ví dụ 100000)."),
        )

    def handle(self, *args, **options):
        if options["size"]:
            loader.refuse_real_work()
        if not loader.is_loaded():
            self._load(options)
        elif not options["size"]:
            self.stdout.write(
                _("Cơ sở dữ liệu đã có danh mục đơn vị: không nạp dữ liệu mẫu (không thay đổi gì).")
            )
        if options["size"]:
            self._grow(options["size"])

    def _grow(self, size: int) -> None:
        """Synthetic tasks on top of the demo, for measuring at a real size (docs/performance.md)."""
        from vic.demo import bulk
        from vic.tasks.models import Task

        have = Task.objects.count()
        if have >= size:
            self.stdout.write(_("Đã có %(n)d nhiệm vụ: không thêm.") % {"n": have})
            return
        started = time.monotonic()
        bulk.generate(size - have, seed=size)
        self.stdout.write(
            _("Đã thêm %(n)d nhiệm vụ sinh ngẫu nhiên trong %(seconds).1f giây.")
            % {"n": size - have, "seconds": time.monotonic() - started}
        )

    def _load(self, options) -> None:
        started = time.monotonic()
        summary = loader.load()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã nạp dữ liệu mẫu trong %(seconds).1f giây: %(units)d đơn vị (%(external)d đơn vị ngoài "
                    "tỉnh), %(users)d người dùng, %(directives)d văn bản, %(tasks)d nhiệm vụ."
                )
                % {
                    "seconds": time.monotonic() - started,
                    "units": summary.units,
                    "external": len(summary.external_units),
                    "users": summary.users,
                    "directives": summary.directives,
                    "tasks": summary.tasks,
                }
            )
        )
        if options["verbosity"] < 2 and options.get("quiet_logins"):
            return  # `vic serve` prints the logins itself, once, after the URL
        self.stdout.write(
            _("Tài khoản dùng thử (mật khẩu chung: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for username, role, unit in DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {role} — {unit}")
        self.stdout.write(str(DEMO_NOTICE))
