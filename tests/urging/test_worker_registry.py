"""`vic worker` runs huey without autodiscovery: a job is known to it only if its app imports the job's
module when Django starts. Regression: the report exports were queued and dropped ("not found in
TaskRegistry"), leaving "Đang chờ… 0%" for ever; the tests run jobs inline and could not see it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JOB = re.compile(r"^@db_(?:periodic_)?task\(.*\)\s*\ndef (\w+)\(", re.MULTILINE)
LIST_JOBS = (
    "import json; from huey.contrib.djhuey import HUEY; print(json.dumps(sorted(HUEY._registry._registry)))"
)


def test_every_job_is_known_to_a_worker(tmp_path):
    wanted = set()
    for path in (ROOT / "src" / "vic").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts)
        wanted |= {f"{module}.{name}" for name in JOB.findall(path.read_text())}
    assert {"vic.urging.jobs.scan", "vic.reporting.jobs.run_export"} <= wanted
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"VIC_VAR_DIR": str(tmp_path)}
    done = subprocess.run(  # noqa: S603 - our own command, fixed argv
        [sys.executable, "-m", "vic.cli", "shell", "-c", LIST_JOBS],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    known = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert wanted <= known, f"không có trong hàng đợi của worker: {sorted(wanted - known)}"
