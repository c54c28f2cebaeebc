"""The "Nhập văn bản" page (R-3, R-4, R-5.1): what a clerk types, what is saved, what is refused.

Every POST starts from the fields the rendered page itself carries (management form, defaults of the
first task row and of the empty-row template), as a browser would send them, then fills in what the
clerk types.
"""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import directive_kind
from tests.web.conftest import PDF, pdf_upload
from tests.web.helpers import flat, form_fields, messages_of, text_of

from vic.directives.models import Directive, DirectiveFile
from vic.tasks.models import EventKind, Task, TaskEvent
from vic.units.models import Unit, UnitKind

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db

REGISTER = "/van-ban/nhap/"
BAD_DATE = "Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 23/05/2026)."


@pytest.fixture
def page(client, clerk, tree):
    """The clerk on the register page; `page.post(...)` submits it."""
    client.force_login(clerk)
    return RegisterPage(client)


class RegisterPage:
    def __init__(self, client):
        self.client = client
        response = client.get(REGISTER)
        assert response.status_code == 200
        self.html = response.content.decode()
        self.fields = form_fields(self.html, value="register-form")
        self.empty_row = form_fields(self.html, tag="template", attr="id", value="empty-task-row")

    def row(self, index: int, **typed) -> dict:
        """A task row added with "+ Thêm nhiệm vụ" (the empty-form template), then typed into."""
        row = {k.replace("__prefix__", str(index)): v for k, v in self.empty_row.items()}
        row.update({f"tasks-{index}-{k}": [v] for k, v in typed.items()})
        return row

    def data(self, rows: list[dict], *, action: str = "deliver", same_page: bool = False, **typed) -> dict:
        data = dict(self.fields)
        if (
            not same_page
        ):  # each post from a freshly loaded page (its own token); a double click sends one twice
            data["intake_token"] = [uuid.uuid4().hex]
        data.update(
            {
                "kind": [str(directive_kind("Công văn").pk)],
                "number": ["846"],
                "symbol": ["UBND-TH"],
                "issue_date": ["21/01/2026"],
                "abstract": ["Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026"],
                "signer_name": ["[Người ký]"],
                "signer_position": ["Phó Chủ tịch"],
                "action": [action],
            }
        )
        data.update({k: [v] for k, v in typed.items()})
        for k in [k for k in data if k.startswith("tasks-") and k[6:7].isdigit()]:
            del data[k]  # the first row comes back from `rows`
        for index, row in enumerate(rows):
            data.update(row if any(k.startswith("tasks-") for k in row) else self.row(index, **row))
        data["tasks-TOTAL_FORMS"] = [str(len(rows))]
        return flat(data)

    def post(self, rows=None, files=None, same_page=False, **typed):
        rows = rows if rows is not None else [ROW]
        data = self.data(rows, same_page=same_page, **typed)
        if files is not None:
            data["files"] = files
        return self.client.post(REGISTER, data)


ROW = {
    "content": "Báo cáo tình hình giải ngân vốn đầu tư công quý I năm 2026",
    "lead": "Sở Tài chính",
    "deadline": "20/03/2026",
}


def nothing_saved(media_root=None):
    assert Directive.objects.count() == 0
    assert Task.objects.count() == 0
    assert TaskEvent.objects.count() == 0
    assert DirectiveFile.objects.count() == 0
    if media_root is not None and media_root.exists():
        assert [p for p in media_root.rglob("*") if p.is_file()] == []


def errors_of(response) -> str:
    return text_of(response.content.decode())


# ---------------------------------------------------------------------------------------------------
# Success
# ---------------------------------------------------------------------------------------------------


def test_group_phrase_gives_one_task_per_district_and_number_typed_whole_is_split(page, tree, today):
    response = page.post(
        [{**ROW, "lead": "UBND các huyện, thành phố"}], number="846/UBND-TH", symbol="", action="deliver"
    )

    directive = Directive.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directives:detail", args=[directive.pk])
    assert (directive.number, directive.symbol) == ("846", "UBND-TH")
    assert directive.registered_by.username == "vanthu"
    tasks = list(directive.tasks.order_by("pk"))
    assert {t.lead_unit for t in tasks} == {tree.city, tree.tam_duong}
    assert len({t.group_id for t in tasks}) == 1
    for task in tasks:
        assert task.content == ROW["content"]
        assert task.deadline == D("2026-03-20")
        assert task.arose_on == D("2026-01-21")
        assert task.delivered_on == today
        assert task.monitoring_department == tree.th
    assert messages_of(response)[0] == "Đã lưu và chuyển giao 2 nhiệm vụ."  # then: no officer named
    detail = page.client.get(response["Location"]).content.decode()
    assert "Công văn 846/UBND-TH ngày 21/01/2026" in text_of(detail)


def test_draft_leaves_tasks_undelivered_until_delivered_from_the_directive_page(page, tree, today):
    response = page.post([ROW, {**ROW, "lead": "SKHĐT", "content": "Tổng hợp báo cáo"}], action="draft")

    assert response.status_code == 302
    assert messages_of(response)[0] == "Đã lưu nháp 2 nhiệm vụ (chưa chuyển giao)."
    assert list(Task.objects.values_list("delivered_on", flat=True)) == [None, None]
    assert [t.lead_unit for t in Task.objects.order_by("pk")] == [tree.stc, tree.skhdt]
    detail = page.client.get(response["Location"]).content.decode()
    assert "Chuyển giao 2 nhiệm vụ chưa chuyển" in detail

    delivered = page.client.post(reverse("directives:deliver_all", args=[Directive.objects.get().pk]))

    assert messages_of(delivered) == ["Đã chuyển giao 2 nhiệm vụ."]
    assert list(Task.objects.values_list("delivered_on", flat=True)) == [today, today]
    assert TaskEvent.objects.filter(kind=EventKind.DELIVERED).count() == 2


def test_deliver_delivers_on_the_day(page, today):
    response = page.post(action="deliver")
    assert response.status_code == 302
    (task,) = Task.objects.all()
    assert task.delivered_on == today
    assert [e.kind for e in task.events.order_by("id")] == [EventKind.REGISTERED, EventKind.DELIVERED]


@pytest.mark.parametrize(
    ("symbol", "department"),
    [("UBND-TH", "th"), ("ubnd-kt", "kt"), ("UBND", None), ("UBND-XD", None)],
)
def test_monitoring_department_defaults_from_the_symbol_suffix(page, tree, symbol, department):
    response = page.post(symbol=symbol)
    assert response.status_code == 302
    (task,) = Task.objects.all()
    assert task.monitoring_department == (getattr(tree, department) if department else None)


def test_a_chosen_monitoring_department_wins_over_the_symbol(page, tree):
    page.post([{**ROW, "monitoring_department": str(tree.kt.pk)}], symbol="UBND-TH")
    assert Task.objects.get().monitoring_department == tree.kt


def test_untouched_extra_row_from_the_template_is_ignored(page, tree):
    """The clerk pressed "+ Thêm nhiệm vụ" once too often and left the new row as it came."""
    response = page.post([ROW, page.row(1)])

    assert response.status_code == 302, errors_of(response)
    (task,) = Task.objects.all()
    assert task.lead_unit == tree.stc


def test_removed_row_is_ignored_even_with_errors(page, tree):
    removed = {**ROW, "lead": "Đơn vị không tồn tại", "deadline": "31/02/2026", "DELETE": "on"}
    response = page.post([ROW, removed])
    assert response.status_code == 302, errors_of(response)
    assert Task.objects.get().lead_unit == tree.stc


def test_a_valid_pdf_is_stored_with_its_name(page, media_root):
    response = page.post(files=[pdf_upload("846-UBND-TH.pdf")])
    assert response.status_code == 302
    (record,) = DirectiveFile.objects.all()
    assert record.original_name == "846-UBND-TH.pdf"
    assert record.file.read() == PDF
    assert page.client.get(reverse("directives:file", args=[record.pk])).status_code == 200


# ---------------------------------------------------------------------------------------------------
# Refusals: a Vietnamese message, nothing saved, the typed content still on the page
# ---------------------------------------------------------------------------------------------------


def test_unknown_lead_is_a_row_error_and_nothing_is_saved(page, tree):
    units = Unit.objects.count()
    response = page.post([{**ROW, "lead": "Sở Tài chính; Sở Du lịch Mặt Trăng"}])

    assert response.status_code == 200
    assert (
        "Không tìm thấy đơn vị: Sở Du lịch Mặt Trăng. Sửa tên, chọn từ danh sách, hoặc đánh dấu "
        "“thêm đơn vị ngoài tỉnh”." in errors_of(response)
    )
    nothing_saved()
    assert Unit.objects.count() == units
    assert form_fields(response.content.decode(), value="register-form")["tasks-0-lead"] == [
        "Sở Tài chính; Sở Du lịch Mặt Trăng"
    ]


def test_unknown_lead_with_create_external_adds_the_external_unit(page, tree):
    response = page.post([{**ROW, "lead": "Sở Tài chính; Bộ Tài chính"}], create_external="on")

    assert response.status_code == 302, errors_of(response)
    external = Unit.objects.get(name="Bộ Tài chính")
    assert external.kind == UnitKind.EXTERNAL
    assert {t.lead_unit for t in Task.objects.all()} == {tree.stc, external}


def test_external_unit_is_not_left_behind_when_the_page_has_other_errors(page):
    """A row error elsewhere undoes the external unit the first row added (one transaction)."""
    response = page.post(
        [{**ROW, "lead": "Bộ Tài chính"}, {**ROW, "coordinators": "Phòng không có thật"}],
        create_external="",
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(name="Bộ Tài chính").exists()
    nothing_saved()


@pytest.mark.parametrize("where", ["row_deadline", "issue_date"])
def test_invalid_date_is_refused_and_the_typed_content_stays(page, where):
    typed_row = {**ROW, "content": "Kiểm tra, rà soát các dự án chậm giải ngân", "coordinators": "STNMT"}
    if where == "row_deadline":
        response = page.post([{**typed_row, "deadline": "31/02/2026"}])
    else:
        response = page.post([typed_row], issue_date="31/02/2026")

    assert response.status_code == 200
    assert BAD_DATE in errors_of(response)
    nothing_saved()
    again = form_fields(response.content.decode(), value="register-form")
    assert again["tasks-0-content"] == ["Kiểm tra, rà soát các dự án chậm giải ngân"]
    assert again["tasks-0-coordinators"] == ["STNMT"]
    assert again["abstract"] == ["Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026"]
    assert again["number"] == ["846"]
    if where == "row_deadline":
        assert again["tasks-0-deadline"] == ["31/02/2026"]
    else:
        assert again["issue_date"] == ["31/02/2026"]


def test_issue_date_in_the_future_is_refused(page):
    response = page.post(issue_date="03/03/2026")  # today is 02/03/2026
    assert response.status_code == 200
    assert "Ngày ban hành không được sau ngày hôm nay." in errors_of(response)
    nothing_saved()


def test_issue_date_today_is_accepted(page):
    assert page.post(issue_date="02/03/2026").status_code == 302


@pytest.mark.parametrize(
    ("number", "symbol"), [("846", "UBND-TH"), ("846/ubnd-th", ""), ("846", "ubnd - th")]
)
def test_duplicate_directive_links_to_the_existing_one(page, number, symbol):
    assert page.post().status_code == 302
    existing = Directive.objects.get()
    tasks = Task.objects.count()

    response = page.post(number=number, symbol=symbol)

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"Văn bản số 846/UBND-TH ngày 21/01/2026 của Ủy ban nhân dân tỉnh Lai Châu đã được nhập ngày "
        f"02/03/2026 (mã #{existing.pk}). Mở văn bản đã có thay vì nhập lại." in text_of(html)
    )
    assert re.search(rf'<a href="{reverse("directives:detail", args=[existing.pk])}">Mở văn bản</a>', html)
    assert Directive.objects.count() == 1
    assert Task.objects.count() == tasks


@pytest.mark.parametrize(("secrecy", "label"), [("secret", "Mật"), ("top_secret", "Tối mật")])
def test_secret_documents_are_refused(page, secrecy, label):
    response = page.post(secrecy=secrecy)
    assert response.status_code == 200
    assert (
        f"Văn bản có độ mật ({label}) không được nhập vào hệ thống theo Điều 4 Quy chế; hãy xử lý theo quy "
        "định về bảo vệ bí mật nhà nước." in errors_of(response)
    )
    nothing_saved()


def test_exe_upload_is_refused_and_nothing_saved(page, media_root):
    exe = SimpleUploadedFile(
        "cai-dat.exe", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/x-msdownload"
    )
    response = page.post(files=[pdf_upload(), exe])

    assert response.status_code == 200
    assert (
        "Tệp “cai-dat.exe” không thuộc định dạng được phép (pdf, doc, docx, xls, xlsx, odt, ods, jpg, jpeg, png)."
        in errors_of(response)
    )
    nothing_saved(media_root)


def test_exe_renamed_to_pdf_is_refused(page, media_root):
    fake = SimpleUploadedFile("cong-van.pdf", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/pdf")
    response = page.post(files=[fake])
    assert response.status_code == 200
    assert "Nội dung tệp “cong-van.pdf” không đúng định dạng .pdf (tệp hỏng hoặc bị đổi tên)." in errors_of(
        response
    )
    nothing_saved(media_root)


def test_a_row_without_deadline_asks_for_one(page):
    response = page.post([{**ROW, "deadline": ""}])
    assert response.status_code == 200
    assert "Nhập thời hạn (dd/mm/yyyy) hoặc chọn “Thường xuyên”/“Khẩn trương”." in errors_of(response)
    nothing_saved()


def test_an_ongoing_task_needs_no_deadline(page):
    assert page.post([{**ROW, "deadline": "", "schedule": "ongoing"}]).status_code == 302
    task = Task.objects.get()
    assert (task.schedule, task.deadline, task.effective_deadline) == ("ongoing", None, None)


def test_an_ongoing_task_with_a_typed_deadline_is_not_silently_dropped(page):
    response = page.post([{**ROW, "schedule": "ongoing"}])
    assert response.status_code == 200
    assert "Nhiệm vụ “Thường xuyên” không có thời hạn: xóa ngày này hoặc chọn “Có thời hạn”." in errors_of(
        response
    )
    assert 'value="20/03/2026"' in response.content.decode()  # what was typed stays on the page
    nothing_saved()


def test_a_directive_of_300_task_rows_is_saved(page, tree):
    """Django refuses more than 1,000 fields by default: 70 rows of ~15 fields was the limit."""
    rows = [{**ROW, "content": f"Nhiệm vụ số {i + 1} của kế hoạch"} for i in range(300)]
    response = page.post(rows, action="draft")
    assert response.status_code == 302
    assert Task.objects.count() == 300


def test_a_page_sent_twice_saves_one_document(page):
    """A double click or a network retry sends the same page again: the second finds the first."""
    first = page.post([ROW], number="", symbol="", same_page=True)
    second = page.post([ROW], number="", symbol="", same_page=True)
    assert first.status_code == second.status_code == 302
    assert Directive.objects.count() == 1 and Task.objects.count() == 1
    assert second["Location"] == first["Location"]
    assert "Văn bản đã được lưu từ lần bấm trước; không lưu lại lần nữa." in messages_of(second)


def test_notes_longer_than_2000_characters_are_refused_next_to_the_field(page):
    response = page.post(notes="x" * 2001)
    assert response.status_code == 200
    assert "Ghi chú" in errors_of(response) or "2000" in errors_of(response)
    nothing_saved()


def test_a_namesake_from_another_issuer_asks_and_is_saved_when_confirmed(page):
    assert page.post().status_code == 302
    response = page.post(issuer="UBND tỉnh Điện Biên")
    assert response.status_code == 200
    assert "có thể là cùng văn bản" in errors_of(response)
    assert re.search(r"Đã có văn bản số \S+ ngày \d\d/\d\d/\d{4} của ", errors_of(response))  # year said once
    assert 'data-testid="other-issuer"' in response.content.decode()
    assert page.post(issuer="UBND tỉnh Điện Biên", other_issuer="on").status_code == 302
    assert Directive.objects.count() == 2


def test_a_file_chosen_before_an_error_is_named_to_choose_again(page):
    response = page.post(files=[pdf_upload("cv-846.pdf")], issue_date="31/02/2026")
    assert response.status_code == 200
    assert "Tệp đã chọn chưa được lưu (cv-846.pdf)" in errors_of(response)


@pytest.mark.parametrize(
    ("where", "typed"),
    [
        ("lead", "Së Tµi chÝnh"),
        ("content", "VÒ viÖc triÓn khai kÕ ho¹ch"),
        ("abstract", "Veà vieäc trieån khai"),
    ],
)
def test_text_typed_in_an_old_font_is_refused_with_how_to_convert_it(page, tree, where, typed):
    row = {**ROW, where: typed} if where != "abstract" else ROW
    extra = {"abstract": typed} if where == "abstract" else {}
    response = page.post([row], create_external="on", **extra)
    assert response.status_code == 200
    assert "phông cũ (TCVN3/ABC hoặc VNI)" in errors_of(response)
    nothing_saved()
    assert not Unit.objects.filter(name=typed).exists()  # no unit made of a garbled name


def test_latin_eth_typed_for_d_stroke_is_stored_and_found_as_d_stroke(page, client, tree):
    assert page.post(abstract="Về việc ÐẨY NHANH giải ngân vốn Ðầu tư công").status_code == 302
    assert "Đầu tư" in Directive.objects.get().abstract
    html = client.get(reverse("directives:list"), {"q": "Ðầu tư công"}).content.decode()
    assert "Đầu tư công" in html


def test_a_file_stamped_secret_asks_the_clerk_and_keeps_everything_typed(page):
    from tests.factories import docx_bytes

    stamped = docx_bytes("TỐI MẬT", "CHỈ THỊ", "Về công tác bảo vệ bí mật nhà nước")
    response = page.post(files=[SimpleUploadedFile("ct.docx", stamped)])
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="not-secret"' in html and "Tệp “ct.docx” có dấu “TỐI MẬT”" in text_of(html)
    assert "Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026" in html  # nothing typed is lost
    nothing_saved()
    again = page.post(files=[SimpleUploadedFile("ct.docx", stamped)], not_secret="on")
    assert again.status_code == 302 and DirectiveFile.objects.count() == 1
    # The Office sees on the document's page who waived the mark; a unit does not.
    shown = page.client.get(again["Location"]).content.decode()
    assert "dấu “TỐI MẬT” trong tệp “ct.docx” không phải độ mật của văn bản này" in text_of(shown)
