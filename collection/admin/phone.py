"""The case page's phone number (collection.services.pii): shown masked, and revealed to
whoever may (the case's collector, a collections manager) by a button that posts here. The
number comes back on a page of its own that nothing caches; every reveal and refusal is on
the audit trail. Mixed into the case admin (collection.admin.cases)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from collection.models import CollectionCase
from collection.services.pii import borrower_phone_masked, case_phone_reveal
from lendingsite.errors import DomainError


class PhoneRevealMixin:
    @admin.display(description="phone")
    def borrower_phone(self, case):
        return borrower_phone_masked(case) or "—"

    def reveal_phone_view(self, request, object_id):
        """POST only (a deliberate click, never a prefetched link): the full number, on a
        page of its own that nothing caches. Someone else's case is a 404, as on the case
        page, and the attempt is on the audit trail."""
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:collection_collectioncase_change", args=[object_id])
            )
        case = (
            CollectionCase.objects.select_related("loan__borrower__profile")
            .filter(pk=object_id)
            .first()
            if object_id.isdigit()
            else None
        )
        if case is None:
            raise Http404("No such case.")
        try:
            phone = case_phone_reveal(acting_user=request.user, case=case)
        except DomainError as exc:
            if exc.code == "not_found":
                raise Http404("No such case.") from exc
            if exc.code == "permission_denied":
                raise PermissionDenied(exc.detail) from exc
            self.message_user(request, exc.detail, messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:collection_collectioncase_change", args=[case.pk])
            )
        response = TemplateResponse(
            request,
            "admin/collection/collectioncase/reveal.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Phone number for case #{case.pk}",
                "opts": self.model._meta,
                "original": case,
                "borrower": case.loan.borrower.full_name or case.loan.borrower.email,
                "phone": phone,
            },
        )
        response["Cache-Control"] = "private, no-store"
        return response
