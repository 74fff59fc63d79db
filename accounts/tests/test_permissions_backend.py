"""accounts.permissions_backend: the same permissions as Django's ModelBackend, read in one
query, so that a role change still takes effect on the caller's next request."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.permissions_backend import OneQueryPermissionsBackend
from accounts.roles import AUDITOR, BORROWER, FINANCE, STAFF_ROLES
from accounts.services.users import user_set_roles
from accounts.tests.factories import UserFactory, borrower, staff

pytestmark = pytest.mark.django_db


def django_answer(user: User) -> set[str]:
    """What ModelBackend computes (its two queries), on a fresh copy of the user."""
    return ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_every_role_has_the_permissions_django_would_give_it(role):
    user = fresh(staff(role))
    assert OneQueryPermissionsBackend().get_all_permissions(user) == django_answer(user)
    assert django_answer(user)  # a role is not empty: the comparison means something


def test_direct_and_group_permissions_together_in_one_query():
    user = fresh(staff(AUDITOR))
    direct = Permission.objects.get(codename="add_loan", content_type__app_label="loans")
    user.user_permissions.add(direct)
    user = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("loans.add_loan")  # held directly
        assert user.has_perm("loans.view_loan")  # through the auditor group
        assert not user.has_perm("loans.delete_loan")  # neither
        assert user.has_module_perms("loans")
    assert len(queries) == 1
    assert OneQueryPermissionsBackend().get_all_permissions(user) == django_answer(user)


def test_a_borrower_an_inactive_user_and_a_superuser():
    customer = fresh(borrower())
    assert not customer.has_perm("loans.view_loan")
    assert OneQueryPermissionsBackend().get_all_permissions(customer) == django_answer(customer)

    inactive = fresh(staff(FINANCE, is_active=False))
    with CaptureQueriesContext(connection) as queries:
        assert not inactive.has_perm("loans.view_loan")
    assert len(queries) == 0

    root = fresh(UserFactory(is_superuser=True))
    everything = OneQueryPermissionsBackend().get_all_permissions(root)
    assert everything == django_answer(root)
    assert len(everything) == Permission.objects.count()


def test_a_role_change_counts_on_the_next_request():
    user = staff(AUDITOR)
    assert fresh(user).has_perm("loans.view_loan")
    user_set_roles(acting_user=UserFactory(is_superuser=True), user=user, roles=[BORROWER])
    # Each request loads its user afresh; nothing is kept between requests.
    assert not fresh(user).has_perm("loans.view_loan")
    Group.objects.get(name=FINANCE).user_set.add(user)
    assert fresh(user).has_perm("loans.view_loan")
    assert OneQueryPermissionsBackend().get_all_permissions(fresh(user)) == django_answer(user)


def test_signing_in_is_still_model_backends():
    user = UserFactory(password="a long enough passphrase")
    assert (
        OneQueryPermissionsBackend().authenticate(
            None, username=user.email, password="a long enough passphrase"
        )
        is None
    )
