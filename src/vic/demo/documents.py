"""The real sample documents (samples/*.txt with *.tasks.json) registered as directives with their tasks."""

from __future__ import annotations

import datetime
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from vic.calendar.services import add_working_days
from vic.core import clock
from vic.core.text import fold
from vic.directives.actions import register_directive
from vic.directives.models import DirectiveKind
from vic.tasks.actions import deliver_tasks
from vic.tasks.models import DeadlineKind, Schedule, Task
from vic.tasks.specs import TaskSpec

from . import history
from .people import People
from .province import office_department
from .resolving import UnitNames

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
NORMATIVE_DECISION = "Quyết định (quy phạm pháp luật)"


@dataclass(frozen=True)
class SampleMeta:
    issuer: str
    abstract: str
    leader: str  # key of people.LEADERS: who, in the demo province, assigned the tasks
    estimated_date: datetime.date | None = None  # for documents whose page carries no date
    signer_position: str = ""


# What the header does not say: issuer, abstract, the demo leader; a plausible date for 03 and 24.
META = {
    "01": SampleMeta(
        "UBND tỉnh Lai Châu",
        "Về việc báo cáo tình hình triển khai thực hiện và giải ngân kế hoạch đầu tư công năm 2019",
        "vc_economy",
    ),
    "03": SampleMeta(
        "UBND tỉnh Lai Châu",
        "Về việc đánh giá 1 năm triển khai thực hiện Nghị định số 68/2017/NĐ-CP của Chính phủ về quản lý, "
        "phát triển cụm công nghiệp",
        "chairman",
        estimated_date=datetime.date(2018, 7, 24),
        signer_position="Chủ tịch",
    ),
    "06": SampleMeta("UBND tỉnh Quảng Trị", "Về việc bổ sung vào quy hoạch sử dụng đất", "vc_economy"),
    "08": SampleMeta(
        "UBND Thành phố Hồ Chí Minh",
        "Về thực hiện chính sách, chiến lược, quy hoạch, kế hoạch về lĩnh vực công sở cơ quan hành chính "
        "nhà nước các cấp",
        "vc_internal",
    ),
    "10": SampleMeta(
        "Văn phòng Chính phủ",
        "Về dự án xây dựng hệ thống cấp nước sạch từ nguồn nước Kênh Đông",
        "vc_economy",
        signer_position="KT. Bộ trưởng, Chủ nhiệm — Phó Chủ nhiệm",
    ),
    "13": SampleMeta(
        "Văn phòng Chính phủ",
        "V/v một số báo cáo phản ánh vướng mắc trong cấp phép xây dựng",
        "vc_economy",
        signer_position="KT. Bộ trưởng, Chủ nhiệm — Phó Chủ nhiệm",
    ),
    "17": SampleMeta(
        "UBND tỉnh Lai Châu",
        "Về công tác điều chỉnh quy hoạch sử dụng đất đến năm 2020 và lập kế hoạch sử dụng đất kỳ cuối "
        "(2016 - 2020) trên địa bàn tỉnh",
        "vc_economy",
    ),
    "20": SampleMeta(
        "UBND tỉnh Đồng Tháp",
        "Ban hành Quy định về chính sách hỗ trợ phát triển ngành nghề nông thôn trên địa bàn tỉnh Đồng Tháp",
        "vc_economy",
    ),
    "22": SampleMeta(
        "UBND tỉnh Thanh Hóa",
        "Về lập kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025",
        "chairman",
        signer_position="Chủ tịch",
    ),
    "24": SampleMeta(
        "UBND tỉnh Thanh Hóa",
        "Về việc đảm bảo nguồn cung hàng hóa phục vụ nhu cầu tiêu dùng của nhân dân ứng phó với dịch Covid-19",
        "vc_economy",
        estimated_date=datetime.date(2020, 3, 27),
        signer_position="Phó Chủ tịch",
    ),
}

# The samples are years old: most of their tasks were closed long ago; a few are still dragging on.
DATED_OUTCOMES = ([history.ON_TIME, history.LATE, history.PROGRESS, history.NONE], [64, 30, 4, 2])
OPEN_OUTCOMES = ([history.DONE, history.PROGRESS, history.NONE], [80, 15, 5])


def sentence_case(text: str) -> str:
    """Annotations quote the instruction mid-sentence ("rà soát, …"); a task's content starts a sentence."""
    return text[:1].upper() + text[1:]


_NUMBER = re.compile(r"^(\d+)/(\S+)$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class Sample:
    key: str
    filename: str
    header: dict[str, str]
    text: str
    tasks: list[dict]


def read_samples() -> list[Sample]:
    samples = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        head, _, text = raw.partition("\n---\n")
        header = {}
        for line in head.splitlines():
            name, sep, value = line.partition(":")
            if sep:
                header[name.strip()] = value.strip()
        tasks = json.loads(path.with_suffix(".tasks.json").read_text(encoding="utf-8"))
        samples.append(Sample(path.name[:2], path.name, header, text.strip(), tasks))
    return samples


def split_number(reference: str) -> tuple[str, str]:
    """`846/UBND-TH` → ("846", "UBND-TH"); `25/2019/QĐ-UBND` → ("25", "2019/QĐ-UBND"); else no number."""
    match = _NUMBER.match(reference.strip())
    return (match.group(1), match.group(2)) if match else ("", "")


def parse_date(text: str) -> datetime.date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    return datetime.date(year, month, day)


def directive_kind(name: str, symbol: str) -> DirectiveKind:
    # A normative decision carries the year in its number: 25/2019/QĐ-UBND.
    if fold(name) == fold("Quyết định") and re.match(r"^\d{4}/", symbol):
        name = NORMATIVE_DECISION
    return DirectiveKind.objects.get(name=name)


def monitoring_department(people: People, symbol: str):
    """The Office department named by the symbol's suffix (`UBND-KT` → Phòng Kinh tế), else Tổng hợp."""
    suffix = symbol.rsplit("-", 1)[-1] if "-" in symbol else ""
    return office_department(people.units, suffix) or office_department(people.units, "TH")


def register(
    people: People, fields: dict, specs: list[TaskSpec], registered_on, delivered_on=None
) -> list[Task]:
    """Register at `registered_on` (clock.at) and, unless None, deliver the tasks at `delivered_on`."""
    with clock.at(registered_on):
        directive = register_directive(people.clerk, fields, specs=specs)
    tasks = list(directive.tasks.order_by("pk"))
    if delivered_on is not None:
        with clock.at(delivered_on):
            deliver_tasks(people.clerk, tasks)
    return tasks


def deadline_fields(deadline: str | None, deadline_text: str | None) -> dict:
    text = fold(deadline_text or "")
    if deadline:
        kind = DeadlineKind.REPORT_BY if ("bao cao" in text or "trinh" in text) else DeadlineKind.COMPLETE_BY
        return {
            "schedule": Schedule.DATED,
            "deadline": datetime.date.fromisoformat(deadline),
            "deadline_kind": kind,
        }
    return {"schedule": Schedule.ASAP if "khan truong" in text else Schedule.ONGOING}


def load_samples(people: People, rng: random.Random) -> list:
    replayer = history.Replayer(people, rng)
    directives = []
    for sample in read_samples():
        meta = META[sample.key]
        number, symbol = split_number(sample.header.get("number", ""))
        issue_date = parse_date(sample.header.get("date", ""))
        notes = [f"Tệp mẫu: {sample.filename}.", f"Nguồn: {sample.header.get('source', '')}"]
        if sample.header.get("partial"):
            notes.append(f"Văn bản không đầy đủ: {sample.header['partial']}")
        if not number:
            notes.append(f"Văn bản không có số trên trang nguồn ({sample.header.get('number', '')}).")
        if issue_date is None:
            issue_date = meta.estimated_date
            notes.append(
                f"Văn bản không ghi ngày trên trang nguồn ({sample.header.get('date', '')}); "
                f"ngày ban hành {issue_date:%d/%m/%Y} là ngày ước tính để minh họa."
            )
        department = monitoring_department(people, symbol)
        officers = people.monitoring_officers(department)
        names = UnitNames(issue_date)
        specs = []
        for row in sample.tasks:
            specs.append(
                TaskSpec(
                    content=sentence_case(row["content"]),
                    lead_units=names.resolve(row["lead"]),
                    coordinating_units=names.resolve_all(row.get("coordinators") or []),
                    monitoring_department=department,
                    monitoring_officers=[rng.choice(officers)],
                    assigning_leader=people.leaders[meta.leader],
                    report_to=row.get("report_to") or "",
                    **deadline_fields(row.get("deadline"), row.get("deadline_text")),
                )
            )
        fields = {
            "kind": directive_kind(sample.header["kind"], symbol),
            "number": number,
            "symbol": symbol,
            "issuer": meta.issuer,
            "issue_date": issue_date,
            "abstract": meta.abstract,
            "signer_position": meta.signer_position,
            "text": sample.text,
            "notes": "\n".join(notes),
        }
        tasks = register(people, fields, specs, issue_date, add_working_days(issue_date, 1))
        for task in tasks:
            outcomes, weights = DATED_OUTCOMES if task.schedule == Schedule.DATED else OPEN_OUTCOMES
            replayer.play(task, rng.choices(outcomes, weights)[0])
        directives.append(tasks[0].directive if tasks else None)
    return directives
