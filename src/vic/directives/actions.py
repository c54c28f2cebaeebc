"""Registering an assigning document with its files and tasks, in one transaction (R-3, R-4, R-5.1)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.text import nfc, visible
from vic.core.uploads import check_upload, remove_stored, secrecy_of, store_upload
from vic.formats import dmy
from vic.tasks.actions import create_tasks, deliver_tasks
from vic.tasks.actions.register import validate_spec
from vic.tasks.specs import TaskSpec

from .intake import specs_from_rows
from .models import IDENTITY_FIELDS, Directive, DirectiveFile, Secrecy, Urgency, normal_number

TEXT_FIELDS = ["number", "symbol", "issuer", "abstract", "signer_name", "signer_position", "text", "notes"]


class DuplicateDirective(ValidationError):
    def __init__(self, existing: Directive):
        self.existing = existing
        super().__init__(
            _(
                "Văn bản số %(ref)s của %(issuer)s đã được nhập ngày %(when)s (mã #%(id)s). Mở văn bản đã có thay "
                "vì nhập lại."
            )
            % {
                "ref": existing.reference,
                "issuer": existing.issuer,
                "when": timezone.localtime(existing.registered_at).strftime("%d/%m/%Y"),
                "id": existing.pk,
            },
            code="duplicate",
        )


class PossibleDuplicate(DuplicateDirective):
    """Same year, number and symbol from an issuer spelled otherwise ("UBND TP.HCM" and "UBND Thành phố Hồ
    Chí Minh"): most likely the same document; registered only when the clerk confirms it is another."""

    def __init__(self, existing: Directive):
        self.existing = existing
        ValidationError.__init__(
            self,
            _(
                "Đã có văn bản số %(ref)s của %(issuer)s (mã #%(id)s): có thể là cùng văn bản, ghi "
                "cơ quan ban hành khác đi. Nếu đúng là văn bản khác, đánh dấu “Đây là văn bản khác” rồi lưu lại."
            )
            % {
                "ref": existing.reference,  # its date holds the year
                "issuer": existing.issuer,
                "id": existing.pk,
            },
            code="possible_duplicate",
        )


class AlreadySaved(Exception):
    """The same page sent twice (a double click, a network retry): the first one saved it."""

    def __init__(self, directive: Directive):
        self.directive = directive


def find_duplicate(directive: Directive) -> Directive | None:
    if not directive.number:
        return None
    return (
        Directive.objects.filter(
            issuer_key=directive.issuer_key,
            year=directive.year,
            number=directive.number,
            symbol_key=directive.symbol_key,
        )
        .exclude(pk=directive.pk)
        .first()
    )


def refuse_secret(secrecy: str) -> None:
    """Art. 4: secret documents follow the rules for secret documents and never enter this system."""
    if secrecy != Secrecy.NORMAL:
        raise ValidationError(
            {
                "secrecy": _(
                    "Văn bản có độ mật (%(level)s) không được nhập vào hệ thống theo Điều 4 Quy chế; "
                    "hãy xử lý theo quy định về bảo vệ bí mật nhà nước."
                )
                % {"level": Secrecy(secrecy).label}
            },
            code="secret",
        )


def find_namesake(directive: Directive) -> Directive | None:
    if not directive.number:
        return None
    return (
        Directive.objects.filter(
            year=directive.year, number=directive.number, symbol_key=directive.symbol_key
        )
        .exclude(pk=directive.pk)
        .first()
    )


def refuse_marked(uploads) -> None:
    """R-4, DOMAIN "Decisions": a confidentiality mark printed in a file stops the registration until the clerk
    has checked it (the stamp may belong to another document quoted in it)."""
    for upload in uploads:
        if mark := secrecy_of(upload):
            raise ValidationError(
                {
                    "not_secret": _(
                        "Tệp “%(name)s” có dấu “%(mark)s”. Văn bản mật không được nhập vào hệ thống (Điều 4 Quy "
                        "chế). Nếu đây không phải độ mật của văn bản này, đánh dấu “Đã kiểm tra: không phải "
                        "văn bản mật”, chọn lại tệp rồi lưu."
                    )
                    % {"name": upload.name, "mark": mark}
                },
                code="secret_mark",
            )


def _waiver(user, name: str, mark: str) -> str:
    return _(
        "%(who)s đã kiểm tra ngày %(day)s: dấu “%(mark)s” trong tệp “%(name)s” không phải độ mật của văn bản này."
    ) % {
        "who": user,
        "day": dmy(clock.today()),
        "mark": mark,
        "name": name,
    }


def register_directive(
    user,
    fields: dict,
    *,
    specs: list[TaskSpec] = (),
    uploads=(),
    deliver: bool = False,
    other_issuer: bool = False,
    not_secret: bool = False,
):
    """Create a directive (refusing secret and duplicate documents), attach files, create and deliver tasks.

    `not_secret`: the clerk checked that a "MẬT" found printed in a file is not this document's
    classification. `other_issuer`: the clerk confirmed that a document of the same number and symbol from another issuer
    is another document. `fields["intake_token"]`, the register page's own token, makes a page sent twice
    save once (AlreadySaved names the first)."""
    if not (user and user.is_authenticated and user.can_register):
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản giao nhiệm vụ."))
    refuse_secret(fields.get("secrecy", Secrecy.NORMAL))
    for name in TEXT_FIELDS:
        if name in fields and isinstance(fields[name], str):
            fields[name] = visible(nfc(fields[name])) if name in IDENTITY_FIELDS else nfc(fields[name])
    fields["symbol"] = fields.get("symbol", "").upper().replace(" ", "")
    # "04711", "４７１１" and "4711" are the same document number.
    number = normal_number(fields.get("number", ""))
    if number is None:
        raise ValidationError({"number": _("Số văn bản chỉ gồm chữ số và lớn hơn 0, ví dụ 846.")})
    fields["number"] = number
    directive = Directive(**fields, registered_by=user)
    directive.fill_derived()
    if directive.intake_token and (
        first := Directive.objects.filter(intake_token=directive.intake_token).first()
    ):
        raise AlreadySaved(first)
    directive.full_clean(exclude=["registered_by", "year"])
    if (existing := find_duplicate(directive)) is not None:
        raise DuplicateDirective(existing)
    if not other_issuer and (namesake := find_namesake(directive)) is not None:
        raise PossibleDuplicate(namesake)
    checked = [(upload, check_upload(upload)) for upload in uploads]
    if not not_secret:
        refuse_marked(uploads)
    elif waived := [(upload.name, mark) for upload in uploads if (mark := secrecy_of(upload))]:
        # Who judged the mark not this document's, and when, stays with the document (its journal keeps
        # the first version of the notes with the clerk's name).
        directive.notes = "\n".join(
            filter(None, [directive.notes, *(_waiver(user, name, mark) for name, mark in waived)])
        )
    for spec in specs:
        validate_spec(spec, directive.issue_date)  # before any file reaches the disk
    written: list[DirectiveFile] = []
    try:
        with transaction.atomic():
            directive.save()
            written += [attach_file(user, directive, upload, sha256) for upload, sha256 in checked]
            tasks = create_tasks(user, directive, list(specs))
            if deliver:
                deliver_tasks(user, tasks)
    except IntegrityError:
        remove_stored(written)
        # Two clerks saving the same document at once (or one page sent twice): the constraints decide, the
        # loser is told where it is.
        if directive.intake_token and (
            first := Directive.objects.filter(intake_token=directive.intake_token).first()
        ):
            raise AlreadySaved(first) from None
        existing = find_duplicate(directive)
        if existing is None:
            raise
        raise DuplicateDirective(existing) from None
    except BaseException:
        remove_stored(written)  # the rows are rolled back; their files must not stay behind
        raise
    return directive


def attach_file(user, directive: Directive, upload, sha256: str | None = None) -> DirectiveFile:
    return store_upload(DirectiveFile(directive=directive, uploaded_by=user), upload, sha256)


def register_from_rows(user, fields: dict, rows, *, create_external: bool = False, **options):
    """The register page's one write, for any intake that brings typed rows (the page, an Excel sheet, the
    API): the rows become task specs — creating an outside unit when `create_external` allows it — and the
    directive is registered with them, all in one transaction (a refused row leaves no outside unit
    behind). `options` are register_directive's."""
    with transaction.atomic():
        specs = specs_from_rows(
            user,
            rows,
            symbol=fields["symbol"],
            issued=fields["issue_date"],
            document_urgent=fields["urgency"] != Urgency.NORMAL,
            create_external=create_external,
        )
        return register_directive(user, fields, specs=specs, **options)
