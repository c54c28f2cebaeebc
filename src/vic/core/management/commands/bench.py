"""`vic bench --size N`: time the main pages and queries on N generated tasks (medians, docs/performance.md).

Run it on a throwaway database (VIC_VAR_DIR=/tmp/x or DATABASE_URL=…/vic_bench): it loads the demo
province, adds N synthetic tasks, then times each measurement `--runs` times after one warm-up.
"""

from __future__ import annotations

import statistics
import time

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.commands import VicCommand, int_between
from vic.core.views import status_counts_by_unit
from vic.tasks.models import Task
from vic.tasks.views import overdue_first
from vic.units.models import User


class Command(VicCommand):
    help = _("Đo thời gian các trang và truy vấn chính trên N nhiệm vụ sinh ngẫu nhiên.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            type=int_between(1, 10_000_000),
            default=100_000,
            help=_("Số nhiệm vụ (mặc định 100000)."),
        )
        parser.add_argument(
            "--runs", type=int_between(1, 1000), default=7, help=_("Số lần đo mỗi phép đo (mặc định 7).")
        )

    def handle(self, *args, size, runs, **options):
        from vic.demo import bulk, loader

        call_command("migrate", verbosity=0)
        loader.refuse_real_work()
        if not loader.is_loaded():
            call_command("demo", quiet_logins=True, verbosity=0)
        have = Task.objects.count()
        if have < size:
            started = time.perf_counter()
            bulk.generate(size - have, seed=size)
            self.stdout.write(
                _("Đã sinh %(n)d nhiệm vụ trong %(s).1f giây.")
                % {"n": size - have, "s": time.perf_counter() - started}
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        clerk, unit_user = User.objects.get(username="vanthu"), User.objects.get(username="stc")
        today = clock.today()
        measurements = {
            _("đếm cho trang Tổng quan (1 truy vấn gộp)"): lambda: status_counts_by_unit(
                Task.objects.visible_to(clerk), today
            ),
            _("danh sách trang 1, quá hạn trước (truy vấn)"): lambda: list(
                overdue_first(Task.objects.visible_to(clerk).with_status(today))[:50]
            ),
            _("đếm danh sách"): lambda: Task.objects.visible_to(clerk).count(),
            _("danh sách của đơn vị trang 1 (truy vấn)"): lambda: list(
                overdue_first(Task.objects.visible_to(unit_user).with_status(today))[:50]
            ),
            _("tìm “so tai chinh” trang 1 + đếm"): lambda: (
                list(Task.objects.visible_to(clerk).search("so tai chinh")[:50]),
                Task.objects.visible_to(clerk).search("so tai chinh").count(),
            ),
            **self._reporting(clerk, today),
        }
        pages = {
            _("GET / (Tổng quan)"): "/",
            _("GET /nhiem-vu/ (danh sách)"): "/nhiem-vu/",
            "GET /nhiem-vu/?scope=overdue": "/nhiem-vu/?scope=overdue",
            "GET /nhiem-vu/?q=so tai chinh": "/nhiem-vu/?q=so+tai+chinh",
            _("GET /bao-cao/tong-quan/ (bảng số liệu)"): "/bao-cao/tong-quan/",
            "GET /bao-cao/tong-quan/?by=officer": "/bao-cao/tong-quan/?by=officer",
            _("GET /bao-cao/tong-quan/xu-huong/ (xu hướng, HTMX)"): "/bao-cao/tong-quan/xu-huong/",
            _(
                "GET /bao-cao/tong-hop/ (báo cáo năm, trên màn hình)"
            ): "/bao-cao/tong-hop/?kind=yearly&period=2026",
        }
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(clerk)
        self.stdout.write(
            _("%(db)s, %(n)d nhiệm vụ, trung vị của %(runs)d lần đo (ms):")
            % {"db": connection.vendor, "n": Task.objects.count(), "runs": runs}
        )
        for name, run in measurements.items():
            self._report(name, run, runs)
        static = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        with override_settings(
            STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}, **static}
        ):
            for name, url in pages.items():
                self._report(name, lambda url=url: self._get(client, url), runs)

    @staticmethod
    def _reporting(clerk, today) -> dict:
        """Issue 5: the report dashboard's figures and the yearly compiled report, content and files."""
        from vic.reporting import content, figures
        from vic.reporting.dashboards import EVER, month_windows
        from vic.reporting.exports import excel, word
        from vic.reporting.periods import parse
        from vic.urging import services

        year = parse("yearly", str(today.year))
        qs = Task.objects.visible_to(clerk)
        return {
            _("bảng số liệu theo đơn vị (1 truy vấn)"): lambda: figures.table(qs, EVER, today, by="unit"),
            _("xu hướng 12 tháng"): lambda: figures.monthly_trend(qs, month_windows(today.year, today)),
            _("báo cáo tổng hợp năm: nội dung"): lambda: content.compiled(clerk, year),
            _("báo cáo tổng hợp năm: .docx"): lambda: word.compiled_docx(content.compiled(clerk, year)),
            _("báo cáo tổng hợp năm: .xlsx (mọi nhiệm vụ)"): lambda: excel.compiled_xlsx(
                content.compiled(clerk, year)
            ),
            _("quét nhắc việc: đến hạn hôm nay, chưa gửi"): lambda: services.pending_on(today),
        }

    def _report(self, name, run, runs):
        run()
        times = []
        for _i in range(runs):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            _("  %(name)-52s trung vị %(median)8.1f  nhỏ nhất %(min)8.1f  lớn nhất %(max)8.1f")
            % {"name": name, "median": statistics.median(times), "min": min(times), "max": max(times)}
        )

    @staticmethod
    def _get(client, url):
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url}: HTTP {response.status_code}")
        return response
