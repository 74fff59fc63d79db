"""A web worker's start: load everything a request will import, then freeze it.

A worker's heap after Django, the apps, the admin and the URLconf is ~250k objects that live
as long as the process. CPython's full garbage collections walk all of them: on the load
benchmark each took 70-150 ms, a pause in the middle of whoever's request was running
(docs/benchmarks.md, "Load"). `gc.freeze()` moves what exists at start-up out of the
collector's sight (the Python documentation's advice for pre-fork servers: it also keeps
the pages shared with gunicorn's master), so a full collection walks only what requests
left behind."""

import gc
from importlib import import_module

from django.conf import settings


def warm_and_freeze() -> None:
    import_module(settings.ROOT_URLCONF)  # every view, serializer and form the routes name
    gc.collect()
    gc.freeze()
