"""Shared by the payments console pages: the service form page and the loan-after line."""

from lendingsite.admin import form_page
from lendingsite.money import format_inr
from repayments.selectors import loan_after


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
