"""The officer console for people and the audit trail. Every save and every action calls a
service (the same one the API uses); forms show a service's refusal as a form error, and
actions report it as a message in the service's own words."""

from django.contrib import admin
from django.contrib.auth.models import Group

from accounts.admin import audit, bank, kyc, people, privacy  # noqa: F401 - registers the model admins
from accounts.admin.common import ExtraPageMixin, ServiceFormMixin, form_errors_from

__all__ = ["ExtraPageMixin", "ServiceFormMixin", "form_errors_from"]

# Roles are code (accounts.roles.ROLE_PERMISSIONS, re-applied after every migrate): a group
# edited in the console would be silently reset, so the group pages are not offered.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
