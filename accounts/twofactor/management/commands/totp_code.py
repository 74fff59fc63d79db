"""Demo and support aid: print the current code of someone's authenticator device."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.models import User
from accounts.twofactor.policy import confirmed_totp


def current_code(device, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = "Print the current TOTP code of a user (by email or the part before @)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION:
            raise CommandError("totp_code refuses to run with DJANGO_ENV=production")
        user = User.objects.filter(email__iexact=username).first()
        if user is None:
            matches = list(User.objects.filter(email__istartswith=f"{username}@")[:2])
            user = matches[0] if len(matches) == 1 else None
        if user is None:
            raise CommandError(f"No single user called {username!r}.")
        device = confirmed_totp(user)
        if device is None:
            raise CommandError(f"{user} has no authenticator device.")
        self.stdout.write(current_code(device))
