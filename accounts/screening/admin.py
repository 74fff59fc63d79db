"""Screening in the officer console: the review queue (clear / confirm with a reason,
two reviewers), the lists imported, and the confirmed hits as a report (filter)."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import render

from accounts.screening.models import SanctionsEntry, SanctionsList, ScreeningHit
from accounts.screening.services import REVIEW_PERM, screening_hit_review
from lendingsite.errors import DomainError


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScreeningHit)
class ScreeningHitAdmin(ReadOnly):
    list_display = [
        "id",
        "user",
        "screened_name",
        "matched_name",
        "entry_key",
        "score",
        "status",
        "trigger",
        "created_at",
    ]
    list_filter = ["status", "trigger"]
    search_fields = ["user__email", "screened_name", "matched_name", "entry_key"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in ScreeningHit._meta.fields]
    actions = ["clear_selected", "confirm_selected"]

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERM)

    def _review(self, request, queryset, decision: str):
        form = ReasonForm(request.POST if "reason" in request.POST else None)
        if not form.is_bound or not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": f"{decision.title()} screening hits",
                "hits": queryset,
                "form": form,
                "action": f"{decision}_selected",
                "opts": self.model._meta,
            }
            return render(request, "admin/screening/review.html", context)
        for hit in queryset:
            try:
                hit = screening_hit_review(
                    acting_user=request.user,
                    hit=hit,
                    decision=decision,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                messages.error(request, f"Hit #{hit.pk}: {exc.detail}")
            else:
                messages.success(request, f"Hit #{hit.pk}: {hit.get_status_display()}.")
        return None

    @admin.action(description="Clear (false positive)…", permissions=["review"])
    def clear_selected(self, request, queryset):
        return self._review(request, queryset, "clear")

    @admin.action(description="Confirm (true match)…", permissions=["review"])
    def confirm_selected(self, request, queryset):
        return self._review(request, queryset, "confirm")


@admin.register(SanctionsList)
class SanctionsListAdmin(ReadOnly):
    list_display = ["source", "file_name", "entry_count", "published", "imported_at", "in_force"]
    list_filter = ["source", "in_force"]


@admin.register(SanctionsEntry)
class SanctionsEntryAdmin(ReadOnly):
    list_display = ["name", "key", "kind", "programme"]
    list_filter = ["sanctions_list__source", "kind"]
    search_fields = ["name", "key"]
