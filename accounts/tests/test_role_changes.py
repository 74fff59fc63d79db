"""Staff role changes by maker-checker (accounts.services.roles, accounts.admin.roles): a
proposal changes nothing; another manager's approval applies it with one role.changed
event; a rejection applies nothing; the proposer, the account itself and borrowers are
refused, each refusal writing only its refusal event."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, RoleChange, User
from accounts.roles import (
    AUDITOR,
    BORROWER,
    COLLECTIONS_MANAGER,
    COLLECTOR,
    CREDIT_MANAGER,
    LOAN_OFFICER,
)
from accounts.services.roles import role_change_approve, role_change_propose, role_change_reject
from accounts.tests.factories import UserFactory, borrower, staff
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db


def roles_of(user) -> list[str]:
    return sorted(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def events(action: str):
    # The factories' group edits are audited too, by nobody (the m2m signal): not these.
    return list(AuditEvent.objects.filter(action=action, actor__isnull=False).order_by("id"))


@pytest.fixture
def people():
    return {
        "maker": staff(CREDIT_MANAGER),
        "checker": staff(COLLECTIONS_MANAGER),
        "target": staff(COLLECTOR),
    }


def test_a_proposal_changes_nothing_and_its_approval_by_another_applies_it(people):
    maker, checker, target = people["maker"], people["checker"], people["target"]
    change = role_change_propose(
        acting_user=maker, user=target, roles=[COLLECTOR, AUDITOR], reason="Covers audit"
    )
    assert roles_of(target) == [COLLECTOR]
    assert (change.roles_before, change.roles, change.status) == (
        [COLLECTOR],
        [AUDITOR, COLLECTOR],
        "proposed",
    )
    [proposed] = events("role_change.proposed")
    assert (proposed.actor, proposed.target_id) == (maker, str(target.pk))
    assert proposed.after == {
        "proposal": change.pk,
        "roles": [AUDITOR, COLLECTOR],
        "reason": "Covers audit",
    }
    assert events("role.changed") == []

    role_change_approve(acting_user=checker, change=change, note="ok")
    assert roles_of(target) == [AUDITOR, COLLECTOR]
    change = RoleChange.objects.get(pk=change.pk)
    assert (change.status, change.decided_by, change.decision_note) == ("approved", checker, "ok")
    [changed] = events("role.changed")
    assert changed.actor == checker
    assert changed.before == {"roles": [COLLECTOR], "is_staff": True}
    assert changed.after["roles"] == [AUDITOR, COLLECTOR]
    assert (changed.after["proposal"], changed.after["proposed_by"]) == (change.pk, maker.pk)
    [approved] = events("role_change.approved")
    assert approved.actor == checker and approved.after["proposed_by"] == maker.pk


def test_the_proposer_can_never_decide_their_own_proposal(people):
    maker, target = people["maker"], people["target"]
    change = role_change_propose(acting_user=maker, user=target, roles=[LOAN_OFFICER], reason="x")
    with pytest.raises(DomainError) as refused:
        role_change_approve(acting_user=maker, change=change)
    assert refused.value.code == "maker_checker"
    with pytest.raises(DomainError):
        role_change_reject(acting_user=maker, change=change, note="no")
    assert roles_of(target) == [COLLECTOR]
    assert RoleChange.objects.get(pk=change.pk).status == "proposed"
    assert events("role.changed") == []
    assert [e.outcome for e in events("role_change.approve_refused")] == ["denied"]
    assert len(events("role_change.reject_refused")) == 1


def test_a_superuser_proposer_needs_another_person_too(people):
    root = UserFactory(is_superuser=True, is_staff=True)
    change = role_change_propose(
        acting_user=root, user=people["target"], roles=[LOAN_OFFICER], reason="moved desks"
    )
    with pytest.raises(DomainError):
        role_change_approve(acting_user=root, change=change)
    role_change_approve(acting_user=people["checker"], change=change)
    assert roles_of(people["target"]) == [LOAN_OFFICER]


def test_a_rejection_applies_nothing(people):
    change = role_change_propose(
        acting_user=people["maker"], user=people["target"], roles=[], reason="leaving"
    )
    with pytest.raises(DomainError) as refused:
        role_change_reject(acting_user=people["checker"], change=change, note="  ")
    assert refused.value.errors == {"note": ["Say why the change is rejected."]}
    role_change_reject(acting_user=people["checker"], change=change, note="still on the team")
    assert roles_of(people["target"]) == [COLLECTOR]
    assert User.objects.get(pk=people["target"].pk).is_staff
    change = RoleChange.objects.get(pk=change.pk)
    assert change.status == "rejected" and change.decision_note == "still on the team"
    assert events("role.changed") == []
    [rejected] = events("role_change.rejected")
    assert rejected.actor == people["checker"] and rejected.after["roles"] == []
    # Decided once: neither decision is possible again.
    with pytest.raises(DomainError) as again:
        role_change_approve(acting_user=staff(CREDIT_MANAGER), change=change)
    assert again.value.code == "invalid_state"
    assert roles_of(people["target"]) == [COLLECTOR]


def test_refused_proposals_write_only_their_refusal(people):
    maker, target = people["maker"], people["target"]
    refusals = [
        (staff(LOAN_OFFICER), target, [AUDITOR], "x"),  # no permission
        (maker, maker, [AUDITOR, CREDIT_MANAGER], "x"),  # own roles
        (maker, borrower(), [LOAN_OFFICER], "x"),  # a borrower's account
        (maker, target, [BORROWER], "x"),  # not a staff role
        (maker, target, [COLLECTOR], "x"),  # nothing changes
        (maker, target, [AUDITOR], "  "),  # no reason
        (maker, UserFactory(is_superuser=True, is_staff=True), [AUDITOR], "x"),  # superuser
    ]
    for acting, user, roles, reason in refusals:
        with pytest.raises(DomainError):
            role_change_propose(acting_user=acting, user=user, roles=roles, reason=reason)
    assert RoleChange.objects.count() == 0
    assert events("role_change.proposed") == []
    assert len(events("role_change.propose_refused")) == len(refusals)
    # One open proposal per account.
    role_change_propose(acting_user=maker, user=target, roles=[AUDITOR], reason="a")
    with pytest.raises(DomainError) as twice:
        role_change_propose(acting_user=staff(CREDIT_MANAGER), user=target, roles=[], reason="b")
    assert twice.value.code == "invalid_state"
    assert RoleChange.objects.count() == 1


def test_nobody_approves_a_change_of_their_own_roles(people):
    other = staff(CREDIT_MANAGER)
    change = role_change_propose(
        acting_user=people["maker"], user=other, roles=[CREDIT_MANAGER, AUDITOR], reason="x"
    )
    with pytest.raises(DomainError):
        role_change_approve(acting_user=other, change=change)
    assert roles_of(other) == [CREDIT_MANAGER]


def test_a_new_work_account_gets_its_first_role_the_same_way(people):
    newcomer = UserFactory()
    change = role_change_propose(
        acting_user=people["maker"], user=newcomer, roles=[LOAN_OFFICER], reason="joined"
    )
    role_change_approve(acting_user=people["checker"], change=change)
    newcomer.refresh_from_db()
    assert roles_of(newcomer) == [LOAN_OFFICER] and newcomer.is_staff


# --- the account's page -------------------------------------------------------------------


def test_propose_then_confirm_and_approve_from_the_accounts_page(people):
    maker, checker, target = people["maker"], people["checker"], people["target"]
    page_url = reverse("admin:accounts_user_change", args=[target.pk])
    as_maker = Client()
    as_maker.force_login(maker)
    html = as_maker.get(page_url).content.decode()
    assert "Propose the account&#x27;s roles" in html or "Propose the account's roles" in html
    assert 'name="roles"' in html
    response = as_maker.post(
        reverse("admin:accounts_user_role_propose", args=[target.pk]),
        {"roles": [COLLECTOR, AUDITOR], "reason": "Covers audit"},
    )
    assert response.status_code == 302
    change = RoleChange.objects.get()
    html = as_maker.get(page_url).content.decode()
    assert "Awaiting approval" in html and "You proposed it" in html
    assert "Approve…" not in html

    as_checker = Client()
    as_checker.force_login(checker)
    html = as_checker.get(page_url).content.decode()
    assert "Approve…" in html and "Covers audit" in html
    decide = reverse("admin:accounts_user_role_decide", args=[change.pk, "approve"])
    confirm = as_checker.get(decide)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Adds" in body and "auditor" in body and "Covers audit" in body
    assert roles_of(target) == [COLLECTOR]  # the confirmation page changed nothing
    as_checker.post(decide, {"note": ""})
    assert roles_of(target) == [AUDITOR, COLLECTOR]
    # The maker's attempt at their own proposal is refused on the page as well.
    change2 = role_change_propose(acting_user=maker, user=target, roles=[AUDITOR], reason="y")
    own = reverse("admin:accounts_user_role_decide", args=[change2.pk, "approve"])
    assert "another manager must approve it" in as_maker.get(own).content.decode()
    as_maker.post(own)
    assert roles_of(target) == [AUDITOR, COLLECTOR]


def test_officers_without_the_permission_see_no_form_and_are_refused(people):
    officer = staff(LOAN_OFFICER)
    client = Client()
    client.force_login(officer)
    html = client.get(reverse("admin:accounts_user_change", args=[people["target"].pk]))
    assert 'name="roles"' not in html.content.decode()
    client.post(
        reverse("admin:accounts_user_role_propose", args=[people["target"].pk]),
        {"roles": [AUDITOR], "reason": "x"},
    )
    assert RoleChange.objects.count() == 0
    change = role_change_propose(
        acting_user=people["maker"], user=people["target"], roles=[AUDITOR], reason="x"
    )
    decide = reverse("admin:accounts_user_role_decide", args=[change.pk, "approve"])
    assert client.post(decide).status_code == 403
    assert roles_of(people["target"]) == [COLLECTOR]
