"""The notification centre (the bell), the user's notification preferences and calendar feeds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vic.core.params import as_ids

from . import actions, ical
from .models import CalendarFeed, FeedScope, Notification, Preference

PAGE_SIZE = 30


@login_required
def notifications(request):
    only_unread = request.GET.get("chua-doc") == "1"
    qs = Notification.objects.filter(user=request.user).select_related("task")
    if only_unread:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    feeds = CalendarFeed.objects.filter(owner=request.user, revoked_at__isnull=True)
    context = {
        "page": page,
        "only_unread": only_unread,
        "query": "chua-doc=1" if only_unread else "",
        "pref": Preference.of(request.user),
        "feeds": [(feed, _feed_url(request, feed)) for feed in feeds],
        "scopes": FeedScope.choices if request.user.unit_id else [(FeedScope.MINE, FeedScope.MINE.label)],
    }
    return render(request, "urging/notifications.html", context)


@login_required
@require_POST
def mark_read(request):
    ids = None if request.POST.get("all") else as_ids(request.POST.getlist("id"))
    count = actions.mark_read(request.user, ids)
    messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    return redirect("urging:notifications")


@login_required
@require_POST
def open_notification(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    actions.mark_read(request.user, [note.pk])
    if note.task_id:
        return redirect("tasks:detail", pk=note.task_id)
    if note.link.startswith("/") and not note.link.startswith("//"):  # a path of this site, never elsewhere
        return redirect(note.link)
    return redirect("urging:notifications")


@login_required
@require_POST
def preferences(request):
    actions.save_preference(
        request.user,
        email_each=request.POST.get("email_each") == "on",
        daily_digest=request.POST.get("daily_digest") == "on",
    )
    messages.success(request, _("Đã lưu tùy chọn nhận thông báo."))
    return redirect("urging:notifications")


@login_required
@require_POST
def feed_create(request):
    scope = request.POST.get("scope", FeedScope.MINE)
    if scope not in FeedScope.values:
        raise Http404
    actions.create_feed(request.user, scope)
    messages.success(
        request, _("Đã tạo địa chỉ lịch. Sao chép địa chỉ và thêm vào Outlook hoặc Google Calendar.")
    )
    return redirect("urging:notifications")


@login_required
@require_POST
def feed_revoke(request, pk: int):
    feed = get_object_or_404(CalendarFeed, pk=pk, owner=request.user)
    actions.revoke_feed(request.user, feed)
    messages.success(
        request, _("Đã thu hồi địa chỉ lịch; các chương trình đã đăng ký sẽ không đọc được nữa.")
    )
    return redirect("urging:notifications")


def feed(request, token: str):
    """No session: the secret token is the credential (calendar programs cannot log in)."""
    item = actions.open_feed(token)
    if item is None:
        raise Http404
    body = ical.build(
        item,
        task_url=lambda task: request.build_absolute_uri(reverse("tasks:detail", args=[task.pk])),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vic.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _feed_url(request, item: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("urging:feed", args=[item.token]))
