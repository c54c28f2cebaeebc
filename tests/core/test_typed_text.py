"""Every text form stores clean text (forms.UnicodeText): a unit's report pasted from Word keeps its line
breaks and loses its control characters, like a task's content on the register page."""

from __future__ import annotations

import datetime

import pytest
from tests.factories import register_tasks

from vic.core import clock
from vic.tasks.models import Submission

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def test_a_progress_report_pasted_from_word_is_stored_clean(client, clerk, users, tree):
    with clock.at(D("2026-03-02")):
        (task,) = register_tasks(clerk, tree.stc, deadline=D("2026-03-20"), deliver_on=D("2026-01-06"))
        client.force_login(users.stc_officer)
        response = client.post(
            f"/nhiem-vu/{task.pk}/thao-tac/bao-cao/",
            {
                "bao-cao-text": "Đã giải ngân 60%\x0bcòn lại\x07 quý II\x1b",
                "bao-cao-paper_number": "12\x00/BC",
            },
        )
        assert response.status_code == 400  # NUL is refused, next to its field
        response = client.post(
            f"/nhiem-vu/{task.pk}/thao-tac/bao-cao/",
            {
                "bao-cao-text": "Đã giải ngân 60%\x0bcòn lại\x07 quý II\x1b",
                "bao-cao-paper_number": "12/BC\x0c",
            },
        )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.text, submission.paper_number) == ("Đã giải ngân 60%\ncòn lại quý II", "12/BC")
