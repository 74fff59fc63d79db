"""Messaging API (API.md, wave 2): thin views over messaging.services.

/api/v1/threads/                      GET  your threads (borrower) / the threads you may see
                                            (staff), with unread counts; ?q= (staff) searches
                                            the messages' text
                                      POST {application} or {loan}: the thread about it
                                            (201 new, 200 existing)
/api/v1/threads/{id}/                 GET  one thread
/api/v1/threads/{id}/messages/        GET  its messages, oldest first; POST {body, file?}
/api/v1/threads/{id}/read/            POST you have read it (read receipts, unread counts)
/api/v1/messages/{id}/hide/           POST {reason}: staff moderation
/api/v1/messages/{id}/report/         POST {reason?}: the borrower reports a message
Someone else's thread or message is 404.
"""

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.gates import permission_first, refuse_first
from lendingsite.errors import DomainError
from lendingsite.parsers import StrictJSONParser, StrictMultiPartParser
from loans.models import Loan, LoanApplication
from messaging.api.serializers import (
    MessagePostSerializer,
    MessageSerializer,
    ReasonSerializer,
    ReportSerializer,
    ThreadOpenSerializer,
    ThreadSerializer,
)
from messaging.models import Message, Thread
from messaging.presenters import message_view
from messaging.selectors import (
    HIDE_PERM,
    is_staff_side,
    read_marks,
    threads_for,
    threads_listed,
    visible_messages,
)
from messaging.services.messages import POST_PERM, message_post
from messaging.services.moderation import message_hide, message_report
from messaging.services.threads import thread_open, thread_read_mark


def _writer_first(user, *, action: str, target=None) -> None:
    """Staff who may only read (auditors) are refused before the body is read (API.md's
    answer order); borrowers write on their own threads, which the lookup already scoped."""
    if is_staff_side(user):
        permission_first(
            acting_user=user,
            perm=POST_PERM,
            message="Your role can read conversations but not write in them.",
            action=action,
            target=target,
        )


PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
SEARCH_MAX = 100


class ThreadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ThreadSerializer
    queryset = Thread.objects.none()  # for the schema; requests use get_queryset
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = threads_listed(self.request.user)
        query = self.request.query_params.get("q", "").strip()
        if query and self.action == "list":
            if not is_staff_side(self.request.user):
                raise DomainError("permission_denied", "Searching messages is for staff.")
            if len(query) > SEARCH_MAX:
                raise DomainError(
                    "validation_error",
                    f"Search for at most {SEARCH_MAX} characters.",
                    errors={"q": [f"at most {SEARCH_MAX} characters"]},
                )
            hit = Message.objects.filter(thread=OuterRef("pk"), body__icontains=query)
            qs = qs.filter(Exists(hit))
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", str, description="staff: threads whose messages contain this text"
            )
        ],
        responses={200: ThreadSerializer(many=True), 400: PROBLEM, 403: PROBLEM},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ThreadOpenSerializer,
        responses={200: ThreadSerializer, 201: ThreadSerializer, 400: PROBLEM, 404: PROBLEM},
    )
    def create(self, request):
        """The thread about an application or a loan you may see, opened on first use."""
        _writer_first(request.user, action="thread.open_refused")
        incoming = ThreadOpenSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        # thread_open decides who may see the object (someone else's is 404, like a
        # missing one).
        if "loan" in data:
            about = {"loan": Loan.objects.filter(pk=data["loan"]).first()}
        else:
            about = {"application": LoanApplication.objects.filter(pk=data["application"]).first()}
        if next(iter(about.values())) is None:
            raise DomainError("not_found", "No such application or loan.")
        thread, created = thread_open(acting_user=request.user, **about)
        thread = threads_listed(request.user).get(pk=thread.pk)
        return Response(
            ThreadSerializer(thread).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        methods=["GET"],
        summary="The thread's messages, oldest first",
        request=None,
        responses={200: MessageSerializer(many=True), 404: PROBLEM},
    )
    @extend_schema(
        methods=["POST"],
        summary="Send a message (text, a file, or both)",
        request={
            "application/json": MessagePostSerializer,
            "multipart/form-data": MessagePostSerializer,
        },
        responses={201: MessageSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 429: PROBLEM},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[StrictJSONParser, StrictMultiPartParser],
    )
    def messages(self, request, pk=None):
        """GET: the thread's messages, oldest first (paged). POST: send one: text, a file
        (PDF, JPEG or PNG, the KYC upload's limits) or both. A collector's message outside
        08:00-19:00 IST is held until 08:00 (`held_until`)."""
        thread = self.get_object()
        if request.method == "POST":
            _writer_first(request.user, action="message.post_refused", target=thread)
            incoming = MessagePostSerializer(data=request.data)
            incoming.is_valid(raise_exception=True)
            message = message_post(
                acting_user=request.user,
                thread=thread,
                body=incoming.validated_data["body"],
                uploaded_file=incoming.validated_data.get("file"),
            )
            view = message_view(message, request.user, read_marks(thread))
            return Response(MessageSerializer(view).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(visible_messages(request.user, thread))
        marks = read_marks(thread)
        rows = [message_view(m, request.user, marks) for m in page]
        return self.get_paginated_response(MessageSerializer(rows, many=True).data)

    @extend_schema(request=None, responses={204: None, 404: PROBLEM})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """You have read the thread up to now (the other side's read receipt)."""
        thread_read_mark(acting_user=request.user, thread=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class MessageViewSet(viewsets.GenericViewSet):
    serializer_class = MessageSerializer
    queryset = Message.objects.none()
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = Message.objects.filter(thread__in=threads_for(self.request.user).values("pk"))
        if not is_staff_side(self.request.user):
            qs = qs.filter(delivered_at__isnull=False)
        return qs.select_related("sender")

    def _answer(self, message):
        view = message_view(message, self.request.user, read_marks(message.thread))
        return Response(MessageSerializer(view).data)

    @extend_schema(
        request=ReasonSerializer,
        responses={200: MessageSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    def hide(self, request, pk=None):
        """Staff: hide a message (kept and marked; the borrower sees that it was hidden)."""
        message = self.get_object()
        permission_first(
            acting_user=request.user,
            perm=HIDE_PERM,
            message="You don't have permission to hide messages.",
            action="message.hide_refused",
            target=message,
        )
        incoming = ReasonSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        message = message_hide(
            acting_user=request.user,
            message=message,
            reason=incoming.validated_data["reason"],
        )
        return self._answer(message)

    @extend_schema(
        request=ReportSerializer,
        responses={200: MessageSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """The borrower: report a message to the lender."""
        message = self.get_object()
        if is_staff_side(request.user):
            refuse_first(
                acting_user=request.user,
                message="Staff hide messages; reporting is for borrowers.",
                action="message.report_refused",
                target=message,
            )
        incoming = ReportSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        message = message_report(
            acting_user=request.user,
            message=message,
            reason=incoming.validated_data.get("reason", ""),
        )
        return self._answer(message)
