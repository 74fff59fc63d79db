"""The books in the officer console: a loan's security (the secured part of its
provision). Every write goes through accounting.services.collateral_record; the list is
read-only and the "Record…" page (also linked from the loan's page) is the one form."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from accounting.models import CollateralKind, LoanCollateral
from accounting.services import COLLATERAL_PERM, collateral_record
from accounts.admin import ExtraPageMixin
from lendingsite.admin import ReadOnlyAdmin
from loans.forms import AmountField, loan_from_form


class CollateralForm(forms.Form):
    loan = forms.IntegerField(label="Loan #", min_value=1)
    kind = forms.ChoiceField(label="Kind of security", choices=CollateralKind.choices)
    realisable_value = AmountField(
        label="Realisable value (₹)",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="What the security would fetch if enforced, after costs. Zero: unsecured.",
    )
    valued_on = forms.DateField(label="Valued on (YYYY-MM-DD)")
    description = forms.CharField(
        label="Description", max_length=200, required=False, help_text="e.g. the valuer's report"
    )


@admin.register(LoanCollateral)
class LoanCollateralAdmin(ExtraPageMixin, ReadOnlyAdmin):
    list_display = ["loan", "kind", "realisable_value", "valued_on", "recorded_by", "recorded_at"]
    list_select_related = ["loan", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["=loan__id", "loan__borrower__email"]
    ordering = ["-recorded_at", "-id"]
    readonly_fields = fields = [
        *("loan", "kind", "realisable_value", "valued_on", "description"),
        *("recorded_by", "recorded_at"),
    ]
    change_list_template = "admin/accounting/loancollateral/change_list.html"

    page_path = "record/"
    page_name = "accounting_loancollateral_record"
    page_perm = COLLATERAL_PERM
    page_flag = "can_record"
    page_template = "admin/repayments/service_form.html"

    def page(self, request):
        initial = {"loan": request.GET.get("loan")}
        current = LoanCollateral.objects.filter(loan_id=initial["loan"] or 0).first()
        if current is not None:
            initial.update(
                kind=current.kind,
                realisable_value=current.realisable_value,
                valued_on=current.valued_on,
                description=current.description,
            )
        form = CollateralForm(request.POST or None, initial=initial)
        done = self.page_submitted(request, [form], lambda: self._record(request, form))
        if done is not None:
            return done
        return self.page_render(
            request,
            title="Record a loan's security",
            form=form,
            intro=(
                "The realisable value of the security held for the loan, as last valued. "
                "The month-end close treats the exposure up to this value as secured "
                "(a lower provision for a doubtful loan) and the rest as unsecured."
            ),
            submit_label="Record",
            media=self.media + form.media,
        )

    def _record(self, request, form):
        data = form.cleaned_data
        loan = loan_from_form(form)
        if loan is None:
            return None
        collateral_record(
            acting_user=request.user,
            loan=loan,
            kind=data["kind"],
            realisable_value=data["realisable_value"],
            valued_on=data["valued_on"],
            description=data["description"],
        )
        messages.success(
            request,
            f"Security of loan #{loan.pk} recorded; the next close provides for its "
            "secured and unsecured parts.",
        )
        return HttpResponseRedirect(reverse("admin:loans_loan_change", args=[loan.pk]))
