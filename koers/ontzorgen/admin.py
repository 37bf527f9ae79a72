from django.contrib import admin

from .models import PaymentAccount, PaymentRun


@admin.register(PaymentAccount)
class PaymentAccountAdmin(admin.ModelAdmin):
    list_display = ("municipality", "name", "iban", "execution_day", "csv_includes_bsn")


@admin.register(PaymentRun)
class PaymentRunAdmin(admin.ModelAdmin):
    """Runs are read here, never changed: they are made, sent and cancelled on their own screens."""

    list_display = ("municipality", "month", "status", "transaction_count", "total", "message_id")
    list_filter = ("status", "municipality")
    exclude = ("pain_xml",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
