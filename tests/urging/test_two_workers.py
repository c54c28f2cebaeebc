"""Two `vic worker` processes at once on the real queues — the embedded SQLite file and Redis — run the
same reminder scan twice: every reminder goes out once. Jobs queued before any worker runs wait in the
queue and are done when workers come up (a restart loses nothing)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from huey import RedisHuey, SqliteHuey
from huey.exceptions import ResultTimeout

ROOT = Path(__file__).resolve().parents[2]
VIC = [sys.executable, "-m", "vic.cli"]
REDIS_URL = os.environ.get("VIC_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

COUNT_SCRIPT = """
import json, datetime
from vic.urging.models import Dispatch, Notification
from vic.core import clock
day = datetime.date.fromisoformat("{day}")
with clock.at(day):
    nine = clock.now()
# A reminder is a task's or a unit's periodic report's (task empty): the whole key tells them apart.
rows = list(
    Dispatch.objects.filter(day=day).values_list("task_id", "unit_id", "report", "rule_id", "recipient_id")
)
# "[rule] …", or "<unit> chưa có tài khoản …[rule] …" when the unit's reminder goes to the Office instead.
notes = Notification.objects.filter(created_at=nine, text__contains="[")
print(json.dumps({{"dispatches": len(rows), "distinct": len(set(rows)), "notifications": notes.count()}}))
"""

DUE_SCRIPT = """
import json
from vic.core import clock
from vic.calendar.services import add_working_days
from vic.urging import services
day = clock.today()
for _ in range(15):
    due = services.due_on(day)
    if len(due) >= 3:
        break
    day = add_working_days(day, 1)
print(json.dumps({"day": day.isoformat(), "due": len(due)}))
"""


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _vic(env, *args) -> str:
    done = subprocess.run([*VIC, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def _province(tmp_path: Path, queue_env: dict) -> dict:
    """A demo province in its own SQLite file, as `make run` makes it."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"VIC_VAR_DIR": str(tmp_path), "VIC_QUEUE_NAME": f"vic-test-{uuid.uuid4().hex[:8]}"} | queue_env
    _vic(env, "demo")
    return env


def _run_two_workers(env: dict, tmp_path: Path, queue) -> None:
    wanted = _last_json(_vic(env, "shell", "-c", DUE_SCRIPT))
    assert wanted["due"] >= 3, wanted
    scan = queue.task()(_named_like_the_workers_job)
    results = [scan(wanted["day"]), scan(wanted["day"])]  # queued before any worker is up
    logs = [open(tmp_path / f"worker{i}.log", "w") for i in (1, 2)]  # noqa: SIM115
    workers = [
        subprocess.Popen(  # noqa: S603 - our own command, fixed argv
            [*VIC, "worker", "--workers", "2", "--no-schedule"], env=env, cwd=ROOT, stdout=log, stderr=log
        )
        for log in logs
    ]
    try:
        sent = [_wait(r, workers, tmp_path) for r in results]
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(timeout=30)
        for log in logs:
            log.close()
    counts = _last_json(_vic(env, "shell", "-c", COUNT_SCRIPT.format(day=wanted["day"])))
    assert sum(sent) == wanted["due"], (sent, wanted)
    assert counts == {"dispatches": wanted["due"], "distinct": wanted["due"], "notifications": wanted["due"]}


def _named_like_the_workers_job(day=None):
    """Only its name travels: the workers run their own vic.urging.jobs.scan."""


_named_like_the_workers_job.__module__, _named_like_the_workers_job.__name__ = "vic.urging.jobs", "scan"


def _wait(result, workers, tmp_path, seconds=120):
    """The job's result, failing at once (with the workers' logs) if a worker dies."""
    for _ in range(seconds):
        try:
            return result.get(blocking=True, timeout=1)
        except ResultTimeout:
            if any(w.poll() is not None for w in workers):
                break
    logs = "\n".join((tmp_path / f"worker{i}.log").read_text()[-1500:] for i in (1, 2))
    pytest.fail(f"Không nhận được kết quả của tác vụ nền.\n{logs}")


def test_two_workers_on_the_embedded_queue_send_each_reminder_once(tmp_path):
    env = _province(tmp_path, {"VIC_REDIS_URL": ""})
    queue = SqliteHuey(env["VIC_QUEUE_NAME"], filename=str(tmp_path / "queue.sqlite3"), utc=False)
    _run_two_workers(env, tmp_path, queue)


@pytest.mark.skipif(not _redis_up(), reason="Redis không chạy ở 127.0.0.1:6379 (CI khởi động Redis)")
def test_two_workers_on_redis_send_each_reminder_once(tmp_path):
    env = _province(tmp_path, {"VIC_REDIS_URL": REDIS_URL})
    queue = RedisHuey(env["VIC_QUEUE_NAME"], url=REDIS_URL, utc=False)
    try:
        _run_two_workers(env, tmp_path, queue)
    finally:
        queue.flush()
