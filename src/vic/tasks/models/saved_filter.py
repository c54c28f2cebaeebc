"""A list a user looks at every day, kept under a name of his own ("Quá hạn của phòng Kinh tế")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vic.core import clock


class SavedFilter(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_filters",
        verbose_name=_("người dùng"),
    )
    name = models.CharField(_("tên bộ lọc"), max_length=80)
    query = models.CharField(_("điều kiện lọc"), max_length=2000)  # the list page's query string
    created_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("bộ lọc đã lưu")
        verbose_name_plural = _("bộ lọc đã lưu")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name")]

    def __str__(self) -> str:
        return self.name
