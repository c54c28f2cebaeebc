"""The demo's open business for the workflow pages (issue 3): a recent directive whose tasks wait for a
decision — a completion proposal, an extension proposal for the Chairman, a returned task — plus a part
passed down, a coordinator's note, a progress report waiting for the Director, and missing receipts."""

from __future__ import annotations

import datetime
import random

from vic.core import clock
from vic.directives.actions import register_directive
from vic.directives.models import DirectiveKind
from vic.tasks import actions
from vic.tasks.models import SubmissionKind, Task
from vic.tasks.specs import TaskSpec
from vic.tasks.status import OPEN
from vic.units.models import Role, Unit, UnitKind, User

from .history import LAST_DAY
from .people import People

ISSUED = datetime.date(2026, 11, 16)
D = datetime.date.fromisoformat
ROWS = [  # (key, lead code, coordinator codes, deadline, content)
    (
        "done",
        "so-tai-chinh",
        [],
        "2026-12-12",
        "Rà soát, báo cáo tình hình giải ngân vốn đầu tư công 11 tháng năm 2026",
    ),
    (
        "extend",
        "so-tai-chinh",
        ["so-ke-hoach-va-dau-tu"],
        "2026-11-27",
        "Tham mưu phương án xử lý nợ đọng xây dựng cơ bản của các dự án hoàn thành",
    ),
    (
        "part",
        "so-tai-chinh",
        [],
        "2026-12-22",
        "Tổng hợp dự toán thu, chi ngân sách năm 2027 của các huyện, thành phố",
    ),
    (
        "approve",
        "so-tai-chinh",
        [],
        "2026-12-29",
        "Hướng dẫn các đơn vị quyết toán kinh phí cải cách tiền lương năm 2026",
    ),
    (
        "return",
        "ubnd-huyen-u-minh",
        [],
        "2026-12-18",
        "Kiểm tra, xử lý việc nuôi trồng thủy sản lấn chiếm hành lang bảo vệ bờ biển",
    ),
    (
        "coordinate",
        "so-ke-hoach-va-dau-tu",
        ["so-tai-chinh"],
        "2026-12-19",
        "Xây dựng kế hoạch đầu tư công năm 2027 trình HĐND tỉnh",
    ),
]


def load_workflow(people: People, rng: random.Random) -> None:
    users = people.users
    with clock.at(ISSUED):
        directive = register_directive(
            people.clerk,
            {
                "kind": DirectiveKind.objects.get(name="Công văn"),
                "number": "4120",
                "symbol": "UBND-TH",
                "issuer": "UBND tỉnh Cà Mau",
                "issue_date": ISSUED,
                "abstract": "Về triển khai các nhiệm vụ tài chính, ngân sách cuối năm 2026",
                "signer_name": people.leaders["chairman"].name,
                "signer_position": "Chủ tịch UBND tỉnh",
            },
            specs=[_spec(people, row) for row in ROWS],
        )
    tasks = dict(zip([r[0] for r in ROWS], directive.tasks.order_by("pk"), strict=True))
    with clock.at(ISSUED + datetime.timedelta(days=1)):
        actions.deliver_tasks(people.clerk, list(tasks.values()))
    with clock.at(ISSUED + datetime.timedelta(days=2)):
        _acknowledge_most(rng)
    stc_officer, director = users["stc"], users["gd.stc"]
    with clock.at(LAST_DAY - datetime.timedelta(days=3)):
        actions.submit(
            stc_officer,
            tasks["done"],
            SubmissionKind.PROGRESS,
            "Đã tổng hợp số liệu giải ngân của 38 chủ đầu tư.",
        )
        actions.submit(
            stc_officer,
            tasks["done"],
            SubmissionKind.COMPLETION,
            "Đã ban hành Báo cáo số 215/BC-STC ngày 27/11/2026; đề nghị Văn phòng xác nhận hoàn thành.",
        )
        actions.submit(
            stc_officer,
            tasks["extend"],
            SubmissionKind.EXTENSION,
            "Cần thêm thời gian đối chiếu số liệu nợ đọng với Kho bạc Nhà nước tỉnh.",
            proposed_deadline=D("2026-12-31"),
        )
        actions.submit(
            users["huyen.uminh"],
            tasks["return"],
            SubmissionKind.RETURN,
            "Nội dung thuộc chức năng của Sở Nông nghiệp và Phát triển nông thôn và Bộ Chỉ huy Bộ đội "
            "Biên phòng tỉnh, không thuộc thẩm quyền của UBND huyện; đề nghị Văn phòng giao lại.",
        )
        actions.submit(
            stc_officer,
            tasks["coordinate"],
            SubmissionKind.CONTRIBUTION,
            "Sở Tài chính thống nhất danh mục; đề nghị bổ sung nguồn vốn đối ứng cho 3 dự án.",
        )
        _pass_down(people, director, tasks["part"])
    # From now on Sở Tài chính's officer sends through the Director: one progress report waits.
    Unit.objects.filter(code="so-tai-chinh").update(requires_head_approval=True)
    stc_officer.refresh_from_db()
    with clock.at(LAST_DAY - datetime.timedelta(days=1)):
        actions.submit(
            stc_officer,
            tasks["approve"],
            SubmissionKind.PROGRESS,
            "Đã dự thảo văn bản hướng dẫn, đang lấy ý kiến Kho bạc Nhà nước tỉnh.",
        )


def _spec(people: People, row) -> TaskSpec:
    _key, lead, coordinators, deadline, content = row
    th = people.units["vp-tong-hop"]
    return TaskSpec(
        content=content,
        lead_units=[people.units[lead]],
        coordinating_units=[people.units[c] for c in coordinators],
        monitoring_department=th,
        monitoring_officers=[people.users["cv.tonghop"]],
        assigning_leader=people.leaders["chairman"],
        deadline=D(deadline),
    )


def _acknowledge_most(rng: random.Random) -> None:
    """Most units confirm receipt; a few have not, so the Office's "Đơn vị chưa nhận" list has work."""
    for task in Task.objects.with_status(clock.today()).filter(status__in=OPEN).select_related("lead_unit"):
        user = User.objects.filter(unit=task.lead_unit, role=Role.UNIT_OFFICER, is_active=True).first()
        if user is not None and rng.random() < 0.8:
            actions.acknowledge(user, task)


def _pass_down(people: People, director: User, task: Task) -> None:
    """Sở Tài chính passes part of a task to its budget division (R-9.4), which reports on it."""
    division = Unit.objects.create(
        name="Phòng Quản lý ngân sách",
        short_name="P.QLNS",
        kind=UnitKind.SUB_UNIT,
        parent=people.units["so-tai-chinh"],
        code="stc-phong-qlns",
    )
    staff = User.objects.create(
        username="qlns.stc",
        password=people.password_hash,
        role=Role.UNIT_OFFICER,
        unit=division,
        full_name="Lê Thị Hồng Nhung",
        position="Trưởng phòng",
    )
    people.users[staff.username] = staff
    part = actions.pass_down(
        director,
        task,
        "Tổng hợp số liệu dự toán của 9 huyện, thành phố, gửi phòng chủ trì",
        assignee_unit=division,
        deadline=D("2026-12-15"),
    )
    actions.report_part(staff, part, "Đã nhận số liệu của 6/9 huyện, thành phố.")
