"""The container's health check (Dockerfile HEALTHCHECK, compose.yaml): GET /healthz on
this container's own port, answered 200 with {"status": "ok"} or the check fails.

It sends the first of DJANGO_ALLOWED_HOSTS as the Host header, because Django refuses any
other host (400), and plain HTTP is fine: /healthz is exempt from the HTTPS redirect.
Standard library only, so the slim image needs no curl. Usage: healthcheck.py [port]."""

import json
import os
import sys
import urllib.request


def host_header(allowed: str) -> str:
    first = (allowed.split(",")[0].strip() or "localhost").lstrip(".")
    return "localhost" if first in ("*", "") else first


def main() -> int:
    port = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host_header(os.environ.get("DJANGO_ALLOWED_HOSTS", ""))},
    )
    try:
        # Always http://127.0.0.1 (built above), never a caller-given URL.
        with urllib.request.urlopen(request, timeout=3) as answer:  # noqa: S310
            ok = answer.status == 200 and json.load(answer).get("status") == "ok"
    except (OSError, ValueError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
