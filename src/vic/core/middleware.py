"""Requests the views never see as they are: an oversized body refused before it is read, a button's address
opened in the address bar."""

from __future__ import annotations

import time

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


class MethodNotAllowedPage:
    """A button's address opened with GET (typed, or reached after logging in again when the session had
    expired) answered Django's empty 405: a Vietnamese page now says what happened and where to go."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
            # CommonMiddleware already wrote "Content-Length: 0": a browser would read no page at all.
            response["Content-Length"] = str(len(response.content))
        return response


class SessionKeptAlive:
    """Activity keeps the session alive: once an eighth of its age has passed since it was last written, the
    next request writes it again (a new expiry): it ends 7–8 hours after the last activity by default, and
    costs a database write an hour, not one a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and session.get("_auth_user_id"):
            now = int(time.time())
            if now - session.get("_vic_written", 0) > settings.SESSION_COOKIE_AGE // 8:
                session["_vic_written"] = now  # marks it modified: saved with a fresh expiry
        return self.get_response(request)
