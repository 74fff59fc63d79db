"""What a URL names, asked before the view runs (by middleware that must not answer for a
route that would answer 404 or 405 itself)."""

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from rest_framework.permissions import AllowAny


def _view(request: HttpRequest):
    """The view the URL names, or None: resolved once per request however many
    middleware ask (the handler resolves it again on its own)."""
    if "_route_view" not in request.__dict__:
        try:
            request._route_view = resolve(request.path_info).func
        except Resolver404:
            request._route_view = None
    return request._route_view


def route_accepts(request: HttpRequest) -> bool:
    """Whether the URL names an endpoint that takes this method. A key is about a call that
    could act: an unknown path or a method the endpoint lacks answers 404 / 405 as it would
    without the header, and claims nothing."""
    view = _view(request)
    if view is None:
        return False
    method = request.method.lower()
    actions = getattr(view, "actions", None)  # a DRF viewset route: method -> action
    if actions is not None:
        return method in actions
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is not None:
        return method in cls.http_method_names and hasattr(cls, method)
    return True


def route_open_to_anonymous(request: HttpRequest) -> bool:
    """Whether an anonymous caller may use the endpoint at all (every permission class of
    the DRF view, or of the viewset's action, is AllowAny). Other views: True."""
    view = _view(request)
    if view is None:
        return False
    cls = getattr(view, "cls", None)
    if cls is None:
        return True
    initkwargs = getattr(view, "initkwargs", None) or {}
    permissions = initkwargs.get("permission_classes", cls.permission_classes)
    return all(permission is AllowAny for permission in permissions)
