"""The borrower's messages (/notifications/): every notice and reminder made for the
signed-in person (collection.notices), newest first — the in-app copy of each, in plain
words, with how its email and SMS went. Account emails (confirmation and reset links) are
not stored, so they can't be listed; the page says so."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from collection.models import Notification
from collection.notices.kinds import KINDS
from collection.notify import CHANNELS, EMAIL, IN_APP

PER_PAGE = 20
CHANNEL_WORDS = {"email": "Email", "sms": "SMS"}
# Status in the borrower's words; the desk's own labels are for officers.
STATUS_WORDS = {
    "held": "Waiting: we only send reminders between 8 am and 7 pm",
    "queued": "Being sent",
    "sent": "Sent",
    "failed": "Could not be delivered",
}
IN_APP_WORDS = {
    "queued": "Being prepared",
    "held": "Being prepared",
    "sent": "",
    "failed": "Not sent",
}


def _base(key: str) -> str:
    return key.rsplit(":", 1)[0]


def _copies(rows: list[Notification]) -> dict[str, list[dict]]:
    """How each notice went out by email and SMS, in one query for the page."""
    keys = [f"{_base(row.dedupe_key)}:{channel}" for row in rows for channel in CHANNELS]
    found: dict[str, list[dict]] = {}
    copies = (
        Notification.objects.filter(dedupe_key__in=keys)
        .only("dedupe_key", "channel", "status", "sent_at")
        .order_by("channel")
    )
    for copy in copies:
        found.setdefault(_base(copy.dedupe_key), []).append(
            {
                "channel": CHANNEL_WORDS.get(copy.channel, copy.channel.upper()),
                "status": copy.status,
                "status_words": STATUS_WORDS.get(copy.status, copy.status),
                "sent_at": copy.sent_at,
                "email": copy.channel == EMAIL,
            }
        )
    return found


def _row(notification: Notification, copies: list[dict]) -> dict:
    kind = KINDS.get(notification.kind)
    label = kind.label if kind else "Message from us"
    return {
        "what": notification.subject or label,
        "kind": label,
        "status": notification.status,
        "status_words": IN_APP_WORDS.get(notification.status, notification.status),
        "body": notification.body,
        "created_at": notification.created_at,
        "loan_id": notification.loan_id,
        "copies": copies,
    }


@never_cache
@login_required
@require_safe
def notification_list(request):
    page = Paginator(
        Notification.objects.filter(borrower=request.user, channel=IN_APP).order_by(
            "-created_at", "-id"
        ),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    copies = _copies(rows)
    return render(
        request,
        "notifications/list.html",
        {"page": page, "rows": [_row(n, copies.get(_base(n.dedupe_key), [])) for n in rows]},
    )
