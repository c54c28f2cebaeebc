"""What the frame (top bar, side menu) needs on every page."""

from __future__ import annotations

from django.http import HttpRequest


def frame(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"frame_user": user}
