"""What a clerk pastes into the register page is stored clean: no control characters (Word's manual line
break becomes a line break), no invisible characters in a document's identity."""

from __future__ import annotations

import pytest
from tests.web.conftest import TODAY
from tests.web.test_register_page import ROW, RegisterPage, errors_of

from vic.core import clock
from vic.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with clock.at(TODAY):
        yield TODAY


@pytest.fixture
def page(client, clerk, tree):
    client.force_login(clerk)
    return RegisterPage(client)


def test_control_characters_pasted_into_a_task_are_not_stored(page):
    pasted = "Nhiệm vụ dán từ Word\x0bdòng hai\x07chuông\x1b\x0ctrang sau\x85"
    response = page.post([{**ROW, "content": pasted}])
    assert response.status_code == 302, errors_of(response)
    assert Task.objects.get().content == "Nhiệm vụ dán từ Word\ndòng haichuông\ntrang sau"


def test_a_null_character_is_still_refused(page):
    response = page.post([{**ROW, "content": "Nhiệm vụ\x00 có ký tự rỗng"}])
    assert response.status_code == 200
    assert "Không được chứa ký tự rỗng (null)." in errors_of(response)
    assert not Task.objects.exists()
