"""Shared by the payments console pages: read-only bases and the service form page."""

from django.contrib import admin

from lendingsite.admin_forms import form_page
from lendingsite.money import format_inr
from repayments.selectors import loan_after


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def service_form_page(modeladmin, request, *, form, title: str, intro: str, submit: str):
    return form_page(
        modeladmin,
        request,
        "admin/repayments/service_form.html",
        title=title,
        form=form,
        intro=intro,
        submit_label=submit,
        media=modeladmin.media + form.media,
    )


def loan_after_text(loan) -> str:
    after = loan_after(loan)
    return (
        f"loan #{loan.pk} is now {after['status']}, principal outstanding "
        f"{format_inr(after['principal_outstanding'])}, total outstanding "
        f"{format_inr(after['total_outstanding'])}"
    )
