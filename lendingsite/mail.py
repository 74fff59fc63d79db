"""An email backend for the demo's console (scripts/demo): each email is one line naming
who it is for and its subject, and each link in it a line of its own, the one a newcomer
needs first marked plainly (`VERIFY EMAIL → http://…`). Django's console backend prints
whole MIME messages, where a link is easy to miss and may be split by the encoding."""

import re
import sys
import threading

from django.core.mail.backends.base import BaseEmailBackend

LINK = re.compile(r"https?://[^\s<>\"']+")
# Path fragment -> the label its link gets; anything else is "link".
LABELS = (
    ("/verify-email/", "VERIFY EMAIL"),
    ("/password-reset/", "RESET PASSWORD"),
)


def _label(url: str) -> str:
    return next((label for fragment, label in LABELS if fragment in url), "link")


def email_lines(message) -> list[str]:
    """The lines one message prints as (tested without a backend)."""
    lines = [f"EMAIL to {', '.join(message.recipients())}: {message.subject}"]
    bodies = [message.body] + [
        content for content, mimetype in getattr(message, "alternatives", []) if "text" in mimetype
    ]
    seen: list[str] = []
    for body in bodies:
        for url in LINK.findall(body or ""):
            url = url.rstrip(".,;)")
            if url not in seen:
                seen.append(url)
    lines.extend(f"{_label(url)} → {url}" for url in seen)
    return lines


class ConsoleLinksBackend(BaseEmailBackend):
    def __init__(self, *args, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages) -> int:
        sent = 0
        with self._lock:
            for message in email_messages or ():
                self.stream.write("\n".join(email_lines(message)) + "\n")
                self.stream.flush()
                sent += 1
        return sent
