"""A word right after a quotation mark or other punctuation is a word of its own to a search (finding #10):
officials quote programme names (“Mỗi xã một sản phẩm”, "Chuyển đổi số") in contents and abstracts."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from tests.factories import DirectiveFactory, UserFactory, register_tasks

from vic.core import clock
from vic.difficulties import actions as difficulty_actions
from vic.difficulties.models import About, Difficulty
from vic.directives.models import Directive
from vic.inspections import actions as inspection_actions
from vic.inspections.models import Inspection
from vic.tasks.models import Task

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db

OCOP = "Triển khai Chương trình “Mỗi xã một sản phẩm” (OCOP) giai đoạn 2026-2030"
ABSTRACT = 'Về việc triển khai Đề án "Chuyển đổi số" năm 2027'


@pytest.fixture(autouse=True)
def today():
    with clock.at(D("2026-03-02")):
        yield


@pytest.fixture
def task(clerk, tree):
    directive = DirectiveFactory(number="45", abstract=ABSTRACT)
    (task,) = register_tasks(clerk, tree.stc, directive=directive, content=OCOP, deliver_on=D("2026-01-06"))
    return task


@pytest.mark.parametrize(
    "query", ["mỗi xã một sản phẩm", "Mỗi xã", "ocop", "chuyển đổi số", '"chuyển đổi số"', "«Chuyển đổi»"]
)
def test_words_after_quotation_marks_are_found(task, query):
    assert list(Task.objects.search(query)) == [task]


@pytest.mark.parametrize("query", ["chuyển đổi số", "Chuyển đổi", "đề án chuyển"])
def test_a_directive_is_found_by_the_words_of_its_quoted_abstract(task, query):
    assert list(Directive.objects.search(query)) == [task.directive]


@pytest.mark.parametrize(
    "quoted",
    [
        "“Mỗi xã một sản phẩm”",
        '"Mỗi xã một sản phẩm"',
        "‘Mỗi xã một sản phẩm’",
        "«Mỗi xã một sản phẩm»",
        "'Mỗi xã một sản phẩm'",
        "(Mỗi xã một sản phẩm)",
        "[Mỗi xã một sản phẩm]",
        "…Mỗi xã một sản phẩm…",
    ],
)
def test_every_kind_of_quotation_mark_separates_words(clerk, tree, quoted):
    (task,) = register_tasks(clerk, tree.stc, content=f"Chương trình {quoted}, giai đoạn 2026-2030")
    assert list(Task.objects.search("mỗi xã một sản phẩm")) == [task]
    assert list(Task.objects.search("sản phẩm giai đoạn")) == [task]


def test_the_task_list_page_finds_the_quoted_words(client, users, task):
    client.force_login(users.office_leader)
    html = client.get("/nhiem-vu/", {"q": "mỗi xã một sản phẩm"}).content.decode()
    assert f'href="/nhiem-vu/{task.pk}/"' in html
    html = client.get("/van-ban/", {"q": "chuyển đổi số"}).content.decode()
    assert f'href="/van-ban/{task.directive.pk}/"' in html


def test_the_stored_search_texts_are_rebuilt(clerk, users, tree, task):
    """Migration directives.0006: the search texts written by the old tokenizer are written again."""
    difficulty = difficulty_actions.raise_difficulty(
        users.stc_officer, subject="Vướng “Chuyển đổi số”", description="Mô tả", about=About.SYSTEM
    )
    inspection = inspection_actions.record_inspection(
        users.monitoring_officer,
        {
            "title": "Kiểm tra “Mỗi xã một sản phẩm”",
            "started_on": D("2026-02-24"),
            "ended_on": D("2026-02-25"),
            "leader": UserFactory(full_name="Trần Văn Bình", monitoring_officer=True, unit=tree.th),
            "findings": "Đã triển khai.",
        },
        units=[tree.stc],
        members=[users.monitoring_officer],
    )
    models = [Directive, Task, Difficulty, Inspection]
    rows = [task.directive, task, difficulty, inspection]
    expected = [m.objects.get(pk=r.pk).search_text for m, r in zip(models, rows, strict=True)]
    for model, row in zip(models, rows, strict=True):  # as the old tokenizer left them: quotes kept
        model.objects.filter(pk=row.pk).update(search_text=' “moi xa” "chuyen doi so" ')

    migration = importlib.import_module("vic.directives.migrations.0006_search_words_after_punctuation")
    migration.rebuild(apps, None)

    assert [m.objects.get(pk=r.pk).search_text for m, r in zip(models, rows, strict=True)] == expected
    assert " moi xa mot san pham " in expected[1] and " chuyen doi so " in expected[0]
    assert list(Difficulty.objects.search("chuyển đổi số")) == [difficulty]
    assert list(Inspection.objects.search("mỗi xã")) == [inspection]
