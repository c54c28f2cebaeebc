"""Cache invalidation only: the working-day tables must not outlive a DayOverride change."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import DayOverride


@receiver(post_save, sender=DayOverride, dispatch_uid="calendar_override_saved")
@receiver(post_delete, sender=DayOverride, dispatch_uid="calendar_override_deleted")
def invalidate_working_day_cache(sender, **kwargs) -> None:
    services.invalidate_cache()
    # Again after commit: a read by another thread before the commit may have cached the old rows.
    transaction.on_commit(services.invalidate_cache, using=kwargs.get("using"))
