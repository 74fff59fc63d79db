import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lendingsite.settings")
application = get_wsgi_application()

from lendingsite.warmup import warm_and_freeze  # noqa: E402 (needs the apps loaded)

warm_and_freeze()
