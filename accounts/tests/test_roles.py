import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.roles import (
    ALL_ROLES,
    AUDITOR,
    BORROWER,
    COLLECTOR,
    CREDIT_MANAGER,
    LOAN_OFFICER,
    ROLE_PERMISSIONS,
)
from accounts.services.users import login_unlock, user_set_roles, user_update
from accounts.tests.factories import UserFactory, staff
from lendingsite.errors import DomainError


def existing(dotted: list[str]) -> set[str]:
    found = set()
    for name in dotted:
        app_label, codename = name.split(".", 1)
        if Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
            found.add(name)
    return found


def superuser() -> User:
    return UserFactory(is_superuser=True, is_staff=True)


def role_events(user: User) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action="role.changed", target_id=str(user.pk)).order_by("id")
    )


@pytest.mark.django_db
def test_the_data_migration_created_all_seven_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ALL_ROLES)
    assert len(ALL_ROLES) == 7


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_has_exactly_its_table_permissions(role):
    group = Group.objects.get(name=role)
    granted = {
        f"{app}.{code}"
        for app, code in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert granted == existing(ROLE_PERMISSIONS[role])
    # The accounts permissions always exist, so the table is not vacuously matched.
    accounts_part = {p for p in ROLE_PERMISSIONS[role] if p.startswith("accounts.")}
    assert accounts_part <= granted


@pytest.mark.django_db
def test_the_auditor_can_view_but_not_change_anything():
    auditor = staff(AUDITOR)
    perms = auditor.get_all_permissions()
    assert {"accounts.view_auditevent", "accounts.view_kycdocument", "accounts.view_user"} <= perms
    assert all(
        p.split(".")[1].startswith("view_") or p == "accounts.verify_auditevent" for p in perms
    )
    for verb in ("add", "change", "delete"):
        for model in ("user", "borrowerprofile", "kycdocument", "auditevent"):
            assert not auditor.has_perm(f"accounts.{verb}_{model}")
    assert not auditor.has_perm("accounts.verify_kycdocument")


@pytest.mark.django_db
def test_a_role_change_is_recorded_once_with_before_after_and_actor():
    admin = superuser()
    user = UserFactory(roles=[BORROWER])
    already = len(role_events(user))

    user_set_roles(acting_user=admin, user=user, roles=[LOAN_OFFICER, CREDIT_MANAGER])

    events = role_events(user)[already:]
    assert len(events) == 1
    [event] = events
    assert event.actor == admin
    assert event.before == {"roles": [BORROWER], "is_staff": False}
    assert event.after == {"roles": [CREDIT_MANAGER, LOAN_OFFICER], "is_staff": True}
    user = User.objects.get(pk=user.pk)
    assert user.roles == [CREDIT_MANAGER, LOAN_OFFICER]
    assert user.is_staff


@pytest.mark.django_db
def test_back_to_borrower_only_drops_staff_and_an_unchanged_call_writes_nothing():
    admin = superuser()
    user = staff(COLLECTOR)
    user_set_roles(acting_user=admin, user=user, roles=[BORROWER])
    user = User.objects.get(pk=user.pk)
    assert (user.roles, user.is_staff) == ([BORROWER], False)
    count = AuditEvent.objects.filter(action="role.changed").count()
    user_set_roles(acting_user=admin, user=user, roles=[BORROWER])
    assert AuditEvent.objects.filter(action="role.changed").count() == count


@pytest.mark.django_db
def test_only_a_superuser_changes_roles_and_refusals_are_recorded():
    officer = staff(LOAN_OFFICER)
    user = UserFactory(roles=[BORROWER])
    with pytest.raises(DomainError) as refused:
        user_set_roles(acting_user=officer, user=user, roles=[LOAN_OFFICER])
    assert refused.value.code == "permission_denied"
    assert User.objects.get(pk=user.pk).roles == [BORROWER]
    [denied] = AuditEvent.objects.filter(action="role.change_refused", outcome="denied")
    assert (denied.actor, denied.target_id) == (officer, str(user.pk))


@pytest.mark.django_db
def test_unknown_roles_are_refused():
    with pytest.raises(DomainError) as refused:
        user_set_roles(acting_user=superuser(), user=UserFactory(), roles=["god_mode"])
    assert refused.value.errors["roles"][0].startswith("Unknown role: god_mode.")


@pytest.mark.django_db
def test_a_group_change_outside_the_service_is_still_recorded():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=AUDITOR))
    [event] = role_events(user)
    assert (event.before, event.after) == ({"roles": []}, {"roles": [AUDITOR]})


@pytest.mark.django_db
def test_user_update_changes_active_but_not_for_yourself():
    admin = superuser()
    user = staff(COLLECTOR)
    user_update(acting_user=admin, user=user, is_active=False, full_name="Asha Rao")
    user = User.objects.get(pk=user.pk)
    assert (user.is_active, user.full_name) == (False, "Asha Rao")
    [event] = AuditEvent.objects.filter(action="user.updated", outcome="success")
    assert event.after == {"is_active": False, "full_name": "Asha Rao"}
    with pytest.raises(DomainError) as refused:
        user_update(acting_user=admin, user=admin, is_active=False)
    assert refused.value.errors == {"is_active": ["You can't deactivate your own account."]}
    with pytest.raises(DomainError) as refused:
        user_update(acting_user=staff(LOAN_OFFICER), user=user, full_name="x")
    assert refused.value.code == "permission_denied"


def lock_out(username: str, failures: int = 5) -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address="10.0.0.7",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        failures_since_start=failures,
    )


@pytest.mark.django_db
def test_login_unlock_clears_the_attempts_and_is_recorded():
    locked = UserFactory(email="locked@example.in")
    lock_out("locked@example.in")
    lock_out("someone.else@example.in")
    officer = staff(LOAN_OFFICER)
    assert login_unlock(acting_user=officer, username=" Locked@Example.in ") == 1
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [
        "someone.else@example.in"
    ]
    [event] = AuditEvent.objects.filter(action="auth.unlocked")
    assert (event.actor, event.target_id) == (officer, str(locked.pk))
    assert event.after == {"username": "locked@example.in", "attempts_cleared": 1}


@pytest.mark.django_db
def test_login_unlock_refusals():
    lock_out("locked@example.in")
    with pytest.raises(DomainError) as refused:
        login_unlock(acting_user=staff(COLLECTOR), username="locked@example.in")
    assert refused.value.code == "permission_denied"
    assert AccessAttempt.objects.count() == 1
    with pytest.raises(DomainError) as refused:
        login_unlock(acting_user=staff(LOAN_OFFICER), username="nobody@example.in")
    assert refused.value.code == "not_found"
    assert AuditEvent.objects.filter(action="auth.unlock_refused", outcome="denied").count() == 2
