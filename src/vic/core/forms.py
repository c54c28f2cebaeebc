"""What every page does with an action's refusal: show it on the form the user filled."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def attach(form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """An action's error next to its field when the form has it (or the field `aliases` names for it), on top
    of the form otherwise; a refused upload (code "file…") next to the form's `files` field."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = aliases.get(field, field)
            for e in errors:
                form.add_error(target if target in form.fields else None, e)
        return
    code = getattr(error, "code", "") or ""
    form.add_error("files" if code.startswith("file") and "files" in form.fields else None, error)
