"""`vic serve`: migrate, load the demo province into an empty database, collect static files, run gunicorn."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from vic.core.commands import VicCommand, int_between


class Command(VicCommand):
    help = _(
        "Chạy VIC: cập nhật CSDL, nạp dữ liệu mẫu nếu CSDL trống (chế độ dùng thử), phục vụ tại http://HOST:PORT"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("VIC_HOST", "127.0.0.1"),
            help=_("Địa chỉ máy chủ lắng nghe (mặc định theo VIC_HOST, không có thì 127.0.0.1)."),
        )
        parser.add_argument(
            "--port",
            type=int_between(1, 65535),
            default=os.environ.get("VIC_PORT", "8000"),  # a string default goes through `type` too
            help=_("Cổng phục vụ (mặc định theo VIC_PORT, không có thì 8000)."),
        )
        parser.add_argument(
            "--workers",
            type=int_between(1, 64),
            default=os.environ.get("VIC_WORKERS", "3"),
            help=_("Số tiến trình gunicorn xử lý yêu cầu (mặc định theo VIC_WORKERS, không có thì 3)."),
        )
        parser.add_argument(
            "--no-jobs",
            action="store_true",
            help=_("Không chạy tác vụ nền cùng máy chủ web (khi đã chạy `vic worker` riêng)."),
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            default=settings.VIC_DEMO,
            help=_("Nạp dữ liệu mẫu nếu CSDL trống (mặc định theo VIC_DEMO)."),
        )

    def handle(self, *args, host, port, workers, demo, no_jobs=False, **options):
        from vic.demo.loader import is_loaded
        from vic.demo.logins import DEMO_LOGINS, DEMO_NOTICE, DEMO_PASSWORD

        if demo:
            os.environ["VIC_DEMO"] = "1"  # the gunicorn workers started below show the demo logins too
        call_command("migrate", interactive=False, verbosity=0)
        if demo and not is_loaded():
            self.stdout.write(_("Đang nạp dữ liệu mẫu (tỉnh Cà Mau, 2015)…"))
            call_command("demo", quiet_logins=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        problem = bind_problem(host, port)
        if problem:
            raise CommandError(problem, returncode=2)
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS("\n" + _("VIC đang chạy tại %(url)s") % {"url": url}))
        if demo:
            self.stdout.write(
                _("Tài khoản dùng thử (mật khẩu chung: %(password)s):") % {"password": DEMO_PASSWORD}
            )
            for username, role, unit in DEMO_LOGINS:
                self.stdout.write(f"  {username:<12} {role} — {unit}")
            self.stdout.write(str(DEMO_NOTICE))
        self.stdout.write(_("Dừng: Ctrl+C") + "\n")
        sys.stdout.flush()
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "vic.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
            # The longest request line gunicorn reads (its 4 KB default answered a long search in English).
            "--limit-request-line",
            "8190",
        ]
        jobs = [] if no_jobs else [[sys.executable, "-m", "vic.cli", "worker"]]
        sys.exit(supervise([gunicorn, *jobs]))


def bind_problem(host: str, port: int) -> str | None:
    """Why the server could not listen there, in Vietnamese, or None (checked before "VIC đang chạy tại …")."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except (socket.gaierror, UnicodeError, OverflowError):
            return _(
                "Địa chỉ “%(host)s” không hợp lệ: dùng 127.0.0.1, 0.0.0.0 hoặc địa chỉ IP của máy này."
            ) % {"host": host}
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return _(
                    "Cổng %(port)d trên %(host)s đang được chương trình khác dùng (có thể là một VIC khác đang "
                    "chạy). Dừng chương trình đó, hoặc chạy trên cổng khác, ví dụ: VIC_PORT=%(other)d make run"
                ) % {"port": port, "host": host, "other": port + 1}
            if error.errno == errno.EACCES:
                return _(
                    "Không có quyền mở cổng %(port)d (cổng dưới 1024 cần quyền quản trị): chọn cổng khác."
                ) % {"port": port}
            return _(
                "Máy này không có địa chỉ %(host)s: dùng 127.0.0.1, 0.0.0.0 hoặc địa chỉ IP của máy này."
            ) % {"host": host}
    return None


def supervise(commands: list[list[str]]) -> int:
    """Run the web server and the job worker together; when one stops (or we are told to stop), stop both."""
    procs = [subprocess.Popen(argv) for argv in commands]  # noqa: S603 - fixed argv, no shell

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        return next(p.returncode for p in procs if p.returncode is not None)
    except KeyboardInterrupt:
        return 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
