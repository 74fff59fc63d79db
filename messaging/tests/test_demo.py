"""seed_demo leaves a conversation between a borrower and the loan officer (messaging.demo),
and a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from messaging.models import Message, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_demo_has_a_conversation_with_the_officer_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Messaging demo:" in out.getvalue()
    thread = Thread.objects.get(borrower__email="vikram@demo.lendingsite.example")
    senders = list(thread.messages.values_list("sender__email", flat=True))
    assert senders == [
        "vikram@demo.lendingsite.example",
        "loan.officer@demo.lendingsite.example",
        "vikram@demo.lendingsite.example",
    ]
    count = Message.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Message.objects.count() == count
