"""Hand-edited query strings and form values never end in a server error: "²" passes str.isdigit() but
not int(); a 25-digit id overflows SQLite's integers (core/params.py reads them)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
BAD = ["²", HUGE, "-1", "abc", "1e3", " 7"]

PAGES = [
    "/bao-cao/tong-quan/?year={v}",
    "/bao-cao/tong-quan/?unit={v}",
    "/bao-cao/tong-quan/?department={v}",
    "/bao-cao/tong-quan/?officer={v}&leader={v}",
    "/bao-cao/tong-quan/xu-huong/?year={v}",
    "/bao-cao/tong-hop/?kind=monthly&period=2026-02&leader={v}&unit={v}",
    "/bao-cao/cham-diem/?unit={v}",
    "/nhiem-vu/?directive={v}",
    "/nhiem-vu/?unit={v}&leader={v}&officer={v}&department={v}",
    "/don-doc/?unit={v}",
    "/kho-khan/moi/?task={v}",
]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("who", ["office_leader", "district_officer"])
def test_query_strings(client, users, tree, who, value):
    client.force_login(getattr(users, who))
    for url in PAGES:
        response = client.get(url.format(v=value))
        assert response.status_code < 500, url.format(v=value)


@pytest.mark.parametrize("value", BAD)
def test_posted_ids(client, users, tree, value):
    client.force_login(users.office_leader)
    assert client.post("/thong-bao/da-doc/", {"id": value}).status_code == 302


def test_a_pasted_paragraph_searches_by_its_first_words(client, users, tree):
    from vic.core.text import search_terms

    paragraph = "Sở Tài chính chủ trì, phối hợp với các sở, ngành rà soát tổng hợp báo cáo " * 30
    assert len(search_terms(paragraph)) == 12
    client.force_login(users.office_leader)
    assert client.get("/nhiem-vu/", {"q": paragraph[:1500]}).status_code == 200


def test_serve_refuses_a_busy_port_in_vietnamese():
    import socket

    from vic.core.management.commands.serve import bind_problem

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert "đang được chương trình khác dùng" in bind_problem("127.0.0.1", port)
    assert bind_problem("127.0.0.1", port) is None
    # An address that is none, or not this machine's, is not called a busy port.
    assert "không hợp lệ" in bind_problem("999.1.1.1", port)
    assert "Máy này không có địa chỉ 10.255.255.1" in bind_problem("10.255.255.1", port)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["serve", "--port", "99999"], "tham số --port: phải từ 1 đến 65535 (đã nhập 99999)"),
        (["serve", "--port", "-1"], "tham số --port: phải từ 1 đến 65535 (đã nhập -1)"),
        (["serve", "--workers", "0"], "tham số --workers: phải từ 1 đến 64 (đã nhập 0)"),
        (["bench", "--runs", "0"], "tham số --runs: phải từ 1 đến 1000 (đã nhập 0)"),
        (["bench", "--size", "-1"], "tham số --size: phải từ 1 đến 10000000 (đã nhập -1)"),
        (["demo", "--size", "abc"], "tham số --size: “abc” không phải số nguyên"),
    ],
)
def test_numbers_out_of_range_are_refused_in_vietnamese_before_anything_runs(argv, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as refused:
        call_command(*argv)
    assert str(refused.value) == message and refused.value.returncode == 2


@pytest.mark.parametrize("query", ["QĐ-UBND", "qd-ubnd", "2019/QĐ-UBND", "25/2019/qđ-ubnd", "Sở KH&ĐT"])
def test_a_reference_or_an_alias_finds_its_task(client, users, clerk, tree, query):
    from tests.factories import DirectiveFactory, register_tasks

    tree.skhdt.aliases = "Sở KH&ĐT"
    tree.skhdt.save()
    directive = DirectiveFactory(
        number="25", symbol="2019/QĐ-UBND", abstract="Về chính sách hỗ trợ ngành nghề"
    )
    (task,) = register_tasks(clerk, tree.skhdt, directive=directive, content="Hướng dẫn thực hiện chính sách")
    client.force_login(users.office_leader)
    html = client.get("/nhiem-vu/", {"q": query}).content.decode()
    assert f'href="/nhiem-vu/{task.pk}/"' in html


def test_a_search_typed_in_an_old_font_says_why_it_finds_nothing(client, users, tree):
    from tests.web.helpers import text_of

    client.force_login(users.office_leader)
    tasks = text_of(client.get("/nhiem-vu/", {"q": "Së Tµi chÝnh"}).content.decode())
    assert "gõ bằng phông cũ (TCVN3/ABC hoặc VNI)" in tasks
    directives = text_of(client.get("/van-ban/", {"q": "Së Tµi chÝnh"}).content.decode())
    assert "gõ bằng phông cũ (TCVN3/ABC hoặc VNI)" in directives


def test_a_directive_search_without_a_match_does_not_say_there_are_no_documents(client, users, tree):
    from tests.factories import DirectiveFactory
    from tests.web.helpers import text_of

    DirectiveFactory()
    client.force_login(users.office_leader)
    empty = text_of(client.get("/van-ban/", {"q": "xyzzy"}).content.decode())
    assert "Không tìm thấy văn bản nào khớp với “xyzzy”." in empty and "Chưa có văn bản nào" not in empty
