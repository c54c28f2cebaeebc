"""Refuse an oversized request before reading its body, with a Vietnamese page (nothing is stored)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.VIC_REQUEST_MAX_BYTES:
            from django.http import HttpResponse

            body = render_to_string(
                "413.html",
                {
                    "limit_mb": settings.VIC_REQUEST_MAX_BYTES // (1024 * 1024),
                    "file_mb": settings.VIC_UPLOAD_MAX_BYTES // (1024 * 1024),
                },
            )
            return HttpResponse(body, status=413)
        return self.get_response(request)
