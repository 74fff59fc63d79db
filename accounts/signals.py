"""Auth events from Django and django-axes land in the audit trail here, so that every
login path (pages, admin, JWT) is recorded the same way."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from lendingsite.audit import AuditOutcome, audit_record

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="audit.login")
def _logged_in(sender, request, user, **kwargs):
    channel = "jwt" if request is not None and request.path.startswith("/api/") else "session"
    audit_record(action="auth.logged_in", actor=user, target=user, after={"channel": channel})


@receiver(user_logged_out, dispatch_uid="audit.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="auth.logged_out", actor=user, target=user)


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted username is recorded, never the password (Django already scrubs it).
    username = str(credentials.get("username") or credentials.get("email") or "")[:254]
    audit_record(
        action="auth.login_failed",
        actor=None,
        target_type="accounts.user",
        target_id="",
        after={"username": username},
        outcome=AuditOutcome.DENIED,
    )


@receiver(user_locked_out, dispatch_uid="audit.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        action="auth.locked_out",
        actor=None,
        target_type="accounts.user",
        after={"username": username, "ip": ip_address},
        outcome=AuditOutcome.DENIED,
    )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit.roles")
def _roles_changed(sender, instance, action, pk_set, reverse, **kwargs):
    """Role changes from anywhere (the service, the admin's user form, a shell) are recorded
    with the groups before and after."""
    if reverse or not isinstance(instance, User):
        return
    if getattr(instance, "_roles_audited_by_service", False):
        return  # user_set_roles writes one event for the whole change itself
    if action in ("pre_add", "pre_remove", "pre_clear"):
        instance._roles_before = sorted(instance.groups.values_list("name", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    before = getattr(instance, "_roles_before", None)
    after = sorted(instance.groups.values_list("name", flat=True))
    if before == after:
        return
    audit_record(
        action="role.changed",
        target=instance,
        before={"roles": before},
        after={"roles": after},
    )
