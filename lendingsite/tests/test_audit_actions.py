"""One registry of audit action names (lendingsite.audit_actions), one naming rule."""

import ast
import re

import pytest

from accounts.models import AuditEvent
from lendingsite.audit import audit_listen, audit_record, refusals_audited
from lendingsite.audit_actions import (
    ACTIONS,
    REFUSED,
    SUCCEEDED,
    UnknownAuditAction,
    current_name,
)
from lendingsite.tests.architecture import source_files

NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")
CALLS = {"audit_record", "refusals_audited", "audit_listen", "notice_for"}


def _named_actions():
    """Every action name written as a literal where an event is recorded, refused or
    listened for (the `action=` of any call, the names given to the decorators)."""
    for path in source_files("journal"):  # every module of every app
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "action"]
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CALLS:
                values += node.args
            for value in values:
                text = value.value if isinstance(value, ast.Constant) else None
                if isinstance(text, str) and NAME.match(text):
                    yield path.name, text


def test_every_name_in_the_code_is_registered():
    found = list(_named_actions())
    assert len(found) > 100  # the scan sees the code
    assert sorted({f"{where}: {name}" for where, name in found if name not in ACTIONS}) == []


def test_the_names_follow_the_rule():
    assert all(NAME.match(name) for name in ACTIONS)
    assert all(name.endswith("_refused") for name in REFUSED)
    assert not any(name.endswith("_refused") for name in SUCCEEDED)


@pytest.mark.django_db
def test_an_unknown_name_is_refused_under_the_tests():
    with pytest.raises(UnknownAuditAction):
        audit_record(action="product.update", target_type="test")
    with pytest.raises(UnknownAuditAction):
        refusals_audited("product.updated_refused")
    with pytest.raises(UnknownAuditAction):
        audit_listen("kyc.verifyed")
    assert not AuditEvent.objects.exists()
    audit_record(action="product.updated", target_type="test")
    assert AuditEvent.objects.get().action == "product.updated"


@pytest.mark.parametrize(
    ("stored", "outcome", "shown"),
    [
        ("kyc.verified", "success", "kyc.verified"),
        ("kyc.verified", "denied", "kyc.verify_refused"),  # a refusal under the old name
        ("auth.login", "success", "auth.logged_in"),
        ("auth.logout", "denied", "auth.logout_refused"),
        ("payment.post", "denied", "payment.post_refused"),
        ("auth.password_reset", "success", "auth.password_reset"),
        ("auth.password_reset", "denied", "auth.password_reset_refused"),
        ("kyc.verify_refused", "denied", "kyc.verify_refused"),
        ("guard.denied", "denied", "guard.denied"),
    ],
)
def test_events_stored_under_an_old_name_are_shown_under_the_current_one(stored, outcome, shown):
    assert current_name(stored, outcome) == shown
