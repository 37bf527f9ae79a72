from django.contrib import admin

from koers.lib.admin import ReadOnlyAdmin

from .models import PaymentAccount, PaymentRun


@admin.register(PaymentAccount)
class PaymentAccountAdmin(admin.ModelAdmin):
    list_display = ("municipality", "name", "iban", "execution_day", "csv_includes_bsn")


@admin.register(PaymentRun)
class PaymentRunAdmin(ReadOnlyAdmin):
    """Runs are read here, never changed: they are made, sent and cancelled on their own screens."""

    list_display = ("municipality", "month", "status", "transaction_count", "total", "message_id")
    list_filter = ("status", "municipality")
    exclude = ("pain_xml",)
