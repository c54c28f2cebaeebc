"""The administration speaks Vietnamese: third-party pages (auditlog, axes, Django admin and auth), the
project catalog that translates them (src/vic/locale, compiled .mo committed), and the CSRF failure page."""

from __future__ import annotations

import ast
import gettext
import io
import json
import re
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from tests.factories import UserFactory
from tests.web.helpers import text_of

CATALOG_DIR = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
CSRF_TEXT = "Phiên làm việc đã hết hạn hoặc trang đã cũ. Hãy tải lại trang rồi thử lại."


# --- The catalog: what the .po says is what the committed .mo holds ----------------------------------


def read_po(text: str) -> list[dict]:
    """Entries of a .po file: ctxt, id, plural, strs (index → text), flags. Obsolete (#~) entries skipped."""
    entries: list[dict] = []
    entry: dict = {}
    flags: list[str] = []
    field = None

    def finish():
        nonlocal entry
        if "id" in entry:
            entries.append(entry)
        entry = {}

    for raw in text.splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#,")):
            continue
        if line.startswith("#,"):
            finish()
            flags = [f.strip() for f in line[2:].split(",")]
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "strs":
                entry["strs"][field[1]] += value
            else:
                entry[field[0]] += value
            continue
        value = ast.literal_eval(rest.strip())
        if keyword in ("msgctxt", "msgid") and ("id" in entry or (keyword == "msgctxt" and entry)):
            finish()
        if not entry:
            entry = {"flags": flags, "strs": {}}
            flags = []
        if keyword == "msgctxt":
            entry["ctxt"], field = value, ("ctxt",)
        elif keyword == "msgid":
            entry["id"], field = value, ("id",)
        elif keyword == "msgid_plural":
            entry["plural"], field = value, ("plural",)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry["strs"][index], field = value, ("strs", index)
        else:
            raise AssertionError(f"unreadable .po line: {raw!r}")
    finish()
    return entries


def compile_po(entries: list[dict]) -> bytes:
    """The .mo file of these entries, as CPython's Tools/i18n/msgfmt.py writes it (no hash table)."""
    messages = {}
    for e in entries:
        if "fuzzy" in e["flags"]:
            continue
        key = e["id"] if "ctxt" not in e else f"{e['ctxt']}\x04{e['id']}"
        if "plural" in e:
            key += "\0" + e["plural"]
            value = "\0".join(e["strs"][i] for i in sorted(e["strs"]))
        else:
            value = e["strs"][0]
        messages[key.encode()] = value.encode()
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(messages[k])))
        ids += k + b"\0"
        strs += messages[k] + b"\0"
    keystart = 7 * 4 + 16 * len(keys)
    valuestart = keystart + len(ids)
    koffsets, voffsets = [], []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    header = [0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0]
    words = b"".join(n.to_bytes(4, "little") for n in header + koffsets + voffsets)
    return words + ids + strs


def catalog_of(mo: bytes) -> dict:
    return dict(gettext.GNUTranslations(io.BytesIO(mo))._catalog)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_mo_is_the_compiled_po(domain):
    po = read_po((CATALOG_DIR / f"{domain}.po").read_text(encoding="utf-8"))
    committed = (CATALOG_DIR / f"{domain}.mo").read_bytes()

    assert catalog_of(committed) == catalog_of(compile_po(po)), (
        f"{domain}.mo is older than or differs from {domain}.po: recompile it "
        f"(cd {CATALOG_DIR} && msgfmt --check -o {domain}.mo {domain}.po) and commit both files"
    )


PLACEHOLDER = re.compile(r"%\([^)]+\)[sdrf]|%[sdrf]|\{[^{}]*\}")


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_once_with_the_same_placeholders(domain):
    entries = read_po((CATALOG_DIR / f"{domain}.po").read_text(encoding="utf-8"))
    header, messages = entries[0], entries[1:]

    assert "Plural-Forms: nplurals=1; plural=0;" in header["strs"][0]  # Vietnamese has one form
    keys = [(e.get("ctxt"), e["id"]) for e in messages]
    assert len(keys) == len(set(keys)), "a msgid is translated twice"
    for e in messages:
        assert "fuzzy" not in e["flags"], e["id"]
        assert list(e["strs"]) == [0], f"{e['id']!r}: Vietnamese takes msgstr[0] only"
        translated = e["strs"][0]
        assert translated.strip(), f"{e['id']!r} is not translated"
        source = e.get("plural", e["id"])
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source)), e["id"]


def test_formset_too_few_forms_in_vietnamese():
    class Line(forms.Form):
        text = forms.CharField()

    formset = formset_factory(Line, min_num=2, validate_min=True, extra=0)(
        {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}
    )
    with translation.override("vi"):
        assert not formset.is_valid()
        assert formset.non_form_errors() == ["Hãy gửi ít nhất 2 biểu mẫu."]
        # The %d wording of older Django releases (and of packages that copied it).
        many = "Please submit at least %d form.", "Please submit at least %d forms."
        assert translation.ngettext(*many, 3) % 3 == "Hãy gửi ít nhất 3 biểu mẫu."
        most = "Please submit at most %d form.", "Please submit at most %d forms."
        assert translation.ngettext(*most, 1) % 1 == "Hãy gửi tối đa 1 biểu mẫu."


# --- Admin pages, as the administrator sees them -----------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri_he_thong", admin=True, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response.content.decode())


def assert_vietnamese(text: str, present: list[str], absent: list[str]):
    missing = [s for s in present if s not in text]
    assert not missing, f"Vietnamese missing: {missing}"
    # Whole words, case-sensitive: "Changes" is a label, "15 changes: full_name" is auditlog's data.
    english = [s for s in absent if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
    assert not english, f"English left: {english}"


# Shown on every admin page (header, theme switch, side menu of all models).
FRAME_ENGLISH = [
    "Skip to main content",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Audit log",
    "Log entries",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Log out",
]
FRAME_VIETNAMESE = ["Chuyển đến nội dung chính", "Đổi giao diện (hiện tại: tự động)", "Đăng xuất"]


def test_admin_index_lists_third_party_models_in_vietnamese(admin_client):
    text = page(admin_client, reverse("admin:index"))

    assert_vietnamese(
        text,
        [
            *FRAME_VIETNAMESE,
            "Nhật ký hệ thống",
            "Bản ghi nhật ký",
            "Lượt đăng nhập sai",
            "Nhật ký đăng nhập",
            "Nhật ký đăng nhập thất bại",
            "Tên danh mục",
            "Chống dò mật khẩu",
        ],
        [*FRAME_ENGLISH, "Add", "Recent actions", ">Axes<"],
    )
    assert "mục đăng nhập" not in text.lower()  # Django's vi catalog calls a log entry a "login"


def test_auditlog_list_and_entry_in_vietnamese(admin_client, superuser):
    superuser.full_name = "Quản trị viên tỉnh"
    superuser.save()  # an "update" entry besides the "create" one

    text = page(admin_client, reverse("admin:auditlog_logentry_changelist"))

    assert_vietnamese(
        text,
        [
            *FRAME_VIETNAMESE,
            "Chọn bản ghi nhật ký để xem",
            "Thời điểm",
            "Đối tượng",
            "Thao tác",
            "Thay đổi",
            "tạo mới",
            "cập nhật",
            "Hiện số lượng",
            "Theo thao tác",
            "Theo Loại đối tượng",
            "Theo Mã tương quan",
            "2 bản ghi nhật ký",
        ],
        [
            *FRAME_ENGLISH,
            "Created",
            "Resource",
            "Action",
            "Changes",
            "create",
            "update",
            "Show counts",
            "By",
            "Resource Type",
            "log entries",
            "Correlation ID",
        ],
    )

    entry = LogEntry.objects.get_for_object(superuser).latest("timestamp")
    text = page(admin_client, reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert_vietnamese(
        text,
        [
            "Xem bản ghi nhật ký",
            "Cập nhật Quản trị viên tỉnh",
            "Trường",
            "Giá trị cũ",
            "Giá trị mới",
            "Lịch sử",
        ],
        [*FRAME_ENGLISH, "Updated", "Field", "From", "To", "History", "View log entry"],
    )


@pytest.fixture
def login_records(db):
    common = {"user_agent": "Mozilla/5.0", "http_accept": "*/*", "path_info": "/dang-nhap/"}
    AccessAttempt.objects.create(
        **common, ip_address="10.0.0.1", username="vanthu", get_data="", post_data="", failures_since_start=2
    )
    AccessAttempt.objects.create(
        **common, ip_address="10.0.0.2", username="khach", get_data="", post_data="", failures_since_start=9
    )
    AccessLog.objects.create(**common, ip_address="10.0.0.1", username="vanthu")
    AccessFailureLog.objects.create(**common, ip_address="10.0.0.2", username="khach", locked_out=True)


AXES_ENGLISH = ["Attempt Time", "IP Address", "User Agent", "Username", "Path", "Go", "Show counts", "By"]
AXES_VIETNAMESE = ["Thời điểm đăng nhập", "Địa chỉ IP", "Trình duyệt", "Tên đăng nhập", "Đường dẫn"]


def test_axes_access_attempts_in_vietnamese(admin_client, login_records):
    text = page(admin_client, reverse("admin:axes_accessattempt_changelist"))

    assert_vietnamese(
        text,
        [
            *AXES_VIETNAMESE,
            "Chọn lượt đăng nhập sai để thay đổi",
            "Số lần đăng nhập sai",
            "3 lần thử còn lại",
            "Bị khóa",
            "Theo Bị khóa",
            "Xóa các lượt đăng nhập sai đã hết hạn",
            "Thực hiện",
            "7 ngày qua",
            "2 lượt đăng nhập sai",
        ],
        [
            *FRAME_ENGLISH,
            *AXES_ENGLISH,
            "Failed Logins",
            "Attempt Remaining",
            "Locked Out",
            "Clean up expired attempts",
            "access attempts",
        ],
    )


def test_axes_access_logs_and_failures_in_vietnamese(admin_client, login_records):
    logs = page(admin_client, reverse("admin:axes_accesslog_changelist"))
    failures = page(admin_client, reverse("admin:axes_accessfailurelog_changelist"))

    assert_vietnamese(
        logs,
        [*AXES_VIETNAMESE, "Thời điểm đăng xuất", "2 nhật ký đăng nhập"],
        [*FRAME_ENGLISH, *AXES_ENGLISH, "Logout Time", "access log"],
    )
    assert_vietnamese(
        failures,
        [*AXES_VIETNAMESE, "Đã khóa tài khoản", "1 lần đăng nhập thất bại"],
        [*FRAME_ENGLISH, *AXES_ENGLISH, "Access lock out", "access failure"],
    )
    attempt = AccessAttempt.objects.get(username="vanthu")
    detail = page(admin_client, reverse("admin:axes_accessattempt_change", args=[attempt.pk]))
    assert_vietnamese(
        detail,
        ["Dữ liệu biểu mẫu", "Thông tin kết nối", "Dữ liệu GET", "Dữ liệu POST", "Tiêu đề HTTP Accept"],
        ["Form Data", "Meta Data", "GET Data", "POST Data"],
    )


USER_ENGLISH = [
    "After you’ve created a user, you’ll be able to edit more user options.",
    "Password-based authentication",
    "Enabled",
    "Disabled",
    "Whether the user will be able to authenticate using a password or not",
]


def test_user_add_page_in_vietnamese(admin_client):
    url = reverse("admin:units_user_add")
    text = page(admin_client, url)

    assert_vietnamese(
        text,
        [
            "Sau khi tạo người dùng, bạn có thể chỉnh sửa thêm các thông tin khác của người dùng.",
            "Xác thực bằng mật khẩu",
            "Bật",
            "Tắt",
            "Người dùng có được đăng nhập bằng mật khẩu hay không.",
            "Bắt buộc. Tối đa 150 ký tự",
        ],
        [*FRAME_ENGLISH, *USER_ENGLISH],
    )

    invalid = admin_client.post(url, {"username": "", "usable_password": "true"})
    text = text_of(invalid.content.decode())
    assert_vietnamese(
        text, ["Lỗi: Thêm người dùng", "Hãy sửa các lỗi dưới đây."], ["Error", "Please correct the"]
    )


def test_user_change_and_set_password_pages_in_vietnamese(admin_client, superuser):
    change = page(admin_client, reverse("admin:units_user_change", args=[superuser.pk]))
    password = page(admin_client, reverse("admin:auth_user_password_change", args=[superuser.pk]))

    assert_vietnamese(
        change,
        ["Đặt mật khẩu", "Quyền vào trang quản trị", "Toàn quyền quản trị", "Lịch sử"],
        [*FRAME_ENGLISH, "Set password", "Enable password-based authentication", "History"],
    )
    assert_vietnamese(
        password,
        ["Đặt mật khẩu: quantri_he_thong", "Thao tác này sẽ bật xác thực bằng mật khẩu cho người dùng này."],
        [*FRAME_ENGLISH, "Set password", "This action will"],
    )


def test_admin_javascript_catalog_in_vietnamese(admin_client):
    body = admin_client.get(reverse("admin:jsi18n")).content.decode()

    for vietnamese in ["Chủ nhật", "Chọn tất cả %s", "Gõ vào ô này để lọc danh sách %s đã chọn."]:
        assert json.dumps(vietnamese) in body, vietnamese


# --- CSRF failure --------------------------------------------------------------------------------------


def test_a_post_without_csrf_token_gets_the_vietnamese_page(superuser):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(superuser)

    response = browser.post(reverse("admin:units_user_add"), {"username": "moi"})

    assert response.status_code == 403
    html = response.content.decode()
    assert CSRF_TEXT in text_of(html)
    assert '<html lang="vi">' in html
    assert "CSRF verification failed" not in html and "Forbidden" not in html


def test_an_old_login_form_gets_the_vietnamese_page(db):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert CSRF_TEXT in text_of(response.content.decode())


def test_the_csrf_page_renders_without_request_or_context():
    assert CSRF_TEXT in text_of(render_to_string("403_csrf.html"))


def test_every_field_of_ours_has_a_vietnamese_label():
    """The administration's column headers and forms are the fields' labels: a field left without one shows
    its English name ("Actor", "Created at")."""
    from django.apps import apps

    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("vic.")
        for field in model._meta.get_fields()
        if field.concrete and str(field.verbose_name) == field.name.replace("_", " ") and field.name != "id"
    ]
    assert unnamed == []


def test_form_validation_messages_read_as_the_product_writes():
    """Django's own Vietnamese says "kí tự" and "lựa chọn khả thi"; the product says "ký tự" and plainly."""
    from django import forms

    class Typed(forms.Form):
        note = forms.CharField(max_length=3)
        kind = forms.ChoiceField(choices=[("monthly", "Tháng")])

    form = Typed({"note": "abcd", "kind": "foo"})
    assert not form.is_valid()
    assert form.errors["note"] == ["Tối đa 3 ký tự (đang có 4)."]
    assert form.errors["kind"] == ["Giá trị “foo” không có trong danh sách chọn; hãy chọn lại."]
