"""What the workflow tests do as a user would: press a task page's button, read the page, compare the data.

Dates: the tests run "on" Monday 02/03/2026 (TODAY) unless a step says otherwise with `clock.at`.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import PDF
from tests.web.helpers import messages_of, text_of

from vic.tasks.models import (
    DeadlineChange,
    Submission,
    Task,
    TaskCoordination,
    TaskEvent,
    TaskFile,
    TaskPart,
)

D = datetime.date.fromisoformat
TODAY = D("2026-03-02")  # a Monday
DELIVERED = D("2026-01-06")

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def pdf_upload(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def exe_upload(name: str = "setup.exe") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXE, content_type="application/octet-stream")


def act_url(task, slug: str) -> str:
    return reverse("tasks:act", args=[task.pk, slug])


def press(client, task, slug: str, **fields):
    """Submit the form of one button of the task page; field names are given without the slug prefix."""
    data = {}
    for name, value in fields.items():
        data[f"{slug}-{name}"] = value
    return client.post(act_url(task, slug), data)


def detail_text(client, task) -> str:
    response = client.get(reverse("tasks:detail", args=[task.pk]))
    assert response.status_code == 200
    return text_of(response.content.decode())


def detail_html(client, task) -> str:
    response = client.get(reverse("tasks:detail", args=[task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def form_error(response) -> str:
    """The text of a refused button's form (re-rendered with status 400)."""
    assert response.status_code == 400, response.status_code
    return text_of(response.content.decode())


def success(response) -> list[str]:
    assert response.status_code == 302, (response.status_code, text_of(response.content.decode())[:2000])
    return messages_of(response)


def section(html: str, testid: str) -> str:
    """The text of the element `data-testid=testid` (up to the end of its table or list)."""
    assert f'data-testid="{testid}"' in html, f"no {testid} on the page"
    part = html.split(f'data-testid="{testid}"', 1)[1]
    for end in ("</table>", "</ul>"):
        if end in part:
            part = part.split(end, 1)[0]
            break
    return text_of("<x " + part)


def snapshot() -> dict:
    """Everything an action could have changed: every task row, and the rows that actions add."""
    return {
        "tasks": list(Task.objects.order_by("pk").values()),
        "coordinations": list(TaskCoordination.objects.order_by("pk").values()),
        "parts": list(TaskPart.objects.order_by("pk").values()),
        "submissions": list(Submission.objects.order_by("pk").values()),
        "events": TaskEvent.objects.count(),
        "deadline_changes": DeadlineChange.objects.count(),
        "files": TaskFile.objects.count(),
    }
