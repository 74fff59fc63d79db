"""Conversations with the lender (/messages/): the list, one thread with its reply form
(a plain form post and reload: it works without JavaScript; static/js/thread-live.js adds
live delivery over the websocket on top), a report button per received message, and the
attachment download. Thin: messaging's selectors and services decide everything."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lendingsite.errors import DomainError
from loans.models import Loan, LoanApplication
from messaging.presenters import message_view
from messaging.selectors import read_marks, threads_listed, visible_messages
from messaging.services.messages import message_post
from messaging.services.moderation import message_report
from messaging.services.threads import thread_get_visible, thread_open, thread_read_mark
from portal.forms.messages import MessageForm, ReportForm


def _thread_or_404(request, pk: int):
    try:
        return thread_get_visible(user=request.user, thread_id=pk)
    except DomainError as error:
        raise Http404(error.detail) from None


@never_cache
@login_required
@require_safe
def thread_list(request):
    threads = list(threads_listed(request.user)[:100])
    return render(request, "messaging/threads.html", {"threads": threads})


@login_required
@require_POST
def thread_start(request):
    """The "Message us" button on a loan or an application page."""
    loan_id, application_id = request.POST.get("loan", ""), request.POST.get("application", "")
    about = None
    if loan_id.isdigit():
        about = {"loan": Loan.objects.filter(pk=int(loan_id)).first()}
    elif application_id.isdigit():
        about = {"application": LoanApplication.objects.filter(pk=int(application_id)).first()}
    if not about or next(iter(about.values())) is None:
        raise Http404("No such loan or application.")
    try:
        thread, _ = thread_open(acting_user=request.user, **about)
    except DomainError as error:
        raise Http404(error.detail) from None
    return redirect("messages:thread", thread.pk)


def _page(request, thread, form, status=200):
    rows = list(visible_messages(request.user, thread))
    marks = read_marks(thread)
    return render(
        request,
        "messaging/thread.html",
        {
            "thread": thread,
            "rows": [message_view(m, request.user, marks) for m in rows],
            "form": form,
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thread_page(request, pk: int):
    thread = _thread_or_404(request, pk)
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message = message_post(
                    acting_user=request.user,
                    thread=thread,
                    body=form.cleaned_data["body"],
                    uploaded_file=form.cleaned_data["file"],
                )
            except DomainError as error:
                field = next(iter(error.errors), None)
                form.add_error(field if field in form.fields else None, error.detail)
            else:
                if message.held_until:
                    flash.info(
                        request,
                        "Sent outside calling hours (8 am to 7 pm): the borrower receives it "
                        f"at {message.held_until:%H:%M} IST.",
                    )
                return redirect(f"{request.path}#message-{message.pk}")
        return _page(request, thread, form, status=400)
    # Showing the thread is reading it: the other side's read receipt, the unread count.
    thread_read_mark(acting_user=request.user, thread=thread)
    return _page(request, thread, MessageForm())


@login_required
@require_POST
def message_report_page(request, pk: int, message_pk: int):
    thread = _thread_or_404(request, pk)
    message = visible_messages(request.user, thread).filter(pk=message_pk).first()
    if message is None:
        raise Http404("No such message.")
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        message_report(acting_user=request.user, message=message, reason=reason)
    except DomainError as error:
        flash.error(request, error.detail)
    else:
        flash.success(request, "Thank you. We have flagged this message for review.")
    return redirect(reverse("messages:thread", args=[thread.pk]) + f"#message-{message.pk}")


@login_required
@require_safe
def attachment(request, pk: int, message_pk: int):
    """A message's file, for whoever may see the thread (a hidden message's file only for
    staff; an erased one is gone)."""
    thread = _thread_or_404(request, pk)
    message = visible_messages(request.user, thread).filter(pk=message_pk).first()
    if message is None or not message.attachment:
        raise Http404("This file is not available.")
    if message.hidden_at is not None and not request.user.is_staff:
        raise Http404("This message was hidden.")
    suffix = message.attachment.name.rsplit(".", 1)[-1]
    response = FileResponse(
        message.attachment.open("rb"),
        as_attachment=True,
        filename=f"message-{message.pk}.{suffix}",
        content_type=message.attachment_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
