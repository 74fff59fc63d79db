"""The borrower's messages and reminders (/notifications/): the collections notification
log (collection.Notification) for the signed-in person, newest first, with each delivery
status in plain words. Account emails (confirmation and reset links) are not stored, so
they can't be listed; the page says so."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

PER_PAGE = 20

KINDS = {
    "due_t3": "Reminder: an installment is due in 3 days",
    "due_t1": "Reminder: an installment is due tomorrow",
    "due_today": "Reminder: an installment is due today",
    "promise_due": "Reminder: the payment you promised is due",
}
CHANNELS = {"email": "Email", "sms": "SMS"}
# Status in the borrower's words; the desk's own labels are for officers.
STATUS_WORDS = {
    "held": "Waiting: we only send messages between 8 am and 7 pm",
    "queued": "Being sent",
    "sent": "Sent",
    "failed": "Could not be delivered",
}


def _row(notification) -> dict:
    return {
        "what": notification.subject or KINDS.get(notification.kind, "Message from us"),
        "kind": KINDS.get(notification.kind, ""),
        "channel": CHANNELS.get(notification.channel, notification.channel.upper()),
        "status": notification.status,
        "status_words": STATUS_WORDS.get(notification.status, notification.status),
        "body": notification.body,
        "created_at": notification.created_at,
        "sent_at": notification.sent_at,
        "loan_id": notification.loan_id,
    }


@never_cache
@login_required
@require_safe
def notification_list(request):
    notification = apps.get_model("collection", "Notification")
    page = Paginator(
        notification.objects.filter(borrower=request.user).order_by("-created_at", "-id"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "rows": [_row(n) for n in page.object_list]},
    )


app_name = "notifications"
urlpatterns = [path("", notification_list, name="list")]
