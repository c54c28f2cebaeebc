from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only through the product's actions (journaled): the admin shows, never edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
