import os

import django
from django.core.handlers.wsgi import WSGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lendingsite.settings")
django.setup(set_prefix=False)  # what get_wsgi_application does, with tracing in between

from lendingsite.tracing import tracing_setup  # noqa: E402 (needs the settings)

tracing_setup()  # before the handler builds its middleware chain; off unless configured
application = WSGIHandler()

from lendingsite.warmup import warm_and_freeze  # noqa: E402 (needs the apps loaded)

warm_and_freeze()
