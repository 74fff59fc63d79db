"""Write-offs, settlements and reschedules: read-only records in the console."""

from django.contrib import admin

from lendingsite.admin import ReadOnlyAdmin
from loans.models import Reschedule, Settlement, WriteOff


@admin.register(WriteOff)
class WriteOffAdmin(ReadOnlyAdmin):
    list_display = ["loan", "kind", "written_off_on", "principal", "interest", "penal", "fees"]
    list_filter = ["kind"]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "loan",
        "status",
        "amount",
        "dues_at_approval",
        "paid",
        "approved_on",
        "ended_on",
    ]
    list_filter = ["status"]


@admin.register(Reschedule)
class RescheduleAdmin(ReadOnlyAdmin):
    list_display = ["id", "loan", "kind", "status", "effective_on", "annual_rate", "tenure", "apr"]
    list_filter = ["kind", "status"]
    exclude = ["before_rows", "base_rows"]
