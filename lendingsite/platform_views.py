"""Liveness, readiness and metrics. Liveness is always public (it says nothing); readiness
and metrics describe the internals and are for operators only outside development."""

import base64
import functools
import hashlib
import hmac
import re
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularSwaggerSplitView
from health_check.views import HealthCheckView

from lendingsite import metrics as business_metrics
from lendingsite.middleware import client_ip
from lendingsite.problems import problem_response


def ops_allowed(request) -> bool:
    if settings.OPS_ENDPOINTS_PUBLIC:
        return True
    token = settings.OPS_TOKEN
    supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and supplied and hmac.compare_digest(supplied.encode(), token.encode()):
        return True
    return client_ip(request) in settings.OPS_ALLOWED_IPS


def ops_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not ops_allowed(request):
            # 404 rather than 403: the endpoint's existence is nobody else's business.
            return problem_response("not_found", "Not found.")
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def readiness_checks():
    checks = ["health_check.checks.Database", "health_check.checks.Cache"]
    if settings.REDIS_URL:
        from redis.asyncio import Redis

        url = settings.REDIS_URL
        checks.append(
            (
                "health_check.contrib.redis.Redis",
                {
                    "client_factory": lambda: Redis.from_url(
                        url, socket_connect_timeout=2, socket_timeout=2
                    )
                },
            )
        )
    if not settings.CELERY_TASK_ALWAYS_EAGER and settings.CELERY_BROKER_URL != settings.REDIS_URL:
        checks.append("lendingsite.health.BrokerConnection")
    return checks


# Without these an instance cannot serve: /readyz is 503 and the load balancer takes it out.
# Redis (the cache, sessions' copy, throttle counts, the broker) is not among them: the web
# carries on without it (docs/operations.md, "When Redis is down"), so its loss makes the
# answer "degraded" (200) rather than taking every instance out at once.
CRITICAL_CHECKS = ("Database",)


class ReadinessView(HealthCheckView):
    """django-health-check's view with our checks; JSON by default, 503 when not ready."""

    def get_checks(self):
        self.checks = readiness_checks()
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
        return response

    def render_to_response_json(self, status):
        failing = [result for result in self.results if result.error]
        critical = [r for r in failing if type(r.check).__name__ in CRITICAL_CHECKS]
        return JsonResponse(
            {
                "status": "unavailable" if critical else "degraded" if failing else "ok",
                "checks": {
                    repr(result.check): ("error: " + str(result.error)) if result.error else "ok"
                    for result in self.results
                },
            },
            status=503 if critical else 200,
        )


_readiness = ReadinessView.as_view()


async def readyz(request):
    if not ops_allowed(request):
        return problem_response("not_found", "Not found.")
    request.GET = request.GET.copy()
    request.GET["format"] = "json"
    return await _readiness(request)


@ops_only
@never_cache
def metrics(request) -> HttpResponse:
    # django-prometheus's request and database metrics, our counters, and the business
    # state read from the database (lendingsite.metrics).
    from prometheus_client import CONTENT_TYPE_LATEST

    return HttpResponse(business_metrics.exposition(), content_type=CONTENT_TYPE_LATEST)


# Swagger UI: the split view already serves its init script from our origin, so script-src
# stays 'self'. Its page still carries one small inline <style>; allow exactly that block by
# hash, on this view only, instead of 'unsafe-inline'.
_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


class _SwaggerView(SpectacularSwaggerSplitView):
    def options(self, request, *args, **kwargs):
        # DRF would describe the view through its only renderer, the HTML template, which
        # has nothing to render metadata with (a 500). The page has no body to describe.
        response = HttpResponse(status=200)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response


_swagger_ui = _SwaggerView.as_view(url_name="schema")


@functools.cache
def swagger_inline_style_hashes() -> tuple[str, ...]:
    source = get_template(SpectacularSwaggerSplitView.template_name).template.source
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in _INLINE_STYLE.findall(source)
    )


@wraps(_swagger_ui)
def api_docs(request, *args, **kwargs):
    response = _swagger_ui(request, *args, **kwargs)
    response._csp_update = {"style-src": list(swagger_inline_style_hashes())}
    return response
