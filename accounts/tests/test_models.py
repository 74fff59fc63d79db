import re

import pytest
from django.db import IntegrityError, transaction
from django_fsm import TransitionNotAllowed

from accounts import crypto
from accounts.models import (
    BorrowerProfile,
    EmailToken,
    KycDocument,
    KycStatus,
    User,
    kyc_upload_path,
)
from accounts.roles import AUDITOR, LOAN_OFFICER
from accounts.tests.factories import BorrowerProfileFactory, UserFactory, staff


@pytest.mark.django_db
def test_emails_are_stored_lowercase_and_unique_regardless_of_case():
    user = User.objects.create_user("Asha.Rao@Example.IN", "pw-long-enough-123")
    assert user.email == "asha.rao@example.in"
    assert User.objects.get_by_natural_key("ASHA.RAO@example.in") == user
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ASHA.RAO@EXAMPLE.IN")


@pytest.mark.django_db
def test_superusers_are_staff_and_verified():
    admin = User.objects.create_superuser("root@example.in", "pw-long-enough-123")
    assert admin.is_staff and admin.is_superuser and admin.email_verified


@pytest.mark.django_db
def test_roles_are_the_sorted_group_names():
    assert UserFactory(roles=[LOAN_OFFICER, AUDITOR]).roles == [AUDITOR, LOAN_OFFICER]


@pytest.mark.django_db
def test_profile_save_normalises_pan_and_keys_its_hash():
    profile = BorrowerProfileFactory(pan="  pqrsx1234k ")
    assert profile.pan == "PQRSX1234K"
    assert profile.pan_hash == crypto.keyed_hash("PQRSX1234K")
    profile.pan = ""
    profile.save()
    assert BorrowerProfile.objects.get(pk=profile.pk).pan_hash is None
    # Any number of profiles may have no PAN yet: NULL is not a duplicate.
    BorrowerProfileFactory(pan="")
    assert BorrowerProfile.objects.filter(pan_hash__isnull=True).count() == 2


def test_kyc_upload_path_is_random_and_drops_the_client_name():
    doc = KycDocument(profile_id=7)
    first = kyc_upload_path(doc, "Ravi Kumar Aadhaar 1234.PDF")
    second = kyc_upload_path(doc, "Ravi Kumar Aadhaar 1234.PDF")
    assert re.fullmatch(r"kyc/7/[0-9a-f]{32}\.pdf", first)
    assert first != second


@pytest.mark.django_db
def test_kyc_transitions_go_from_pending_only():
    officer = staff(LOAN_OFFICER)
    doc = KycDocument(
        profile=BorrowerProfileFactory(),
        doc_type="pan_card",
        file="kyc/x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    assert doc.status == KycStatus.PENDING
    doc.reject(by=officer, at=None, reason="Blurred")
    assert (doc.status, doc.rejection_reason, doc.verified_by) == ("rejected", "Blurred", officer)
    with pytest.raises(TransitionNotAllowed):
        doc.verify(by=officer, at=None)
    with pytest.raises(AttributeError):
        doc.status = KycStatus.PENDING


@pytest.mark.django_db
def test_email_token_str_names_no_secret():
    token = EmailToken.objects.create(
        user=UserFactory(),
        purpose="reset_password",
        token_hash="a" * 64,
        expires_at="2030-01-01T00:00:00Z",
    )
    assert str(token) == f"Password reset token #{token.pk}"
    assert "a" * 8 not in str(token)
