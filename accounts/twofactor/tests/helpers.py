from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor.management.commands.totp_code import current_code


def fresh_code(device: TOTPDevice) -> str:
    """The current code, usable again: django-otp refuses a time step it has seen, and a
    test signs in more than once inside one 30-second step; and a wrong code makes the
    device wait before it accepts the next one (brute-force throttle)."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    return current_code(device)


def enrol(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
