"""A confidentiality mark ("MẬT", "TỐI MẬT", "TUYỆT MẬT") printed in an uploaded .docx — in the body, the
first-page header or a text box — is found (findings #4, #5), and on every upload path (decisions/0011):
registering a directive warns the clerk, who may confirm; every other path refuses the file."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.core.marked_docx import WHERE, marked_docx
from tests.factories import docx_bytes, register_tasks

from vic.core import clock
from vic.core.documents import secrecy_mark, text_of
from vic.difficulties import actions as difficulties
from vic.difficulties.models import About, Difficulty, DifficultyFile
from vic.inspections import actions as inspections
from vic.inspections.models import Inspection, InspectionFile
from vic.tasks import actions
from vic.tasks.models import Submission, SubmissionKind, TaskFile

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def refusal(name: str, mark: str = "MẬT") -> str:
    return (
        f"Tệp “{name}” có dấu “{mark}”. Hệ thống không lưu văn bản mật (Điều 4 Quy chế): văn bản mật gửi theo "
        f"quy định về bảo vệ bí mật nhà nước, không đính kèm vào đây. Nếu chữ “{mark}” trong tệp không phải độ "
        f"mật của tệp (ví dụ tên một văn bản khác được trích dẫn), hãy sửa chữ đó trong tệp (ví dụ viết thường "
        f"“Mật”) rồi chọn lại tệp và gửi."
    )


def marked(where: str, mark: str = "MẬT", name: str = "bao-cao.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, marked_docx(where, mark))


def no_file_stored(media_root):
    assert not media_root.exists() or not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.fixture(autouse=True)
def today():
    with clock.at(D("2026-03-02")):
        yield


# --- reading the mark -----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("mark", ["MẬT", "TỐI MẬT", "TUYỆT MẬT"])
def test_the_mark_is_read_wherever_it_is_printed(where, mark):
    assert secrecy_mark(text_of(io.BytesIO(marked_docx(where, mark)), "docx")) == mark


def test_a_text_box_is_a_paragraph_of_its_own():
    text = text_of(io.BytesIO(marked_docx("text box")), "docx").splitlines()
    assert text[:2] == ["MẬT", "Số: 12/BC-STCKính gửi"]


@pytest.mark.parametrize(
    "heading",
    [
        "BÁO CÁO CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC NĂM 2026",
        "MẬT ĐỘ DÂN SỐ CÁC HUYỆN",
        "PHỐI HỢP CHẶT CHẼ, MẬT THIẾT",
        "ỨNG DỤNG MẬT MÃ DÂN SỰ",
        "HỖ TRỢ NUÔI ONG LẤY MẬT ONG",
        "BẢO MẬT THÔNG TIN, ĐỔI MẬT KHẨU",
    ],
)
def test_headings_in_capitals_are_no_mark(heading):
    assert secrecy_mark(text_of(io.BytesIO(docx_bytes(heading)), "docx")) is None


# --- registering a directive: the clerk is warned and may confirm -----------------------------------------


@pytest.mark.parametrize("where", WHERE)
def test_registering_a_directive_warns_until_the_clerk_confirms(clerk, tree, where):
    from tests.directives.test_register import cv846

    from vic.directives.actions import register_directive

    with pytest.raises(ValidationError) as error:
        register_directive(clerk, cv846(), uploads=[marked(where, name="ct.docx")])
    assert "Tệp “ct.docx” có dấu “MẬT”" in error.value.message_dict["not_secret"][0]
    directive = register_directive(clerk, cv846(), uploads=[marked(where, name="ct.docx")], not_secret=True)
    assert directive.files.count() == 1


# --- every other path refuses ----------------------------------------------------------------------------


@pytest.fixture
def task(clerk, tree):
    (task,) = register_tasks(
        clerk,
        tree.stc,
        coordinating_units=[tree.tam_duong],
        deadline=D("2026-03-20"),
        deliver_on=D("2026-01-06"),
    )
    return task


SUBMISSIONS = [
    (SubmissionKind.PROGRESS, "stc_officer", {}),
    (SubmissionKind.COMPLETION, "stc_officer", {}),
    (SubmissionKind.RETURN, "stc_officer", {}),
    (SubmissionKind.EXTENSION, "stc_officer", {"proposed_deadline": D("2026-04-30")}),
    (SubmissionKind.EXPLANATION, "stc_officer", {}),
    (SubmissionKind.CONTRIBUTION, "district_officer", {}),
]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(("kind", "who", "extra"), SUBMISSIONS, ids=[k for k, _w, _e in SUBMISSIONS])
def test_a_unit_submission_with_a_marked_file_is_refused(users, task, media_root, where, kind, who, extra):
    with pytest.raises(ValidationError) as error:
        actions.submit(
            getattr(users, who), task, kind, "Nội dung gửi kèm tệp", uploads=[marked(where)], **extra
        )
    assert error.value.messages == [refusal("bao-cao.docx")]
    assert not Submission.objects.exists() and not TaskFile.objects.exists()
    no_file_stored(media_root)


def test_an_unmarked_file_is_sent(users, task):
    report = SimpleUploadedFile("bao-cao.docx", docx_bytes("BÁO CÁO", "Về công tác bảo mật thông tin"))
    submission = actions.submit(
        users.stc_officer, task, SubmissionKind.PROGRESS, "Đã triển khai", uploads=[report]
    )
    assert submission.files.get().original_name == "bao-cao.docx"


@pytest.fixture
def difficulty(users):
    return difficulties.raise_difficulty(
        users.stc_officer, subject="Thiếu hướng dẫn", description="Đề nghị hướng dẫn.", about=About.SYSTEM
    )


@pytest.mark.parametrize("where", WHERE)
def test_a_difficulty_with_a_marked_file_is_refused(users, media_root, where):
    with pytest.raises(ValidationError) as error:
        difficulties.raise_difficulty(
            users.stc_officer,
            subject="Thiếu hướng dẫn",
            description="Đề nghị hướng dẫn.",
            about=About.SYSTEM,
            uploads=[marked(where, "TỐI MẬT")],
        )
    assert error.value.messages == [refusal("bao-cao.docx", "TỐI MẬT")]
    assert not Difficulty.objects.exists()
    no_file_stored(media_root)


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("step", ["answer", "follow_up"])
def test_a_difficulty_answer_or_follow_up_with_a_marked_file_is_refused(
    users, difficulty, media_root, where, step
):
    who = users.monitoring_officer if step == "answer" else users.stc_officer
    with pytest.raises(ValidationError) as error:
        getattr(difficulties, step)(who, difficulty, "Trả lời kèm tệp", uploads=[marked(where)])
    assert error.value.messages == [refusal("bao-cao.docx")]
    assert difficulty.messages.count() == 1 and not DifficultyFile.objects.exists()
    no_file_stored(media_root)


INSPECTION = {
    "title": "Kiểm tra việc thực hiện nhiệm vụ tại Sở Tài chính",
    "started_on": D("2026-02-24"),
    "leader_name": "Trần Văn Bình, Phó Chánh Văn phòng",
    "findings": "Giải ngân mới đạt 35% kế hoạch vốn.",
}


@pytest.mark.parametrize("where", WHERE)
def test_an_inspection_with_a_marked_file_is_refused(users, tree, media_root, where):
    with pytest.raises(ValidationError) as error:
        inspections.record_inspection(
            users.monitoring_officer, dict(INSPECTION), units=[tree.stc], uploads=[marked(where, "TUYỆT MẬT")]
        )
    assert error.value.messages == [refusal("bao-cao.docx", "TUYỆT MẬT")]
    assert not Inspection.objects.exists()
    no_file_stored(media_root)


@pytest.mark.parametrize("where", WHERE)
def test_a_marked_file_added_to_an_inspection_is_refused(users, tree, media_root, where):
    inspection = inspections.record_inspection(users.monitoring_officer, dict(INSPECTION), units=[tree.stc])
    with pytest.raises(ValidationError) as error:
        inspections.update_inspection(
            users.monitoring_officer,
            inspection,
            {},
            expected_version=inspection.version,
            uploads=[marked(where)],
        )
    assert error.value.messages == [refusal("bao-cao.docx")]
    assert not InspectionFile.objects.exists() and Inspection.objects.get().version == inspection.version
    no_file_stored(media_root)


# --- what the person sees --------------------------------------------------------------------------------


def test_the_task_page_shows_the_refusal_and_sends_nothing(client, users, task):
    from tests.web.helpers import text_of as page_text

    client.force_login(users.stc_officer)
    response = client.post(
        f"/nhiem-vu/{task.pk}/thao-tac/bao-cao/",
        {"bao-cao-text": "Báo cáo kèm tệp mật", "bao-cao-files": marked("text box")},
    )
    assert response.status_code == 400
    text = page_text(response.content.decode())
    assert refusal("bao-cao.docx") in text and "Báo cáo kèm tệp mật" in text
    assert not Submission.objects.exists()


def test_the_difficulty_page_shows_the_refusal_next_to_the_files(client, users):
    from tests.web.helpers import text_of as page_text

    client.force_login(users.stc_officer)
    response = client.post(
        "/kho-khan/moi/",
        {
            "about": About.SYSTEM,
            "subject": "Thử tệp mật",
            "description": "Mô tả",
            "files": marked("header", name="mat.docx"),
        },
    )
    assert refusal("mat.docx") in page_text(response.content.decode())
    assert not Difficulty.objects.exists()
