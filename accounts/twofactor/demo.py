"""Demo seed: every demo staff account gets a confirmed authenticator device with a fixed
secret (printed), so the console is usable; `manage.py totp_code <email>` prints a code."""

import base64
import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice


def demo_secret_hex(email: str) -> str:
    # Derived from the address so a re-seed keeps the phones people already set up.
    return hashlib.sha256(f"lendingsite-demo-totp:{email}".encode()).hexdigest()[:40]


def twofactor_demo_seed(*, users) -> str:
    lines = ["", "Demo second factor (authenticator key, or: manage.py totp_code <email>):"]
    for user in users:
        key = demo_secret_hex(user.email)
        TOTPDevice.objects.filter(user=user).exclude(key=key).delete()
        TOTPDevice.objects.get_or_create(
            user=user, key=key, defaults={"name": "Demo authenticator", "confirmed": True}
        )
        secret = base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")
        lines.append(f"  {user.email:<45} {secret}")
    return "\n".join(lines)
