from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only through the product's actions (journaled): the admin shows, never edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WordTemplateAdmin(admin.ModelAdmin):
    """Upload a Word template; it is checked (a .docx that renders) and replaces the one in use of its scope.
    Subclasses say the check (`check_of`) and the scope (`scope_of`: {} or {"kind": …})."""

    list_display = ["name", "original_name", "is_active", "uploaded_by", "uploaded_at"]
    actions = ["use_template", "use_built_in"]

    def check_of(self, obj):
        raise NotImplementedError

    def scope_of(self, obj) -> dict:
        return {}

    def get_readonly_fields(self, request, obj=None):
        return ["file", "original_name", "sha256", "is_active", "uploaded_by", "uploaded_at"] if obj else []

    def save_model(self, request, obj, form, change):
        from .word_templates import install

        if change:
            obj.save(update_fields=["name"])
            return
        install(request.user, obj, form.cleaned_data["file"], self.check_of(obj), **self.scope_of(obj))

    @admin.action(description=_("Dùng mẫu đã chọn"))
    def use_template(self, request, queryset):
        from .word_templates import activate

        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(request, _("Chọn đúng một mẫu."), messages.ERROR)
            return
        activate(request.user, self.model, chosen[0], **self.scope_of(chosen[0]))
        self.message_user(request, _("Đã dùng mẫu “%(name)s”.") % {"name": chosen[0].name})

    @admin.action(description=_("Quay lại mẫu có sẵn của VIC"))
    def use_built_in(self, request, queryset):
        from .word_templates import activate

        for obj in queryset:
            activate(request.user, self.model, None, **self.scope_of(obj))
        self.message_user(request, _("Đã quay lại mẫu có sẵn của VIC."))


def _name_auditlog_columns() -> None:
    """django-auditlog titles one column with a plain string, which no catalogue can translate."""
    from auditlog.mixins import LogEntryAdminMixin

    LogEntryAdminMixin.cid_url.short_description = _("Mã tương quan")


_name_auditlog_columns()
