"""The borrower's bank account page and the console's bank account pages: adding and
changing the account, refusals in plain words, the number never shown whole, confirmation
before a verification, and query counts."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from accounts.bank_verifiers import SandboxVerifier
from accounts.models import BankAccount, BankAccountStatus
from accounts.roles import LOAN_OFFICER
from accounts.tests.factories import BankAccountFactory, BorrowerProfileFactory, staff

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:bank_account")
CONSOLE = reverse("admin:accounts_bankaccount_changelist")
NUMBER = "50100123456789"


def _form(**fields) -> dict:
    return {
        "holder_name": "Priya Sharma",
        "account_number": NUMBER,
        "account_number_again": NUMBER,
        "ifsc": "hdfc0000184",
        **fields,
    }


def _no_inline_code(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert " style=" not in html and "<style" not in html, "inline style"


def test_the_borrower_adds_the_account_and_sees_it_masked(client):
    profile = BorrowerProfileFactory(full_name="Priya Sharma")
    client.force_login(profile.user)
    page = client.get(PAGE)
    assert page.status_code == 200 and "You have not added an account yet" in page.content.decode()
    response = client.post(PAGE, _form(), follow=True)
    html = response.content.decode()
    assert "Your bank account is verified: your loan will be paid into it." in html
    assert "XXXXXXXX6789" in html and NUMBER not in html
    assert "HDFC BANK, BANGALORE - INDIRA NAGAR (HDFC0000184)" in html
    _no_inline_code(html)
    assert BankAccount.objects.get(profile=profile).status == BankAccountStatus.VERIFIED


def test_refusals_come_back_on_the_form(client):
    profile = BorrowerProfileFactory()
    client.force_login(profile.user)
    html = client.post(PAGE, _form(account_number_again="50100123456780")).content.decode()
    assert "The two account numbers differ." in html
    html = client.post(PAGE, _form(ifsc="ABCD0123456")).content.decode()
    assert "ABCD0123456 is not in our bank branch directory; check the code." in html
    assert not BankAccount.objects.exists()


def test_a_failed_check_says_why(client):
    profile = BorrowerProfileFactory(full_name="Priya Sharma")
    client.force_login(profile.user)
    number = SandboxVerifier.OTHER_NAME_ACCOUNT
    html = client.post(
        PAGE, _form(account_number=number, account_number_again=number), follow=True
    ).content.decode()
    assert "We could not verify this account" in html and "ANOTHER PERSON" in html


def test_without_a_profile_the_page_asks_for_it_first(client):
    user = staff(LOAN_OFFICER)
    client.force_login(user)
    assert "fill in your personal details" in client.get(PAGE).content.decode()
    html = client.post(PAGE, _form()).content.decode()
    assert "Fill in your personal details first" in html
    assert not BankAccount.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    profile = BorrowerProfileFactory()
    for _ in range(5):
        BankAccountFactory(profile=profile, replaced_at=timezone.now())
    BankAccountFactory(profile=profile)
    client.force_login(profile.user)
    with django_assert_max_num_queries(8):
        html = client.get(PAGE).content.decode()
    assert html.count("replaced on") == 5


# --- console ---------------------------------------------------------------------------------


def test_console_list_and_verify_action_confirm_first(client, django_assert_max_num_queries):
    account = BankAccountFactory(account_number=SandboxVerifier.INVALID_ACCOUNT)
    for _ in range(5):
        BankAccountFactory()
    client.force_login(staff(LOAN_OFFICER))
    with django_assert_max_num_queries(12):
        listing = client.get(CONSOLE)
    assert listing.status_code == 200 and "XXXXXXXX2333" in listing.content.decode()
    assert SandboxVerifier.INVALID_ACCOUNT not in listing.content.decode()

    data = {"action": "verify_selected", ACTION_CHECKBOX_NAME: [account.pk]}
    page = client.post(CONSOLE, data)
    assert page.status_code == 200 and "Verify 1 account" in page.content.decode()
    assert BankAccount.objects.get(pk=account.pk).status == BankAccountStatus.PENDING
    done = client.post(
        CONSOLE,
        {
            **data,
            "apply": "1",
            "evidence": "cancelled_cheque",
            "name_seen": account.profile.full_name,
        },
        follow=True,
    )
    assert "Checked 1 bank account." in [str(m) for m in done.context["messages"]]
    assert BankAccount.objects.get(pk=account.pk).status == BankAccountStatus.VERIFIED


def test_the_profile_page_in_the_console_lists_the_accounts(client):
    account = BankAccountFactory()
    client.force_login(staff(LOAN_OFFICER))
    url = reverse("admin:accounts_borrowerprofile_change", args=[account.profile.pk])
    html = client.get(url).content.decode()
    assert "bank accounts for payouts" in html.lower() and account.masked_number in html
