from django.contrib import admin

from .models import ContactDetails, SentMessage


@admin.register(SentMessage)
class SentMessageAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "channel", "to", "body")
    list_filter = ("channel",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ContactDetails)
class ContactDetailsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "phone", "email", "hours")
