"""The demo's inspections (R-8.1) and difficulties (R-14.3): two inspections of autumn 2026 — one with a
follow-up task under its conclusion notice — and four difficulties raised by units: answered, waiting,
closed. Written through the actions at their dates (clock.at), like the rest of the demo's history."""

from __future__ import annotations

import datetime

from vic.core import clock
from vic.difficulties import actions as difficulties
from vic.difficulties.models import About
from vic.inspections import actions as inspections
from vic.tasks.models import Task
from vic.tasks.specs import TaskSpec

from .people import People

D = datetime.date.fromisoformat


def _tasks_of(unit, before: datetime.date, n: int) -> list[Task]:
    """Tasks an inspection team would pick: the unit's delivered, counted tasks, the earliest deadlines first."""
    return list(
        Task.objects.filter(
            lead_unit=unit,
            delivered_on__lte=before,
            withdrawn_on__isnull=True,
            effective_deadline__isnull=False,
        ).order_by("effective_deadline", "pk")[:n]
    )


def load_checks(people: People) -> None:
    _inspections(people)
    _difficulties(people)


def _inspections(people: People) -> None:
    users, units = people.users, people.units
    stc = units["so-tai-chinh"]
    with clock.at(D("2026-11-12")):
        inspection = inspections.record_inspection(
            users["cv.tonghop"],
            {
                "title": "Kiểm tra việc thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao năm 2026 tại Sở Tài chính",
                "basis": "Kế hoạch số 35/KH-VP ngày 20/10/2026 của Văn phòng UBND tỉnh",
                "started_on": D("2026-11-10"),
                "ended_on": D("2026-11-11"),
                "leader": users["phochanhvp"],
                "other_members": "Đỗ Văn Khiêm, chuyên viên Sở Nội vụ",
                "findings": (
                    "Sở đã phân công lãnh đạo, phòng chuyên môn theo dõi từng nhiệm vụ; cập nhật tiến độ trên "
                    "phần mềm đầy đủ. Một số nhiệm vụ về quyết toán vốn đầu tư công chậm so với thời hạn do chờ "
                    "số liệu của chủ đầu tư; việc giải trình lý do chậm chưa kịp thời."
                ),
                "conclusion": (
                    "Đề nghị Sở Tài chính rà soát các nhiệm vụ quá hạn, báo cáo giải trình và đề xuất thời hạn "
                    "hoàn thành cụ thể; chủ động phối hợp Sở Kế hoạch và Đầu tư đôn đốc các chủ đầu tư."
                ),
            },
            units=[stc],
            tasks=_tasks_of(stc, D("2026-11-10"), 4),
            members=[users["cv.tonghop"], users["cv.kinhte"]],
        )
    with clock.at(D("2026-11-13")):
        inspections.create_follow_up_tasks(
            people.clerk,
            inspection,
            [
                TaskSpec(
                    content=(
                        "Rà soát các nhiệm vụ quá hạn được giao năm 2026, báo cáo giải trình và đề xuất thời hạn "
                        "hoàn thành cụ thể (theo kết luận kiểm tra)"
                    ),
                    lead_units=[stc],
                    coordinating_units=[units["so-ke-hoach-va-dau-tu"]],
                    monitoring_department=units["vp-tong-hop"],
                    monitoring_officers=[users["cv.tonghop"]],
                    assigning_leader=people.leaders["office_chief"],
                    deadline=D("2026-12-15"),
                )
            ],
            document={
                "number": "215",
                "symbol": "TB-VP",
                "issuer": "Văn phòng UBND tỉnh Cà Mau",
                "issue_date": D("2026-11-13"),
                "signer_name": people.leaders["office_chief"].name,
                "signer_position": "Chánh Văn phòng",
            },
        )
    districts = [units["ubnd-huyen-u-minh"], units["ubnd-huyen-tran-van-thoi"]]
    with clock.at(D("2026-10-23")):
        inspections.record_inspection(
            users["tp.tonghop"],
            {
                "title": "Kiểm tra tình hình thực hiện nhiệm vụ tại UBND huyện U Minh, UBND huyện Trần Văn Thời",
                "basis": "Chỉ đạo của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 9/2026",
                "started_on": D("2026-10-21"),
                "ended_on": D("2026-10-22"),
                "leader": users["tp.tonghop"],
                "other_members": "",
                "findings": (
                    "Hai huyện đã xác nhận nhận đủ nhiệm vụ; tỷ lệ hoàn thành đúng hạn đạt khá. Việc báo cáo "
                    "tiến độ hằng tháng trên phần mềm chưa đều, nhất là các nhiệm vụ thường xuyên."
                ),
                "conclusion": "Đề nghị hai huyện cập nhật tiến độ ít nhất mỗi tháng một lần theo Quy chế.",
            },
            units=districts,
            tasks=[t for unit in districts for t in _tasks_of(unit, D("2026-10-21"), 2)],
            members=[users["cv.tonghop2"], users["cv.noichinh"]],
        )


def _difficulties(people: People) -> None:
    users = people.users
    extend = Task.objects.get(content__startswith="Tham mưu phương án xử lý nợ đọng xây dựng cơ bản")
    with clock.at(D("2026-11-02")):
        closed = difficulties.raise_difficulty(
            users["skhdt"],
            subject="Thời điểm chốt số liệu báo cáo tháng",
            description=(
                "Đề nghị Văn phòng hướng dẫn thời điểm chốt số liệu của báo cáo tháng 11/2026 (từ ngày 15 tháng "
                "trước đến ngày 14 tháng báo cáo hay theo tháng dương lịch)."
            ),
            about=About.REGULATION,
        )
    with clock.at(D("2026-11-04")):
        difficulties.answer(
            users["cv.tonghop"],
            closed,
            "Số liệu báo cáo tháng tính từ ngày 15 tháng trước đến ngày 14 tháng báo cáo (Nghị định 09/2019/NĐ-CP).",
        )
    with clock.at(D("2026-11-05")):
        difficulties.close(users["skhdt"], closed, "Đã rõ, cảm ơn Văn phòng.")
    with clock.at(D("2026-11-25")):
        answered = difficulties.raise_difficulty(
            users["stc"],
            subject="Chưa có số liệu đối chiếu nợ đọng của Kho bạc Nhà nước tỉnh",
            description=(
                "Kho bạc Nhà nước tỉnh chưa gửi số liệu đối chiếu nợ đọng xây dựng cơ bản; đề nghị Văn phòng "
                "báo cáo UBND tỉnh đôn đốc để Sở kịp tham mưu đúng thời hạn."
            ),
            about=About.TASK,
            task=extend,
        )
    with clock.at(D("2026-11-26")):
        difficulties.answer(
            users["cv.tonghop"],
            answered,
            "Văn phòng đã có Phiếu chuyển đề nghị Kho bạc Nhà nước tỉnh gửi số liệu trước ngày 30/11/2026.",
        )
    with clock.at(D("2026-11-30")):
        difficulties.raise_difficulty(
            users["huyen.uminh"],
            subject="Không đính kèm được tệp báo cáo quét dung lượng lớn",
            description="Tệp báo cáo quét 20 trang (khoảng 60 MB) bị từ chối khi gửi báo cáo tiến độ.",
            about=About.SYSTEM,
        )
    with clock.at(D("2026-12-01")):
        difficulties.raise_difficulty(
            users["stc"],
            subject="Đề nghị hướng dẫn cách báo cáo nhiệm vụ định kỳ hằng tháng",
            description="Nhiệm vụ định kỳ có nhiều kỳ: đơn vị báo cáo chung hay từng kỳ trên phần mềm?",
            about=About.SYSTEM,
        )
