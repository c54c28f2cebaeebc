"""What every form page shows alike."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("includes/reselect_files.html")
def reselect_files(form):
    """A refused form comes back without the files that were chosen (browsers never send them again): name
    them, so they are chosen anew instead of the form going out without them. A refused file has its own
    error beside the field: "choose it again" would be the wrong advice."""
    names = []
    if form is not None and form.is_bound and form.errors and not form.errors.get("files"):
        names = [f.name for key in form.files for f in form.files.getlist(key)]
    return {"names": names}
