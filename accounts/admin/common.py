"""Shared by the console pages: services' refusals shown as form errors or messages, and
the extra page (a form over one service) behind a permission and a recent re-authentication.
"""

from collections.abc import Callable, Sequence

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import form_page, refusal_above_form
from lendingsite.errors import DomainError


def form_errors_from(form: forms.Form, exc: DomainError) -> None:
    placed = False
    for field, errors in exc.errors.items():
        if field in form.fields:
            form.add_error(field, list(errors))
            placed = True
    if not placed:
        form.add_error(None, exc.detail)


class ServiceFormMixin:
    """Forms pre-check with the services' own rule functions; a refusal that still happens
    at save time (a race) becomes a message and nothing of that save is kept."""

    def _changeform_view(self, request, object_id, form_url, extra_context):
        savepoint = transaction.savepoint()
        try:
            return super()._changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            transaction.savepoint_rollback(savepoint)
            self.message_user(request, exc.detail, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.acting_user = request.user
        return form


class ExtraPageMixin:
    """One extra page of a ModelAdmin: a form that calls one service (record a loan's
    security, propose a write-off, enter a CKYC number). It registers `page_path` under the
    URL name `page_name`, puts `page_flag` (whether the user holds `page_perm`) in the change
    list's context for the link to it, and, unless `page_reauth` is off, asks staff for a
    recent re-authentication first (accounts.twofactor.reauth). The subclass's `page(request,
    **url_kwargs)` builds the form, hands the POST to `page_submitted` and shows it with
    `page_render`.

    Without the permission: when `page_refusal` is set, that message and back to the
    console's index before anything else (the form itself would be no use to them);
    otherwise the form is shown and the service refuses the submit in its own words."""

    page_path: str
    page_name: str
    page_perm: str
    page_template: str
    page_flag: str | None = None
    page_refusal: str | None = None
    page_reauth = True

    def has_page_permission(self, request) -> bool:
        return request.user.has_perm(self.page_perm)

    def get_urls(self):
        view = self.admin_site.admin_view(self.page_view)
        return [path(self.page_path, view, name=self.page_name), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if self.page_flag:
            flag = {self.page_flag: self.has_page_permission(request)}
            extra_context = {**(extra_context or {}), **flag}
        return super().changelist_view(request, extra_context)

    def page_view(self, request, **kwargs):
        if self.page_refusal is not None and not self.has_page_permission(request):
            messages.error(request, self.page_refusal)
            return redirect("admin:index")
        if self.page_reauth:
            return self._page_reauthenticated(request, **kwargs)
        return self.page(request, **kwargs)

    @reauth_required
    def _page_reauthenticated(self, request, **kwargs):
        return self.page(request, **kwargs)

    def page(self, request, **kwargs) -> HttpResponse:
        raise NotImplementedError

    def page_submitted(
        self,
        request,
        bound: Sequence[forms.Form | forms.BaseFormSet],
        submit: Callable[[], HttpResponse | None],
        *,
        refused: Callable[[forms.Form, DomainError], None] = refusal_above_form,
    ) -> HttpResponse | None:
        """On a POST whose `bound` forms are all valid, `submit()`: it calls the service, says
        what was done and returns where to go next (or None after adding its own form
        error). A `DomainError` is placed on the first form by `refused`. None: show the
        page (again)."""
        if request.method != "POST" or not all(form.is_valid() for form in bound):
            return None
        try:
            return submit()
        except DomainError as exc:
            refused(bound[0], exc)
            return None

    def page_render(self, request, *, title: str, form, **context) -> HttpResponse:
        return form_page(self, request, self.page_template, title=title, form=form, **context)
