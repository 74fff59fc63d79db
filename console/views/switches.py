"""Kill switches (lendingsite.switches): every staff member sees which jobs may run and
the latest flips; only a superuser flips one, on a confirmation page, with a reason and
after a fresh re-authentication. The service (kill_switch_set) decides and audits; a
non-superuser's attempt is refused there too (audited), and answered 403 here."""

import contextlib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.twofactor.reauth import reauth_required
from lendingsite.errors import DomainError
from lendingsite.switches import (
    SWITCHES,
    kill_switch_set,
    switch_history,
    switches_state,
)


def switches(request):
    context = {
        **admin.site.each_context(request),
        "title": "Kill switches",
        "states": switches_state(),
        "history": switch_history(),
        "may_flip": request.user.is_superuser,
    }
    return TemplateResponse(request, "console/switches.html", context)


def switch_flip(request, name):
    """GET: the confirmation page; POST: flip it. Superusers only (403 otherwise, before
    any re-authentication is asked for: a confirmed password grants nothing here)."""
    if name not in SWITCHES:
        raise Http404
    if not request.user.is_superuser:
        if request.method == "POST":
            # Refused by the one rule, which records the attempt.
            with contextlib.suppress(DomainError):
                kill_switch_set(
                    acting_user=request.user,
                    name=name,
                    enabled=request.POST.get("enabled") == "on",
                    reason=request.POST.get("reason", ""),
                )
        raise PermissionDenied
    return _switch_flip(request, name)


@reauth_required(
    when=lambda request: request.method == "POST",
    back=lambda request, name: reverse("console:switch_flip", args=[name]),
)
def _switch_flip(request, name):
    state = next(s for s in switches_state() if s.name == name)
    error = ""
    if request.method == "POST":
        enabled = request.POST.get("enabled") == "on"
        try:
            kill_switch_set(
                acting_user=request.user,
                name=name,
                enabled=enabled,
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            error = exc.detail
        else:
            words = "on" if enabled else "off"
            note = "" if state.env_allows else " The environment still forces it off."
            messages.success(request, f"{name} is now {words} in the console.{note}")
            return HttpResponseRedirect(reverse("console:switches"))
    context = {
        **admin.site.each_context(request),
        "title": f"Turn {'on' if not state.database_on else 'off'} {name}",
        "state": state,
        "turn_on": not state.database_on,
        "error": error,
        "reason": request.POST.get("reason", ""),
    }
    return TemplateResponse(request, "console/switch_flip.html", context)
