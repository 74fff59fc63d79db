"""Messaging in the officer console: the conversations an officer may see (scoped by
messaging.selectors, a collector's to their cases' loans), search within them, and the
moderation queue (reported, hidden, held messages) with the hide action (reason
required, through messaging.services.moderation). The conversation itself, with its
reply form and live delivery, is the shared thread page (/messages/<id>/), where each
viewer sees it as their role allows."""

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html

from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin
from messaging.models import Message, Thread
from messaging.selectors import HIDE_PERM, threads_for, threads_listed
from messaging.services.moderation import REASON_MAX, message_hide


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["subject_link", "borrower", "last_message_at", "unread_count"]
    search_fields = ["=id"]
    search_help_text = "Searches the text of the messages in the conversations you may see."
    list_per_page = 50

    def get_queryset(self, request):
        return threads_listed(request.user)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()[:100]
        if not term:
            return queryset, False
        hit = Message.objects.filter(thread=OuterRef("pk"), body__icontains=term)
        return queryset.filter(Exists(hit)), False

    @admin.display(description="Conversation", ordering="id")
    def subject_link(self, thread):
        return format_html(
            '<a href="{}">{}</a>', reverse("messages:thread", args=[thread.pk]), thread.subject
        )

    @admin.display(description="Unread")
    def unread_count(self, thread):
        return thread.unread or 0


class MessageState(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("reported", "Reported"), ("hidden", "Hidden"), ("held", "Held")]

    def queryset(self, request, queryset):
        match self.value():
            case "reported":
                return queryset.filter(reported_at__isnull=False)
            case "hidden":
                return queryset.filter(hidden_at__isnull=False)
            case "held":
                return queryset.filter(delivered_at__isnull=True)
        return queryset


class HideReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        label="Reason (kept on record; the borrower sees it was hidden, staff see why)",
    )


@admin.register(Message)
class MessageAdmin(ActionFormMixin, ReadOnlyAdmin):
    list_display = ["id", "thread_link", "sender", "created_at", "excerpt", "state"]
    list_filter = [MessageState, "from_staff"]
    search_fields = ["body"]
    actions = ["hide_selected"]
    action_noun = "message"
    list_per_page = 50

    def get_queryset(self, request):
        return Message.objects.filter(
            thread__in=threads_for(request.user).values("pk")
        ).select_related("sender", "thread")

    @admin.display(description="Conversation")
    def thread_link(self, message):
        return format_html(
            '<a href="{}#message-{}">{}</a>',
            reverse("messages:thread", args=[message.thread_id]),
            message.pk,
            message.thread.subject,
        )

    @admin.display(description="Text")
    def excerpt(self, message):
        return (message.body[:80] + "…") if len(message.body) > 80 else message.body

    @admin.display(description="State")
    def state(self, message):
        marks = []
        if message.delivered_at is None:
            marks.append(f"held until {message.held_until:%d %b %H:%M}")
        if message.hidden_at:
            marks.append(f"hidden: {message.hidden_reason}")
        if message.reported_at:
            marks.append(
                "reported" + (f": {message.report_reason}" if message.report_reason else "")
            )
        return "; ".join(marks) or "delivered"

    def has_hide_permission(self, request):
        return request.user.has_perm(HIDE_PERM)

    @admin.action(description="Hide the selected messages…", permissions=["hide"])
    def hide_selected(self, request, queryset):
        return self.action_form_each(
            request,
            queryset,
            act=lambda message, data: message_hide(
                acting_user=request.user, message=message, reason=data["reason"]
            ),
            done="Hid",
            action="hide_selected",
            form_class=HideReasonForm,
            template="admin/messaging/message/hide_reason.html",
            title="Hide messages",
            objects=list(queryset.order_by("pk")),
        )
