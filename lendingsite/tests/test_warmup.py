"""A web worker's start (lendingsite.warmup): the WSGI module leaves the URLconf imported
and what start-up built frozen, out of the collector's full passes."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import gc, sys
import lendingsite.wsgi
from django.conf import settings
print(gc.get_freeze_count(), settings.ROOT_URLCONF in sys.modules, "loans.api.loans" in sys.modules)
"""


def test_the_wsgi_module_imports_the_routes_and_freezes_what_start_up_built():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lendingsite.settings"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-2000:]
    frozen, urlconf, views = out.stdout.split()
    # Django, the apps and the views are well over 100k objects; without the freeze: 0.
    assert int(frozen) > 100_000
    assert urlconf == views == "True"
