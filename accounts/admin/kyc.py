"""KYC documents in the officer console: upload for a borrower, verify or reject through
the services (maker-checker included), download the stored file."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.admin.common import ServiceFormMixin
from accounts.models import KycDocument, KycStatus
from accounts.services.kyc import (
    VERIFY_PERMISSION,
    kyc_document_reject,
    kyc_document_upload,
    kyc_document_verify,
    kyc_file_check,
)
from lendingsite.admin import ActionFormMixin
from lendingsite.errors import DomainError

PDF = "application/pdf"
# Shown in place on the document's page; anything else is only downloaded.
PREVIEWABLE = {"image/jpeg", "image/png", PDF}


class KycUploadForm(forms.ModelForm):
    acting_user = None

    class Meta:
        model = KycDocument
        fields = ["profile", "doc_type", "file"]

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        try:
            kyc_file_check(uploaded_file=uploaded)
        except DomainError as exc:
            raise forms.ValidationError(exc.detail) from None
        return uploaded


class RejectReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=300, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), label="Reason"
    )


@admin.register(KycDocument)
class KycDocumentAdmin(ServiceFormMixin, ActionFormMixin, admin.ModelAdmin):
    form = KycUploadForm
    list_display = [
        "id",
        "borrower",
        "doc_type",
        "status",
        "content_type",
        "size",
        "uploaded_at",
        "uploaded_by",
        "verified_by",
        "in_force",
    ]
    list_select_related = ["profile", "uploaded_by", "verified_by"]
    list_filter = [
        "status",
        "doc_type",
        ("superseded_at", admin.EmptyFieldListFilter),
        "uploaded_at",
    ]
    search_fields = ["=id", "profile__user__email", "profile__full_name"]
    raw_id_fields = ["profile"]
    ordering = ["-uploaded_at", "-id"]
    actions = ["verify_selected", "reject_selected"]
    action_noun = "document"
    _detail_fields = [
        "profile",
        "doc_type",
        "status",
        "download",
        "content_type",
        "size",
        "sha256",
        "uploaded_at",
        "uploaded_by",
        "verified_by",
        "verified_at",
        "rejection_reason",
        "superseded_at",
        "superseded_by",
    ]

    def get_fields(self, request, obj=None):
        return ["profile", "doc_type", "file"] if obj is None else self._detail_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self._detail_fields

    @admin.display(boolean=True, description="in force")
    def in_force(self, obj):
        return obj.in_force

    @admin.display(description="borrower", ordering="profile__full_name")
    def borrower(self, obj):
        return obj.profile.full_name

    @admin.display(description="file")
    def download(self, obj):
        url = reverse("admin:accounts_kycdocument_file", args=[obj.pk])
        return format_html('<a href="{}">Download ({})</a>', url, obj.content_type)

    # Documents are records: nobody edits or deletes one; status moves only by the actions.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_verify_permission(self, request):
        return request.user.has_perm(VERIFY_PERMISSION)

    def get_urls(self):
        site = self.admin_site
        return [
            path(
                "<int:pk>/file/", site.admin_view(self.file_view), name="accounts_kycdocument_file"
            ),
            path(
                "<int:pk>/decide/<slug:decision>/",
                site.admin_view(self.decide_view),
                name="accounts_kycdocument_decide",
            ),
            *super().get_urls(),
        ]

    def file_view(self, request, pk):
        """The stored file, as a download; with ?inline=1 an image or PDF is shown in place
        (the document page's preview frames it, so this one response may be framed by the
        console's own pages)."""
        document = self.get_object(request, str(pk))
        if document is None or not self.has_view_permission(request, document):
            raise PermissionDenied
        inline = request.GET.get("inline") == "1" and document.content_type in PREVIEWABLE
        response = FileResponse(
            document.file.open("rb"), as_attachment=not inline, content_type=document.content_type
        )
        if inline:
            response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        response["Cache-Control"] = "private, no-store"
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        document = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if document is not None:
            kind = document.content_type
            extra.update(
                preview_url=reverse("admin:accounts_kycdocument_file", args=[document.pk])
                + "?inline=1",
                preview_kind="image" if kind.startswith("image/") else "pdf" if kind == PDF else "",
                may_decide=self.has_verify_permission(request)
                and document.status == KycStatus.PENDING,
                reject_form=RejectReasonForm(),
            )
        return super().change_view(request, object_id, form_url, extra)

    def decide_view(self, request, pk, decision):
        """The document page's Verify and Reject buttons: the same services as the actions."""
        document = self.get_object(request, str(pk))
        if document is None or request.method != "POST" or decision not in ("verify", "reject"):
            raise PermissionDenied
        if not self.has_verify_permission(request):
            raise PermissionDenied
        back = reverse("admin:accounts_kycdocument_change", args=[document.pk])
        try:
            if decision == "verify":
                kyc_document_verify(acting_user=request.user, document=document)
                self.message_user(request, f"KYC #{document.pk} verified.", messages.SUCCESS)
            else:
                form = RejectReasonForm(request.POST)
                if not form.is_valid():
                    self.message_user(request, "Give the borrower a reason.", messages.ERROR)
                    return HttpResponseRedirect(back)
                kyc_document_reject(
                    acting_user=request.user, document=document, reason=form.cleaned_data["reason"]
                )
                self.message_user(request, f"KYC #{document.pk} rejected.", messages.SUCCESS)
        except DomainError as exc:
            self.message_user(request, exc.detail, messages.ERROR)
        return HttpResponseRedirect(back)

    def save_model(self, request, obj, form, change):
        created = kyc_document_upload(
            acting_user=request.user,
            profile=form.cleaned_data["profile"],
            doc_type=form.cleaned_data["doc_type"],
            uploaded_file=form.cleaned_data["file"],
        )
        obj.pk, obj._state.adding = created.pk, False

    @admin.action(description="Verify selected documents", permissions=["verify"])
    def verify_selected(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda doc: kyc_document_verify(acting_user=request.user, document=doc),
            done="Verified",
        )

    @admin.action(description="Reject selected documents (with reason)", permissions=["verify"])
    def reject_selected(self, request, queryset):
        return self.action_form_each(
            request,
            queryset,
            act=lambda doc, data: kyc_document_reject(
                acting_user=request.user, document=doc, reason=data["reason"]
            ),
            done="Rejected",
            action="reject_selected",
            form_class=RejectReasonForm,
            template="admin/accounts/kycdocument/reject_reason.html",
            title="Reject KYC documents",
            objects=queryset.select_related("profile"),
        )
