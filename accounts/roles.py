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

_VIEW_PEOPLE = [
    "accounts.view_user",
    "accounts.view_borrowerprofile",
    "accounts.view_kycdocument",
    "accounts.view_bankaccount",
    "accounts.view_bankbranch",
]

_VIEW_LOANS = ["loans.view_loanproduct", "loans.view_loan", "loans.view_installment"]
_VIEW_REFERRALS = [
    "referrals.view_referral",
    "referrals.view_reward",
    "referrals.view_programme",
]
_VIEW_LEDGER = ["loans.view_ledgeraccount", "loans.view_journalentry", "loans.view_journalline"]

# "app_label.codename"; a permission whose model does not exist yet is skipped until it does.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    BORROWER: [],
    LOAN_OFFICER: [
        *_VIEW_PEOPLE,
        "accounts.view_dataconsent",
        "accounts.view_erasurerequest",
        "accounts.decide_erasurerequest",  # privacy: accounts.services.privacy
        "accounts.add_borrowerprofile",
        "accounts.change_borrowerprofile",
        "accounts.add_kycdocument",
        "accounts.verify_kycdocument",
        "accounts.add_bankaccount",
        "accounts.verify_bankaccount",  # not finance: whoever pays out does not vouch for the payee
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        *_VIEW_LOANS,
        "loans.view_loanapplication",
        "loans.add_loanapplication",
        "loans.change_loanapplication",
        "loans.change_loan",  # non-financial fields only (notes); lendingsite.guard
        "repayments.view_payment",
        "repayments.add_payment",
        "repayments.view_charge",
        "repayments.view_exitrequest",
        *_VIEW_REFERRALS,
        "referrals.review_reward",
        # Officers fix the records a bureau file refused or could not include.
        "bureau.view_bureauexport",
        "bureau.view_bureauissue",
        "bureau.view_ckycrecord",
        "bureau.change_ckycrecord",  # bureau.ckyc: enter or correct a CKYC number
        "reconciliation.view_virtualaccount",
    ],
    CREDIT_MANAGER: [
        *_VIEW_PEOPLE,
        *_VIEW_LOANS,
        "loans.add_loanproduct",
        "loans.change_loanproduct",
        "loans.view_loanapplication",
        "loans.decide_loanapplication",
        *_VIEW_REFERRALS,
        "referrals.add_programme",
        "referrals.change_programme",
        "referrals.review_reward",  # two reviewers approve or void a flagged reward
        "accounts.verify_kycdocument",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "screening.view_screeninghit",
        "screening.review_screeninghit",  # two credit managers clear or confirm a hit
        "screening.view_sanctionslist",
        "screening.view_sanctionsentry",
        # Distress servicing, maker-checker (repayments.services.servicing).
        "loans.view_proposal",
        "loans.add_proposal",
        "loans.approve_proposal",
        "loans.view_writeoff",
        "loans.view_settlement",
        "loans.view_settlementinstallment",
        "loans.view_reschedule",
        "loans.view_moratorium",
        "loans.add_moratorium",
        "loans.apply_moratorium",
        "loans.view_moratoriumloan",
        # Staff role changes, maker-checker (accounts.services.roles).
        "accounts.view_rolechange",
        "accounts.propose_rolechange",
        "accounts.decide_rolechange",
    ],
    FINANCE: [
        *_VIEW_PEOPLE,
        *_VIEW_LOANS,
        *_VIEW_LEDGER,
        *_VIEW_REFERRALS,
        "referrals.pay_reward",
        "loans.view_loanapplication",
        "loans.disburse_loan",
        "repayments.view_payment",
        "repayments.add_payment",
        "repayments.reverse_payment",
        "repayments.view_charge",
        "repayments.view_creditrefund",
        "repayments.add_creditrefund",
        "repayments.view_exitrequest",
        # Charge waivers, maker-checker (repayments.services.waivers).
        "repayments.waive_charge",
        "repayments.view_chargewaiver",
        "repayments.approve_chargewaiver",
        # Bank reconciliation, maker-checker on manual matches (reconciliation.services.queue).
        "reconciliation.view_virtualaccount",
        "reconciliation.view_statementimport",
        "reconciliation.import_statementimport",
        "reconciliation.view_statementline",
        "reconciliation.assign_statementline",
        "reconciliation.approve_statementline",
        # Credit bureau files (bureau.services).
        "bureau.view_bureauexport",
        "bureau.add_bureauexport",
        "bureau.view_bureauissue",
    ],
    # Collectors work from their assigned cases (collections issue); the loans console,
    # applications and ledger are not theirs to browse.
    COLLECTOR: [
        "accounts.view_borrowerprofile",
        "collection.view_collectioncase",  # only their own cases: collection.selectors
        "collection.add_contactlog",
        "collection.view_contactlog",
        "collection.add_promisetopay",
        "collection.view_promisetopay",
        "collection.view_buckethistory",
    ],
    COLLECTIONS_MANAGER: [
        "accounts.view_user",
        "accounts.view_borrowerprofile",
        "loans.view_loan",
        "loans.view_installment",
        "collection.view_collectioncase",
        "collection.change_collectioncase",  # assignment (collection.services.desk)
        "collection.add_contactlog",
        "collection.view_contactlog",
        "collection.add_promisetopay",
        "collection.view_promisetopay",
        "collection.view_buckethistory",
        "collection.view_dayendrun",
        "collection.view_notification",
        "collection.view_collectorscore",
        # Distress servicing, maker-checker (repayments.services.servicing).
        "loans.view_proposal",
        "loans.add_proposal",
        "loans.approve_proposal",
        "loans.view_writeoff",
        "loans.view_settlement",
        "loans.view_settlementinstallment",
        "loans.view_reschedule",
        "loans.view_moratorium",
        "loans.add_moratorium",
        "loans.apply_moratorium",
        "loans.view_moratoriumloan",
        # Staff role changes, maker-checker (accounts.services.roles).
        "accounts.view_rolechange",
        "accounts.propose_rolechange",
        "accounts.decide_rolechange",
    ],
    AUDITOR: [
        *_VIEW_PEOPLE,
        "accounts.view_rolechange",
        "screening.view_screeninghit",
        "screening.view_sanctionslist",
        *(
            f"collection.view_{model}"
            for model in (
                "dayendrun",
                "dayendchunk",
                "buckethistory",
                "collectioncase",
                "contactlog",
                "promisetopay",
                "notification",
                "collectorscore",
            )
        ),
        *_VIEW_REFERRALS,
        "accounts.view_auditevent",
        "accounts.view_auditseal",
        "accounts.view_dataconsent",
        "accounts.view_erasurerequest",
        "accounts.verify_auditevent",
        "axes.view_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
        *_VIEW_LOANS,
        *_VIEW_LEDGER,
        "loans.view_loanapplication",
        "loans.view_consent",
        *(
            f"repayments.view_{model}"
            for model in (
                "payment",
                "paymentallocation",
                "paymentreversal",
                "charge",
                "chargewaiver",
                "creditrefund",
                "exitrequest",
            )
        ),
    ],
}


# Messaging (docs/messaging.md): the roles that talk to borrowers write; those that answer
# for the conversation moderate (hide); auditors read. What each sees is scoped by
# messaging.selectors (a collector: only their cases' loans).
_MESSAGING_READ = ["messaging.view_thread", "messaging.view_message"]
for _role in (LOAN_OFFICER, CREDIT_MANAGER, FINANCE, COLLECTOR, COLLECTIONS_MANAGER):
    ROLE_PERMISSIONS[_role] += [*_MESSAGING_READ, "messaging.add_message"]
for _role in (LOAN_OFFICER, CREDIT_MANAGER, COLLECTIONS_MANAGER):
    ROLE_PERMISSIONS[_role].append("messaging.hide_message")
ROLE_PERMISSIONS[AUDITOR] += _MESSAGING_READ

# The books (docs/accounting.md): finance runs the month-end close; finance and auditors
# read the trial balance, the provisions and the close's runs.
_BOOKS_READ = ["accounting.view_monthendrun", "accounting.view_provisiondetail"]
ROLE_PERMISSIONS[FINANCE] += [*_BOOKS_READ, "accounting.add_monthendrun"]
ROLE_PERMISSIONS[AUDITOR] += _BOOKS_READ
# A loan's security (its realisable value splits the provision): recorded by the officers
# who appraise it, read by finance and auditors.
_SECURITY = ["accounting.view_loancollateral", "accounting.change_loancollateral"]
ROLE_PERMISSIONS[LOAN_OFFICER] += _SECURITY
ROLE_PERMISSIONS[CREDIT_MANAGER] += _SECURITY
ROLE_PERMISSIONS[FINANCE] += ["accounting.view_loancollateral"]
ROLE_PERMISSIONS[AUDITOR] += ["accounting.view_loancollateral"]


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


# Auto-debit mandates (docs/mandates.md): officers and collections pause and resume (a
# moratorium, a dispute); finance also loads the bank's response files; everyone on staff
# who sees loans sees their mandates and presentations.
_MANDATES_READ = [
    "mandates.view_mandate",
    "mandates.view_presentationbatch",
    "mandates.view_presentation",
]
for _role in (LOAN_OFFICER, CREDIT_MANAGER, FINANCE, COLLECTOR, COLLECTIONS_MANAGER, AUDITOR):
    ROLE_PERMISSIONS[_role] += _MANDATES_READ
for _role in (LOAN_OFFICER, CREDIT_MANAGER, COLLECTIONS_MANAGER):
    ROLE_PERMISSIONS[_role].append("mandates.pause_mandate")
ROLE_PERMISSIONS[FINANCE] += ["mandates.pause_mandate", "mandates.record_result"]
