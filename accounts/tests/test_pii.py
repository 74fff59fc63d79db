import hashlib
import hmac
import io
from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from accounts.models import AuditEvent, BorrowerProfile
from accounts.services.profile import borrower_profile_update
from accounts.tests.factories import BorrowerProfileFactory
from lendingsite.errors import DomainError

PLAIN = {"phone": "+919812345678", "pan": "ABCDE1234F", "date_of_birth": "1990-05-17"}
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw_columns(pk: int) -> dict[str, str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT phone, pan, date_of_birth FROM accounts_borrowerprofile WHERE id = %s", [pk]
        )
        phone, pan, dob = cur.fetchone()
    return {"phone": phone, "pan": pan, "date_of_birth": dob}


def make_profile(**overrides) -> BorrowerProfile:
    values = {**PLAIN, "date_of_birth": date(1990, 5, 17), **overrides}
    return BorrowerProfileFactory(**values)


@pytest.mark.django_db
def test_pii_columns_hold_fernet_ciphertext_and_read_back_in_clear(settings):
    profile = make_profile()
    raw = raw_columns(profile.pk)
    key = Fernet(settings.FIELD_ENCRYPTION_KEYS[0])
    for name, plain in PLAIN.items():
        assert raw[name].startswith("gAAAAA")  # Fernet version byte, base64
        assert plain not in raw[name]
        assert plain[-4:] not in raw[name]
        assert key.decrypt(raw[name].encode()).decode() == plain
    fresh = BorrowerProfile.objects.get(pk=profile.pk)
    assert (fresh.phone, fresh.pan, fresh.date_of_birth) == (
        "+919812345678",
        "ABCDE1234F",
        date(1990, 5, 17),
    )


@pytest.mark.django_db
def test_each_save_uses_a_fresh_token_so_equal_values_do_not_look_equal():
    one, two = make_profile(), make_profile(pan="PQRST6789Z")
    assert raw_columns(one.pk)["phone"] != raw_columns(two.pk)["phone"]


@pytest.mark.django_db
def test_pan_hash_is_the_keyed_hmac(settings):
    profile = make_profile(pan=" abcde1234f ")
    expected = hmac.new(settings.PII_HASH_KEY.encode(), b"ABCDE1234F", hashlib.sha256).hexdigest()
    assert BorrowerProfile.objects.get(pk=profile.pk).pan_hash == expected
    assert BorrowerProfile.objects.get(pan_hash=expected).pk == profile.pk


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["ABCDE1234F", "abcde1234f", " abcde 1234F "])
def test_the_same_pan_twice_violates_uniqueness_in_the_database(written):
    make_profile()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_profile(pan=written)


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["abcde1234f", " ABCDE 1234F ", "AbCdE1234f"])
def test_the_profile_service_refuses_a_registered_pan_in_plain_words(written):
    make_profile()
    other = BorrowerProfileFactory(pan="")
    with pytest.raises(DomainError) as refused:
        borrower_profile_update(acting_user=other.user, profile=other, pan=written)
    assert refused.value.code == "validation_error"
    assert refused.value.errors == {"pan": ["This PAN is already registered."]}
    assert BorrowerProfile.objects.get(pk=other.pk).pan == ""
    [denied] = AuditEvent.objects.filter(action="profile.update_refused", outcome="denied")
    assert "ABCDE" not in str(denied.after)


@pytest.mark.django_db
def test_keys_rotate_without_losing_a_value(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    profiles = [make_profile(pan=f"ABCDE{n:04d}F") for n in range(5)]
    before = {p.pk: raw_columns(p.pk) for p in profiles}

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert BorrowerProfile.objects.get(pk=profiles[0].pk).pan == "ABCDE0000F"

    out = io.StringIO()
    call_command("rotate_pii_keys", "--chunk-size", "2", stdout=out)
    assert out.getvalue().strip() == (
        "Rotated 15 values in 5 rows (0 already under the first key)."
    )
    for profile in profiles:
        after = raw_columns(profile.pk)
        for column, token in after.items():
            assert token != before[profile.pk][column]
            Fernet(NEW_KEY).decrypt(token.encode())  # under the new key alone

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    fresh = BorrowerProfile.objects.get(pk=profiles[3].pk)
    assert (fresh.phone, fresh.pan, fresh.date_of_birth) == (
        "+919812345678",
        "ABCDE0003F",
        date(1990, 5, 17),
    )

    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    with pytest.raises(ValueError, match="cannot be decrypted with any configured key"):
        BorrowerProfile.objects.get(pk=profiles[0].pk)


@pytest.mark.django_db
def test_rotation_is_idempotent_and_audited(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    profile = make_profile(address="")
    BorrowerProfileFactory(phone="", pan="", date_of_birth=None)  # nothing to rotate
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_pii_keys", stdout=io.StringIO())
    rotated = raw_columns(profile.pk)

    out = io.StringIO()
    call_command("rotate_pii_keys", stdout=out)
    assert out.getvalue().strip() == "Rotated 0 values in 2 rows (3 already under the first key)."
    assert raw_columns(profile.pk) == rotated  # nothing re-encrypted, nothing doubled

    first, second = AuditEvent.objects.filter(action="pii.keys_rotated").order_by("id")
    assert first.after["values_rotated"] == 3 and first.after["rows"] == 2
    assert second.after["values_rotated"] == 0 and second.after["already_current"] == 3
    assert set(first.after["models"]) == {"accounts.borrowerprofile", "accounts.bankaccount"}


@pytest.mark.django_db
def test_rotation_stops_with_a_clear_error_when_a_key_is_missing(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    profile = make_profile()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key was dropped too early
    with pytest.raises(CommandError) as failed:
        call_command("rotate_pii_keys", stdout=io.StringIO())
    assert str(failed.value) == (
        f"accounts.BorrowerProfile {profile.pk}: phone can't be decrypted with any configured "
        "key; put the old key back in FIELD_ENCRYPTION_KEYS (after the new one) and run again."
    )
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    assert BorrowerProfile.objects.get(pk=profile.pk).pan == "ABCDE1234F"
    assert (
        AuditEvent.objects.filter(action="pii.keys_rotate_refused", outcome="denied").count() == 1
    )
