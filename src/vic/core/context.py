"""What the frame (top bar, side menu) needs on every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def frame(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from vic.urging.notify import unread_count

    return {
        "unread_count": unread_count(user),
        "registration_days": settings.VIC_REGISTRATION_WORKING_DAYS,
        "upload_limit_mb": settings.VIC_UPLOAD_MAX_BYTES // (1024 * 1024),
        "upload_max_bytes": settings.VIC_UPLOAD_MAX_BYTES,
        "request_max_bytes": settings.VIC_REQUEST_MAX_BYTES,
        "request_limit_mb": settings.VIC_REQUEST_MAX_BYTES // (1024 * 1024),
        "upload_max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        "upload_extensions": ", ".join(settings.VIC_UPLOAD_EXTENSIONS),
    }
