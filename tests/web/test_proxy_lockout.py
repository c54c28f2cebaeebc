"""Behind nginx (VIC_PROXY_COUNT=1, X-Forwarded-For overwritten with the client's address, as the
administration guide sets it), login throttling counts each client, not the proxy: one person's failed
attempts must not lock everybody out."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "vic.settings"
django.setup()
from django.test import RequestFactory
from axes.helpers import get_client_ip_address
for xff in ("203.0.113.7", "198.51.100.9"):
    print(get_client_ip_address(RequestFactory().get("/", HTTP_X_FORWARDED_FOR=xff, REMOTE_ADDR="127.0.0.1")))
"""


def test_behind_nginx_each_client_is_counted_apart(tmp_path):
    env = {**os.environ, "VIC_PROXY_COUNT": "1", "VIC_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.split() == ["203.0.113.7", "198.51.100.9"]
