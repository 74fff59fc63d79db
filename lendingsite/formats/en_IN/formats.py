"""Same as "en" (lendingsite/formats/en/formats.py)."""

from lendingsite.formats.en.formats import *  # noqa: F403
