"""The officer console for bureau reporting: the files written, what each left out (our
validations) and what the bureau rejected, per loan. Thin: bureau.services does the work."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.admin import ExtraPageMixin
from accounts.models import BorrowerProfile
from bureau.ckyc import CKYC_PERM, ckyc_number_set
from bureau.models import BureauExport, BureauIssue, CkycRecord, Frequency
from bureau.services import EXPORT_PERM, bureau_export_create, bureau_rejections_load
from lendingsite.admin import ReadOnlyAdmin, ReadOnlyInline
from lendingsite.errors import DomainError

# Where each problem is fixed: the borrower's profile for what the file reads from it, the
# CKYC page for the CKYC number, the loan for the loan's own figures.
PROFILE_FIELDS = {"name", "pan", "date_of_birth", "phone", "address", "pin_code"}
ISSUE_RELATED = ["export", "loan__borrower__profile__ckyc"]


def fix_url(issue: BureauIssue) -> str:
    loan = issue.loan
    if loan is None:
        return ""
    profile = getattr(loan.borrower, "profile", None)
    if issue.field == "ckyc" and profile is not None:
        return reverse("admin:bureau_ckycrecord_set", args=[profile.pk])
    if issue.field in PROFILE_FIELDS and profile is not None:
        return reverse("admin:accounts_borrowerprofile_change", args=[profile.pk])
    return reverse("admin:loans_loan_change", args=[loan.pk])


def fix_link(issue: BureauIssue, *, back: str = ""):
    url = fix_url(issue)
    if not url:
        return "—"
    if back and "ckycrecord" in url:
        url = f"{url}?next={back}"
    label = (
        "Enter the CKYC number" if issue.field == "ckyc" else f"Fix {issue.field.replace('_', ' ')}"
    )
    return format_html('<a href="{}">{}</a>', url, label)


class IssueInline(ReadOnlyInline):
    model = BureauIssue
    # What and where to fix first: on a phone the table scrolls, and these are what it is for.
    fields = ["loan", "field", "message", "fix", "kind", "code", "account_number"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*ISSUE_RELATED)

    @admin.display(description="Where to fix it")
    def fix(self, obj):
        return fix_link(obj, back=reverse("admin:bureau_bureauexport_change", args=[obj.export_id]))


class ExportForm(forms.Form):
    as_of = forms.DateField(label="As of", widget=forms.DateInput(attrs={"type": "date"}))
    frequency = forms.ChoiceField(choices=Frequency.choices)


class RejectionForm(forms.Form):
    file = forms.FileField(label="Rejection report (CSV)")


@admin.register(BureauExport)
class BureauExportAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "as_of",
        "frequency",
        "records",
        "excluded",
        "rejected",
        "created_by",
        "scheduled",
        "created_at",
        "download",
    ]
    list_select_related = ["created_by"]
    fields = [
        "as_of",
        "frequency",
        "file_name",
        "sha256",
        "records",
        "excluded",
        "rejected",
        "created_by",
        "scheduled",
        "created_at",
        "download",
        "load_rejections",
    ]
    readonly_fields = fields
    inlines = [IssueInline]
    change_list_template = "admin/bureau/bureauexport/change_list.html"

    @admin.display(description="File")
    def download(self, obj):
        url = reverse("admin:bureau_bureauexport_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.file_name)

    @admin.display(description="Bureau's rejections")
    def load_rejections(self, obj):
        url = reverse("admin:bureau_bureauexport_rejections", args=[obj.pk])
        return format_html('<a href="{}">Load the rejection report</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("write/", view(self.write_view), name="bureau_bureauexport_write"),
            path(
                "<int:pk>/download/", view(self.download_view), name="bureau_bureauexport_download"
            ),
            path(
                "<int:pk>/rejections/",
                view(self.rejections_view),
                name="bureau_bureauexport_rejections",
            ),
            *super().get_urls(),
        ]

    def _page(self, request, form, title, **extra):
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": title,
            "opts": self.model._meta,
            **extra,
        }
        return TemplateResponse(request, "admin/bureau/bureauexport/form.html", context)

    def write_view(self, request):
        if not request.user.has_perm(EXPORT_PERM):
            messages.error(request, "Only finance can write a credit bureau file.")
            return redirect("admin:bureau_bureauexport_changelist")
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                export = bureau_export_create(acting_user=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(
                    request,
                    f"File written: {export.records} accounts; {export.excluded} left out until their problems are fixed.",
                )
                return redirect("admin:bureau_bureauexport_change", export.pk)
        return self._page(request, form, "Write a credit bureau file")

    def download_view(self, request, pk):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        export = get_object_or_404(BureauExport, pk=pk)
        response = HttpResponse(export.content, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        return response

    def rejections_view(self, request, pk):
        export = get_object_or_404(BureauExport, pk=pk)
        form = RejectionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                bureau_rejections_load(
                    acting_user=request.user, export=export, file=form.cleaned_data["file"]
                )
            except DomainError as exc:
                form.add_error("file", exc.detail)
            else:
                messages.success(
                    request, f"{export.rejected} accounts rejected by the bureau; see them below."
                )
                return redirect("admin:bureau_bureauexport_change", export.pk)
        return self._page(
            request,
            form,
            f"Load the bureau's rejections of file {export.file_name}",
            multipart=True,
        )


@admin.register(BureauIssue)
class BureauIssueAdmin(ReadOnlyAdmin):
    list_display = ["loan", "field", "message", "fix", "kind", "code", "export", "account_number"]
    list_display_links = ["message"]
    list_filter = ["kind", "field"]
    search_fields = ["=loan__id", "=account_number"]
    search_help_text = "Loan id or account number (LN…)."
    list_select_related = ISSUE_RELATED
    show_full_result_count = False

    @admin.display(description="Where to fix it")
    def fix(self, obj):
        return fix_link(obj, back=reverse("admin:bureau_bureauissue_changelist"))


class CkycForm(forms.Form):
    number = forms.CharField(
        label="CKYC number",
        max_length=20,
        help_text="14 digits, as on the borrower's CKYC card (spaces are fine).",
    )


@admin.register(CkycRecord)
class CkycRecordAdmin(ExtraPageMixin, ReadOnlyAdmin):
    list_display = ["number", "profile", "created_at", "correct"]
    list_select_related = ["profile"]
    search_fields = ["=number"]
    page_path = "profile/<int:profile_id>/"
    page_name = "bureau_ckycrecord_set"
    page_perm = CKYC_PERM
    page_refusal = "Only loan officers can enter CKYC numbers."
    # Unlike the pages that move money or propose doing so, no re-authentication.
    page_reauth = False
    page_template = "admin/bureau/bureauexport/form.html"

    @admin.display(description="")
    def correct(self, obj):
        url = reverse("admin:bureau_ckycrecord_set", args=[obj.profile_id])
        return format_html('<a href="{}">Correct</a>', url)

    def page(self, request, profile_id: int):
        """Enter or correct one borrower's CKYC number (bureau.ckyc.ckyc_number_set)."""
        profile = get_object_or_404(BorrowerProfile.objects.select_related("ckyc"), pk=profile_id)
        held = getattr(profile, "ckyc", None)
        back = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        form = CkycForm(request.POST or None, initial={"number": held.number if held else ""})

        def submit():
            number = form.cleaned_data["number"]
            ckyc_number_set(acting_user=request.user, profile=profile, number=number)
            messages.success(
                request,
                f"CKYC number recorded for {profile.full_name}; the next bureau file reports it.",
            )
            return redirect(back or "admin:bureau_ckycrecord_changelist")

        done = self.page_submitted(request, [form], submit, refused=_on_number)
        if done is not None:
            return done
        return self.page_render(
            request,
            title=f"CKYC number of {profile.full_name}",
            form=form,
            intro=f"Held now: {held.number}." if held else "No CKYC number is held for them yet.",
            submit_label="Save the CKYC number",
        )


def _on_number(form: CkycForm, exc: DomainError) -> None:
    form.add_error("number", exc.detail)
