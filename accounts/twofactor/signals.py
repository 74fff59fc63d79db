from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.twofactor.policy import OPTED_IN_SESSION_KEY, has_confirmed_device, is_staff_user


@receiver(user_logged_in, dispatch_uid="twofactor.opted_in")
def _remember_opt_in(sender, request, user, **kwargs):
    # Borrowers who enrolled are asked for the code on every page until they give it;
    # remembering it in the session spares a device query per page.
    session = getattr(request, "session", None)
    if session is not None and not is_staff_user(user):
        session[OPTED_IN_SESSION_KEY] = has_confirmed_device(user)
