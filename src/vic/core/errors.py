"""Error pages that name a cause the user can act on (the others stay generic: no detail is disclosed)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request, exception):
    """Django's 400 page; more files in one form than Django reads (scanned pages, one image each) is said so."""
    cause = None
    if isinstance(exception, TooManyFilesSent):
        cause = _(
            "Mỗi lần gửi tối đa %(n)d tệp; trang vừa gửi có nhiều tệp hơn nên chưa có gì được lưu. Hãy bấm nút "
            "Quay lại của trình duyệt (những gì đã gõ thường vẫn còn), gộp các trang quét thành một tệp PDF "
            "hoặc bớt tệp, rồi gửi lại."
        ) % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    return render(request, "400.html", {"cause": cause}, status=400)
