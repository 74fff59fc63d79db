"""Time "reset my password" and "resend the verification link" for known and unknown
addresses (issue 12, item 7): the two must take the same time, so that the answer's
timing does not tell which addresses have accounts.

    DATABASE_URL=sqlite:////tmp/timing.sqlite3 .venv/bin/python bench/auth_timing.py [--n 200]

It migrates the database it is given (use a scratch one), creates N users, then sends N
requests per endpoint and kind, interleaved, through the whole Django stack (middleware,
DRF, the service) with the test client, and prints median and 90th percentile per kind.
Each request uses its own address (the hourly per-address quota would otherwise refuse).

By default Celery is not eager: a queued task is published to the in-memory broker and
not run, as in production where a worker sends the email. `--eager` runs the tasks in the
request instead, as the demo does (CELERY_TASK_ALWAYS_EAGER, no broker).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--eager", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lendingsite.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true" if args.eager else "false"
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User

    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth"] = "1000000/min"
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] = "1000000/min"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    User.objects.filter(email__startswith="timing-").delete()
    User.objects.bulk_create(
        User(email=f"timing-{i}@example.in", full_name="Timing", password="!")
        for i in range(args.n * 2)
    )

    client = Client()
    endpoints = {
        "password-reset": "/api/v1/auth/password-reset/",
        "verify-email/resend": "/api/v1/auth/verify-email/resend/",
    }
    results: dict[tuple[str, str], list[float]] = {}
    for e, (name, path) in enumerate(endpoints.items()):
        for i in range(args.n):
            cache.clear()  # keep the email quotas out of the measurement
            for kind, address in (
                ("known", f"timing-{e * args.n + i}@example.in"),
                ("unknown", f"nobody-{e}-{i}@example.in"),
            ):
                start = time.perf_counter()
                response = client.post(path, {"email": address}, content_type="application/json")
                elapsed = time.perf_counter() - start
                assert response.status_code == 202, response.content
                results.setdefault((name, kind), []).append(elapsed * 1000)

    mode = "eager (tasks run in the request)" if args.eager else "queued (a worker sends)"
    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"auth timing, {args.n} requests per row, {db}, Celery {mode}")
    print(f"{'endpoint':22} {'address':8} {'median ms':>10} {'p90 ms':>8}")
    for (name, kind), times in results.items():
        times = sorted(times[5:])  # the first few warm caches up
        p90 = times[int(len(times) * 0.9)]
        print(f"{name:22} {kind:8} {statistics.median(times):10.2f} {p90:8.2f}")


if __name__ == "__main__":
    main()
