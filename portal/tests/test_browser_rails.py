"""The money rails in a real browser (Playwright, Debian's chromium), each role at 1280 and
390 pixels (test-artifacts/rails-*.png), no horizontal overflow on the borrower's pages:

- a borrower sets up auto-debit, approves it on the sandbox bank's page, sees it active
  with its UMRN and cancels it;
- a collections manager pauses and resumes a mandate in the console;
- finance works the reconciliation queue: one officer assigns a credit, the same officer
  may not approve it, a second finance officer approves it and it is posted;
- a loan officer opens a bureau file's validation errors, follows the link to enter the
  missing CKYC number, and downloads the file.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import COLLECTIONS_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import PASSWORD, staff
from accounts.twofactor.management.commands.totp_code import current_code
from accounts.twofactor.testing import enrolled_device
from bureau.models import BureauExport, CkycRecord
from bureau.services import bureau_export_create
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan, kyc_verified_borrower, pending_loan
from mandates.models import Mandate, MandateStatus
from mandates.tests.factories import active_mandate, ensure_verified_account
from reconciliation.models import LineStatus, StatementLine
from reconciliation.services.statements import statement_import
from repayments.models import Payment

pytest_plugins = ["portal.tests.browser_support"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def overflows(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    )


def shots(t, name: str, *, check_overflow: bool = True) -> None:
    """Screenshot the current page at both widths (and say if it overflows sideways)."""
    for width in WIDTHS:
        t.page.set_viewport_size({"width": width, "height": 900})
        t.shot(f"rails-{name}-{width}")
        if check_overflow:
            assert not overflows(t.page), f"{name} overflows at {width} px"
    t.page.set_viewport_size({"width": 1280, "height": 900})


def sign_in_staff(t, user) -> None:
    t.login(user.email, PASSWORD)
    if "/2fa/verify" in t.page.url:
        t.page.fill("#id_code", current_code(enrolled_device(user)))
        t.page.click("button:has-text('Continue')")
        t.page.wait_for_load_state()


def confirm_if_asked(t, user) -> bool:
    """The re-authentication page before a money action, when the sign-in is not fresh."""
    if "/reauth" not in t.page.url:
        return False
    t.page.fill("#id_password", PASSWORD)
    # The sign-in used this step's code and a code is good once: the next step's (within
    # the device's tolerance) confirms.
    t.page.fill("#id_code", current_code(enrolled_device(user), steps_ahead=1))
    t.page.click("button:has-text('Confirm')")
    t.page.wait_for_load_state()
    return True


def run_action(t, changelist: str, pk: int, action: str) -> None:
    t.go(changelist)
    t.page.check(f"input[name=_selected_action][value='{pk}']")
    t.page.select_option("select[name=action]", action)
    t.page.click("button[name=index]")
    t.page.wait_for_load_state()


def test_a_borrower_sets_up_approves_and_cancels_auto_debit(tab):
    loan = pending_loan()
    ensure_verified_account(loan)
    t = tab(viewport={"width": 1280, "height": 900})
    t.login(loan.borrower.email, PASSWORD)
    t.go(reverse("borrower:loan", args=[loan.pk]))
    shots(t, "borrower-loan-before")
    t.page.click("button:has-text('Pay installments by auto-debit')")
    t.page.wait_for_load_state()
    assert "/sandbox-bank/mandates/" in t.page.url
    shots(t, "borrower-sandbox-bank")
    t.page.click("button:has-text('Approve the mandate')")
    t.page.wait_for_load_state()
    mandate = Mandate.objects.get(loan=loan)
    assert mandate.status == MandateStatus.ACTIVE
    assert t.page.is_visible(f"text=UMRN {mandate.umrn}")
    assert t.page.is_visible("text=Active")
    shots(t, "borrower-loan-active")
    t.page.click("button:has-text('Cancel the auto-debit')")
    t.page.wait_for_load_state()
    assert t.page.is_visible("text=Your auto-debit is cancelled")
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.CANCELLED
    assert not t.csp_violations()


def test_a_collections_manager_pauses_and_resumes(tab):
    mandate = active_mandate()
    manager = staff(COLLECTIONS_MANAGER)
    enrolled_device(manager)
    t = tab(viewport={"width": 1280, "height": 900})
    sign_in_staff(t, manager)
    changelist = reverse("admin:mandates_mandate_changelist")
    run_action(t, changelist, mandate.pk, "pause_moratorium")
    assert t.page.is_visible("text=Paused 1 mandate")
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.PAUSED
    shots(t, "collections-manager-mandates", check_overflow=False)
    run_action(t, changelist, mandate.pk, "resume")
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.ACTIVE
    t.go(reverse("admin:mandates_mandate_change", args=[mandate.pk]))
    shots(t, "collections-manager-mandate", check_overflow=False)


def test_finance_works_the_queue_with_maker_checker(tab):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=10))
    maker, checker = staff(FINANCE), staff(FINANCE)
    day = (today_ist() - timedelta(days=1)).strftime("%d/%m/%Y")
    text = (
        "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance\n"
        f'{day},{day},UPI/633901227781/RAVI KUMAR/EMI,633901227781,,"1,200.00",\n'
    )
    statement_import(
        acting_user=maker,
        file=SimpleUploadedFile("s.csv", text.encode(), content_type="text/csv"),
        file_name="s.csv",
    )
    line = StatementLine.objects.get(status=LineStatus.QUEUED)
    changelist = reverse("admin:reconciliation_statementline_changelist")

    t = tab(viewport={"width": 1280, "height": 900})
    enrolled_device(maker)
    sign_in_staff(t, maker)
    t.go(changelist)
    shots(t, "finance-queue", check_overflow=False)
    run_action(t, changelist, line.pk, "assign_selected")
    shots(t, "finance-assign", check_overflow=False)
    t.page.fill("#id_loan", str(loan.pk))
    t.page.fill("#id_note", "Named in the narration; the borrower called about it.")
    t.page.click("input[type=submit][value='Assign']")
    t.page.wait_for_load_state()
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED and line.assigned_by == maker
    # The maker's own approval is refused.
    run_action(t, changelist, line.pk, "approve_selected")
    if confirm_if_asked(t, maker):
        run_action(t, changelist, line.pk, "approve_selected")
    assert t.page.is_visible("text=someone else in finance must approve it")
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED and not Payment.objects.exists()

    second = tab(viewport={"width": 1280, "height": 900})
    enrolled_device(checker)
    sign_in_staff(second, checker)
    run_action(second, changelist, line.pk, "approve_selected")
    if confirm_if_asked(second, checker):
        run_action(second, changelist, line.pk, "approve_selected")
    line.refresh_from_db()
    assert line.status == LineStatus.POSTED
    assert Payment.objects.get().loan_id == loan.pk
    shots(second, "finance-approved", check_overflow=False)


def test_an_officer_fixes_a_bureau_validation_error_and_downloads_the_file(tab):
    as_of = today_ist() - timedelta(days=1)
    loaded = kyc_verified_borrower(full_name="Asha Rao", address="12 MG Road, Bengaluru 560001")
    CkycRecord.objects.create(profile=loaded.profile, number="4012345678901")
    active_loan(disbursed_on=as_of - timedelta(days=40), borrower=loaded)
    export = bureau_export_create(acting_user=staff(FINANCE), as_of=as_of)
    assert export.excluded == 1
    officer = staff(LOAN_OFFICER)
    enrolled_device(officer)
    t = tab(viewport={"width": 1280, "height": 900})
    sign_in_staff(t, officer)
    t.go(reverse("admin:bureau_bureauexport_change", args=[export.pk]))
    assert t.page.is_visible("text=The CKYC number must be 14 digits.")
    shots(t, "officer-bureau-export", check_overflow=False)
    with t.page.expect_download() as download:
        t.page.click(f"a:has-text('{export.file_name}')")
    assert download.value.suggested_filename == export.file_name
    assert download.value.path().read_bytes() == export.content.encode()
    t.page.click("a:has-text('Enter the CKYC number')")
    t.page.wait_for_load_state()
    shots(t, "officer-ckyc", check_overflow=False)
    t.page.fill("#id_number", "4012 3456 7890 12")
    t.page.click("input[type=submit][value='Save the CKYC number']")
    t.page.wait_for_load_state()
    assert t.page.url.endswith(reverse("admin:bureau_bureauexport_change", args=[export.pk]))
    assert t.page.is_visible("text=CKYC number recorded for Asha Rao")
    assert CkycRecord.objects.get(profile=loaded.profile).number == "40123456789012"
    assert BureauExport.objects.count() == 1
