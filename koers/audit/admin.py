from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log can be searched, never edited or deleted."""

    list_display = ["at", "username", "action", "person_id", "categories", "purpose", "channel", "outcome"]
    list_filter = ["action", "channel", "outcome"]
    search_fields = ["=person_id", "=username"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
