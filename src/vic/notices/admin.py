from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from vic.core.admin import ReadOnlyAdmin

from . import actions
from .forms import NoticeTemplateForm
from .models import NoticeTemplate, UrgingNotice


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    """Upload a Word template; it is checked (a .docx that renders) and replaces the one in use."""

    form = NoticeTemplateForm
    list_display = ["name", "original_name", "is_active", "uploaded_by", "uploaded_at"]
    actions = ["use_template", "use_built_in"]

    def get_readonly_fields(self, request, obj=None):
        return ["file", "original_name", "sha256", "is_active", "uploaded_by", "uploaded_at"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            return
        actions.install_template(request.user, obj, form.cleaned_data["file"])

    @admin.action(description=_("Dùng mẫu đã chọn cho văn bản đôn đốc"))
    def use_template(self, request, queryset):
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(request, _("Chọn đúng một mẫu."), messages.ERROR)
            return
        actions.activate_template(request.user, chosen[0])
        self.message_user(request, _("Đã dùng mẫu “%(name)s”.") % {"name": chosen[0].name})

    @admin.action(description=_("Quay lại mẫu có sẵn của VIC"))
    def use_built_in(self, request, queryset):
        actions.activate_template(request.user, None)
        self.message_user(request, _("Đã quay lại mẫu có sẵn của VIC."))


@admin.register(UrgingNotice)
class UrgingNoticeAdmin(ReadOnlyAdmin):
    """Issued notices: written only by the issuing action (journaled)."""

    list_display = ["__str__", "unit", "issued_by", "issued_at", "overdue_count", "due_soon_count"]
    list_filter = ["symbol"]
    date_hierarchy = "issued_at"
    list_select_related = ["unit", "issued_by"]
