"""ExtraPageMixin (accounts/admin/common.py): the extra console page behind a permission and
a recent re-authentication, on a throwaway admin; then the three pages built on it
(a loan's security, proposals, the CKYC number) answer as they did before."""

import time
from urllib.parse import quote

import pytest
from django import forms
from django.contrib.admin import AdminSite
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.urls import reverse

from accounts.admin import ExtraPageMixin
from accounts.models import BankAccount
from accounts.roles import AUDITOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import BorrowerProfileFactory, staff
from accounts.twofactor.policy import REAUTH_SESSION_KEY
from accounts.twofactor.testing import mark_session_verified
from lendingsite.admin import ReadOnlyAdmin
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db
PERM = "accounts.view_auditevent"  # auditors hold it; loan officers do not
calls: list[tuple[str, int]] = []


class NoteForm(forms.Form):
    note = forms.CharField()


class NotePage(ExtraPageMixin, ReadOnlyAdmin):
    page_path = "note/<int:n>/"
    page_name = "accounts_bankaccount_note"
    page_perm = PERM
    page_flag = "can_note"
    page_template = "admin/repayments/service_form.html"

    def has_view_permission(self, request, obj=None):
        return True

    def page(self, request, n: int):
        calls.append((request.method, n))
        form = NoteForm(request.POST or None)

        def submit():
            if not request.user.has_perm(PERM):  # the service's own refusal
                raise DomainError("permission_denied", "You may not write notes.")
            return HttpResponseRedirect("/done/")

        done = self.page_submitted(request, [form], submit)
        return done if done is not None else self.page_render(request, title="Note", form=form)


class RefusingPage(NotePage):
    page_refusal = "Only auditors write notes."
    page_reauth = False


class NoReauthPage(NotePage):
    page_reauth = False


def call(admin_class, user, *, data=None, reauth=True, view="accounts_bankaccount_note"):
    """The page's view as the URL it registered serves it (admin_view included), on a
    bare request; the response comes back unrendered, its context readable."""
    factory = RequestFactory()
    request = factory.post("/page/", data) if data is not None else factory.get("/page/")
    request._dont_enforce_csrf_checks = True
    request.user = user
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    if reauth:
        request.session[REAUTH_SESSION_KEY] = time.time()
    model_admin = admin_class(BankAccount, AdminSite())
    urls = {url.name: url for url in model_admin.get_urls()}
    kwargs = {"n": 7} if view == "accounts_bankaccount_note" else {}
    return request, urls[view].callback(request, **kwargs)


@pytest.fixture(autouse=True)
def _no_calls():
    calls.clear()


def test_the_change_list_flag_follows_the_permission():
    _, listing = call(NotePage, staff(AUDITOR), view="accounts_bankaccount_changelist")
    assert listing.context_data["can_note"] is True
    _, listing = call(NotePage, staff(LOAN_OFFICER), view="accounts_bankaccount_changelist")
    assert listing.context_data["can_note"] is False


def test_with_a_refusal_no_permission_is_sent_to_the_index_with_it():
    request, answer = call(RefusingPage, staff(LOAN_OFFICER), data={"note": "x"})
    assert answer.status_code == 302 and answer["Location"] == reverse("admin:index")
    assert [str(m) for m in get_messages(request)] == ["Only auditors write notes."]
    assert calls == []


def test_without_a_refusal_the_page_shows_and_the_service_refuses():
    officer = staff(LOAN_OFFICER)
    _, shown = call(NotePage, officer)
    assert shown.status_code == 200 and calls == [("GET", 7)]
    assert shown.template_name == "admin/repayments/service_form.html"
    _, refused = call(NotePage, officer, data={"note": "x"})
    assert refused.status_code == 200
    assert refused.context_data["form"].non_field_errors() == ["You may not write notes."]


def test_with_the_permission_the_submit_goes_through():
    auditor = staff(AUDITOR)
    _, invalid = call(RefusingPage, auditor, data={"note": ""})
    assert invalid.status_code == 200 and "note" in invalid.context_data["form"].errors
    _, done = call(RefusingPage, auditor, data={"note": "x"})
    assert done.status_code == 302 and done["Location"] == "/done/"


def test_without_a_recent_reauthentication_staff_are_sent_to_reauthenticate():
    auditor = staff(AUDITOR)
    _, answer = call(NotePage, auditor, reauth=False)
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('twofactor:reauth')}?next={quote('/page/')}"
    assert calls == []
    assert call(NoReauthPage, auditor, reauth=False)[1].status_code == 200
    assert call(NotePage, auditor)[1].status_code == 200


# The three pages on the mixin, by URL name: who has no flag, and who has not re-authenticated.
RECORD, PROPOSE = "admin:accounting_loancollateral_record", "admin:loans_proposal_propose"


@pytest.mark.parametrize(
    ("name", "role", "status"),
    [(RECORD, FINANCE, 200), (PROPOSE, FINANCE, 200), ("ckyc", FINANCE, 302)],
)
def test_the_pages_answer_who_lacks_the_flag_as_before(client, name, role, status):
    profile = BorrowerProfileFactory()
    url = reverse("admin:bureau_ckycrecord_set", args=[profile.pk]) if name == "ckyc" else None
    client.force_login(staff(role))
    answer = client.get(url or reverse(name))
    assert answer.status_code == status
    if status == 302:
        assert answer["Location"] == reverse("admin:index")


@pytest.mark.real_second_factor
@pytest.mark.parametrize(("name", "asks"), [(RECORD, True), (PROPOSE, True), ("ckyc", False)])
def test_the_pages_ask_for_a_reauthentication_as_before(client, name, asks):
    officer = staff(CREDIT_MANAGER) if name != "ckyc" else staff(LOAN_OFFICER)
    profile = BorrowerProfileFactory()
    url = reverse("admin:bureau_ckycrecord_set", args=[profile.pk]) if name == "ckyc" else None
    url = url or reverse(name)
    client.force_login(officer)
    mark_session_verified(client, officer, reauth=False)
    answer = client.get(url)
    if asks:
        assert answer.status_code == 302
        assert answer["Location"] == f"{reverse('twofactor:reauth')}?next={quote(url)}"
    else:
        assert answer.status_code == 200
