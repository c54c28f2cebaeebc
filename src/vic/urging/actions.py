"""Every write of the notification centre and the calendar feeds: owner-only, one transaction each."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from vic.core import clock

from .ical import new_token
from .models import CalendarFeed, FeedScope, Notification, Preference


def _require_active(user) -> None:
    if not (user and user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Bạn cần đăng nhập."))


def mark_read(user, ids: list[int] | None = None) -> int:
    """Marks the user's own notifications read (all unread ones when `ids` is None)."""
    _require_active(user)
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=clock.now())


@transaction.atomic
def save_preference(user, *, email_each: bool, daily_digest: bool) -> Preference:
    _require_active(user)
    pref, _created = Preference.objects.get_or_create(user=user)
    pref.email_each, pref.daily_digest = email_each, daily_digest
    pref.save()
    return pref


@transaction.atomic
def create_feed(user, scope: str) -> CalendarFeed:
    _require_active(user)
    if scope == FeedScope.UNIT and not user.unit_id:
        raise PermissionDenied(_("Tài khoản của bạn không thuộc đơn vị nào."))
    return CalendarFeed.objects.create(owner=user, scope=FeedScope(scope), token=new_token())


@transaction.atomic
def revoke_feed(user, feed: CalendarFeed) -> CalendarFeed:
    _require_active(user)
    if feed.owner_id != user.pk:
        raise PermissionDenied(_("Đây không phải lịch của bạn."))
    if feed.revoked_at is None:
        feed.revoked_at = clock.now()
        feed.save(update_fields=["revoked_at"])
    return feed


def open_feed(token: str) -> CalendarFeed | None:
    """The live feed behind a secret token (the token is the credential), its last reading recorded so the
    owner sees whether a calendar program still reads it; None for a revoked token or an inactive owner."""
    feed = CalendarFeed.objects.select_related("owner").filter(token=token, revoked_at__isnull=True).first()
    if feed is None or not feed.owner.is_active:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=clock.now())
    return feed
