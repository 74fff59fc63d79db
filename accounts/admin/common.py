"""Shared by the console pages: services' refusals shown as form errors or messages."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect

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
