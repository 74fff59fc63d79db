"""Roles are Django groups with model permissions (DESIGN §9). This table is the one
place that says which role may do what in the officer console; a data migration creates
the groups and a post_migrate hook keeps their permissions equal to it as apps add models.
"""

BORROWER = "borrower"
LOAN_OFFICER = "loan_officer"
CREDIT_MANAGER = "credit_manager"
FINANCE = "finance"
COLLECTOR = "collector"
COLLECTIONS_MANAGER = "collections_manager"
AUDITOR = "auditor"

ALL_ROLES = (
    BORROWER,
    LOAN_OFFICER,
    CREDIT_MANAGER,
    FINANCE,
    COLLECTOR,
    COLLECTIONS_MANAGER,
    AUDITOR,
)
STAFF_ROLES = frozenset(ALL_ROLES) - {BORROWER}

_VIEW_PEOPLE = ["accounts.view_user", "accounts.view_borrowerprofile", "accounts.view_kycdocument"]

# "app_label.codename"; a permission whose model does not exist yet is skipped until it does.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    BORROWER: [],
    LOAN_OFFICER: [
        *_VIEW_PEOPLE,
        "accounts.add_borrowerprofile",
        "accounts.change_borrowerprofile",
        "accounts.add_kycdocument",
        "accounts.verify_kycdocument",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
    CREDIT_MANAGER: [
        *_VIEW_PEOPLE,
        "accounts.verify_kycdocument",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
    FINANCE: [*_VIEW_PEOPLE],
    COLLECTOR: ["accounts.view_borrowerprofile"],
    COLLECTIONS_MANAGER: ["accounts.view_user", "accounts.view_borrowerprofile"],
    AUDITOR: [
        *_VIEW_PEOPLE,
        "accounts.view_auditevent",
        "accounts.view_auditseal",
        "accounts.verify_auditevent",
        "axes.view_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
    ],
}


def sync_role_groups(group_model, permission_model) -> None:
    """Create missing groups and set each group's permissions to exactly the table's.
    Works with historical models (migrations) and real ones (post_migrate)."""
    for role in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            perm = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
