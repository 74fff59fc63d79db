"""The moratorium page (docs/servicing.md, "Moratorium"): a portfolio action. The officer
chooses the loans (selected in the loan list, and/or a product and a district, town or
PIN code), the installments deferred and the start; a confirmation page shows the count,
each product's interest treatment and one loan's schedule before and after; confirming
records it through the same service as the API and queues the same idempotent, resumable
job, whose progress page shows what it applied and skipped."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ReadOnlyAdmin, form_page
from lendingsite.errors import DomainError
from loans.models import LoanProduct, Moratorium, MoratoriumLoanStatus
from repayments.admin.servicing.forms import MoratoriumForm
from repayments.selectors.moratoria import moratorium_candidates
from repayments.services.servicing.moratoria import (
    PERM,
    moratorium_create,
    moratorium_preview,
)
from repayments.tasks import moratorium_apply

EXAMPLES_TRIED = 20  # loans looked at for an example that the holiday changes


@admin.register(Moratorium)
class MoratoriumAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "start", "installments", "created_on", "finished_at", "progress"]
    change_list_template = "admin/repayments/moratorium/change_list.html"

    @admin.display(description="Progress")
    def progress(self, obj):
        url = reverse("admin:loans_moratorium_progress", args=[obj.pk])
        return format_html('<a href="{}">Applied, skipped, pending…</a>', url)

    def changelist_view(self, request, extra_context=None):
        extra = {**(extra_context or {}), "can_grant": request.user.has_perm(PERM)}
        return super().changelist_view(request, extra)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("grant/", view(self.grant_view), name="loans_moratorium_grant"),
            path("<int:pk>/progress/", view(self.progress_view), name="loans_moratorium_progress"),
            *super().get_urls(),
        ]

    @reauth_required
    def grant_view(self, request):
        if not request.user.has_perm(PERM):
            messages.error(request, "Only credit and collections managers can grant a moratorium.")
            return HttpResponseRedirect(reverse("admin:loans_moratorium_changelist"))
        form = MoratoriumForm(request.POST or None, initial={"loans": request.GET.get("loans")})
        page = {"title": "Grant a moratorium (payment holiday)", "form": form}
        if request.method != "POST" or not form.is_valid():
            return form_page(self, request, "admin/repayments/moratorium/grant.html", **page)
        data = form.cleaned_data
        loans = moratorium_candidates(
            loan_ids=data["loans"], product=data["product"], place=data["place"]
        )
        ids = list(loans.values_list("id", flat=True))
        if not ids:
            form.add_error(None, "No loan matches: nothing to defer.")
            return form_page(self, request, "admin/repayments/moratorium/grant.html", **page)
        if request.POST.get("confirm") == str(len(ids)):
            return self._grant(request, form, data, ids, page)
        return form_page(
            self,
            request,
            "admin/repayments/moratorium/confirm.html",
            **page,
            count=len(ids),
            treatments=self._treatments(loans),
            example=self._example(loans, data),
            changed=bool(request.POST.get("confirm")),
        )

    def _grant(self, request, form, data, ids, page):
        try:
            moratorium = moratorium_create(
                acting_user=request.user,
                name=data["name"],
                start=data["start"],
                installments=data["installments"],
                loan_ids=ids,
            )
        except DomainError as exc:
            form.add_error(None, exc.detail)
            return form_page(self, request, "admin/repayments/moratorium/grant.html", **page)
        transaction.on_commit(lambda: moratorium_apply.delay(moratorium.pk))
        messages.success(
            request,
            f"Moratorium {moratorium.pk} recorded for {len(ids)} loans; the job applies it.",
        )
        return HttpResponseRedirect(
            reverse("admin:loans_moratorium_progress", args=[moratorium.pk])
        )

    def _treatments(self, loans):
        """Each product's holiday-interest rule, with how many of the loans it covers."""
        return (
            LoanProduct.objects.filter(loans__in=loans)
            .annotate(count=Count("loans"))
            .values("name", "moratorium_accrues_interest", "count")
            .order_by("name")
        )

    def _example(self, loans, data):
        """The first of the loans the holiday changes (a loan with nothing due after the
        start is skipped by the job, and would make a poor example)."""
        first = None
        for loan in loans.select_related("product", "borrower")[:EXAMPLES_TRIED]:
            preview = moratorium_preview(
                loan, start=data["start"], installments=data["installments"]
            )
            if "error" not in preview:
                return preview
            first = first or preview
        return first

    def progress_view(self, request, pk: int):
        moratorium = get_object_or_404(Moratorium, pk=pk)
        if request.method == "POST" and request.user.has_perm(PERM):
            # The job is resumable: queuing it again only applies what is still pending.
            moratorium_apply.delay(moratorium.pk)
            messages.success(request, "The job was queued again for the loans still pending.")
            return HttpResponseRedirect(request.path)
        counts = moratorium.loans.aggregate(
            **{s: Count("id", filter=Q(status=s)) for s in MoratoriumLoanStatus.values}
        )
        skipped = moratorium.loans.filter(status=MoratoriumLoanStatus.SKIPPED).order_by("loan_id")
        return form_page(
            self,
            request,
            "admin/repayments/moratorium/progress.html",
            title=f"Moratorium {moratorium.pk}: {moratorium.name}",
            form=None,
            moratorium=moratorium,
            counts=counts,
            skipped=list(skipped[:200]),
            can_grant=request.user.has_perm(PERM),
        )
