"""`vic worker`: run the background jobs (reminder scans, digests, e-mail, long exports) and their schedule.

The queue is the SQLite file var/queue.sqlite3 by default and Redis when VIC_REDIS_URL is set; several
workers may run at once (the scans are idempotent). `vic serve` starts one alongside the web server."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import gettext as _

from vic.core.commands import VicCommand


class Command(VicCommand):
    help = _("Chạy các tác vụ nền: nhắc việc, bản tin hằng ngày, gửi e-mail, xuất báo cáo lớn.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=_("Số luồng xử lý (mặc định VIC_QUEUE_WORKERS)."),
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help=_("Chỉ xử lý hàng đợi, không chạy lịch định kỳ (khi đã có worker khác chạy lịch)."),
        )

    def handle(self, *args, workers=None, no_schedule=False, **options):
        where = settings.VIC_REDIS_URL or settings.HUEY.get("filename")
        self.stdout.write(_("Tác vụ nền đang chạy, hàng đợi: %(where)s") % {"where": _redact(where)})
        self.stdout.flush()
        extra = {"workers": workers} if workers else {}
        if no_schedule:
            extra["periodic"] = False
        call_command("run_huey", disable_autoload=True, **extra)


def _redact(url: str) -> str:
    """Never print a Redis password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
