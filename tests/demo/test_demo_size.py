"""`vic demo --size N`: synthetic tasks on top of the demo, up to N, for benchmarks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from vic.tasks.models import Task
from vic.tasks.status import SIX

pytestmark = [pytest.mark.django_db]


def test_size_tops_up_to_n_and_a_second_run_adds_nothing():
    out = StringIO()
    call_command("demo", size=400, stdout=out)
    assert Task.objects.count() == 400
    assert "Đã thêm" in out.getvalue()
    statuses = set(Task.objects.with_status().values_list("status", flat=True))
    assert {s.value for s in SIX} <= statuses  # every reported status is there to measure
    out = StringIO()
    call_command("demo", size=400, stdout=out)
    assert Task.objects.count() == 400
    assert "không thêm" in out.getvalue()


def test_bench_refuses_a_database_holding_real_work(clerk, tree):
    from django.core.management.base import CommandError
    from tests.factories import register_tasks

    register_tasks(clerk, tree.stc)  # a real task, no demo province
    with pytest.raises(CommandError) as error:
        call_command("bench", size=10, runs=1)
    assert "Chỉ thêm nhiệm vụ sinh ngẫu nhiên vào CSDL trống hoặc CSDL dữ liệu mẫu" in str(error.value)
    with pytest.raises(CommandError):
        call_command("demo", size=10)
    assert Task.objects.count() == 1
