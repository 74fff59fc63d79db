"""One query for a user's permissions instead of Django's two.

django.contrib.auth's ModelBackend reads the permissions a user holds directly and those
of their groups in two queries, the first time a request asks `has_perm`, and keeps the
union on the user as `_perm_cache`. Nearly every API read asks (loans.selectors.loans_for
and its like decide between "everything" and "your own"), so that was two of the five
round trips of a borrower's loan read (docs/benchmarks.md, "Load").

This backend sits before ModelBackend in AUTHENTICATION_BACKENDS and fills the same
`_perm_cache` with one query (the union as two subqueries, in plain SQL). ModelBackend
then answers from that cache; it still signs people in, so sessions keep naming it (a session naming this
backend, as the test client's force_login does, loads its user as ModelBackend would).
The answer is the same set ModelBackend computes: inactive and anonymous users have none,
an active superuser every permission, object permissions none.
"""

import functools

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from lendingsite.rawsql import db


class OneQueryPermissionsBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None  # signing in is ModelBackend's (and axes')

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _permissions_read(user_obj)
        return user_obj._perm_cache


@functools.cache
def _statement(user_model) -> str:
    """The user's permissions, direct or through a group, as (app_label, codename). Plain
    SQL from the models' metadata: building it with the ORM on every request cost more
    CPU than the query itself (docs/benchmarks.md, "Load")."""
    perms, types = Permission._meta.db_table, ContentType._meta.db_table
    direct = user_model.user_permissions.through._meta.db_table
    members = user_model.groups.through._meta.db_table
    grants = Group.permissions.through._meta.db_table
    held = f"SELECT permission_id FROM {direct} WHERE user_id = %s"  # noqa: S608
    via_groups = (
        f"SELECT gp.permission_id FROM {grants} gp JOIN {members} ug "  # noqa: S608
        "ON ug.group_id = gp.group_id WHERE ug.user_id = %s"
    )
    # Every name comes from _meta; the user id is a bound parameter.
    return (
        f"SELECT ct.app_label, p.codename FROM {perms} p "  # noqa: S608
        f"JOIN {types} ct ON ct.id = p.content_type_id "
        f"WHERE p.id IN ({held}) OR p.id IN ({via_groups})"
    )


def _permissions_read(user) -> set[str]:
    if user.is_superuser:
        rows = Permission.objects.values_list("content_type__app_label", "codename")
    else:
        with db().cursor() as cursor:
            cursor.execute(_statement(type(user)), [user.pk, user.pk])
            rows = cursor.fetchall()
    return {f"{app_label}.{codename}" for app_label, codename in rows}
