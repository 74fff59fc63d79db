"""Demo auto-debit for `manage.py seed_demo` (docs/mandates.md), run after the collection
demo: two borrowers of their own (rohit, deepa; loans/demo.py), each with a loan disbursed
a month and a few days ago, so its first installment fell due DUE_DAYS_AGO days back:

- each registers a mandate on the loan page's service and the sandbox bank approves it by a
  signed callback (the UMRN arrives with it), through the same receiver as a real callback;
- the presentation run of the day before that due date presents both in one batch;
- finance loads the bank's response file: Rohit's debit succeeded (a NACH payment),
  Deepa's bounced with 04 (balance insufficient): the product's bounce charge is levied and
  a re-presentation is scheduled.

Idempotent: the loans are keyed by purpose, a mandate by its loan, the run by its date
(unique), and a result applied twice is a duplicate.
"""

from dataclasses import replace
from datetime import date, timedelta

from django.db import transaction

from accounts.models import User
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from lendingsite.dates import today_ist
from loans.demo import Scenario, scenario_play
from loans.models import Loan, LoanApplication, LoanProduct
from loans.schedule.dates import add_months
from mandates.adapters import sandbox_body, sandbox_sign
from mandates.models import Mandate, Presentation
from mandates.services import mandate_register, presentations_run
from mandates.webhooks import mandate_webhook_receive, response_file_load

DUE_DAYS_AGO = 3
# fmt: off
RAILS = {
    "paid": Scenario("Demo: auto-debit kitchen", "rohit", "personal-loan", "120000", 12, "active"),
    "bounced": Scenario("Demo: auto-debit scooter", "deepa", "personal-loan", "90000", 12, "active"),
}
# fmt: on


def _disbursal_day(today: date) -> date:
    """A day whose first monthly due date is DUE_DAYS_AGO (or, where month ends get in the
    way, a day or two more) before today."""
    for back in range(DUE_DAYS_AGO, DUE_DAYS_AGO + 4):
        due = today - timedelta(days=back)
        if due.day <= 28:
            return add_months(due, -1)
    raise AssertionError("unreachable: four days in a row past the 28th")


def _loan(key: str, *, domain: str, people, today: date) -> Loan:
    sc = RAILS[key]
    borrower = User.objects.get(email=f"{sc.borrower}@{domain}")
    app = LoanApplication.objects.filter(borrower=borrower, purpose=sc.purpose).first()
    if app is None:
        sc = replace(sc, days_ago=(today - _disbursal_day(today)).days)
        with transaction.atomic():
            scenario_play(
                sc,
                borrower=borrower,
                product=LoanProduct.objects.get(code=sc.product),
                people=people,
                today=today,
            )
        app = LoanApplication.objects.get(borrower=borrower, purpose=sc.purpose)
    return Loan.objects.get(application=app)


def _mandate(loan: Loan) -> Mandate:
    mandate = Mandate.objects.filter(loan=loan).first()
    if mandate is None:
        mandate = mandate_register(acting_user=loan.borrower, loan=loan, start_on=loan.disbursed_on)
        body = sandbox_body(
            event="mandate.approved", reference=mandate.reference, umrn=f"SNDBX{mandate.pk:015d}"
        )
        mandate_webhook_receive(adapter="sandbox", headers=sandbox_sign(body), body=body)
        mandate.refresh_from_db()
    return mandate


def mandates_demo_seed(*, domain: str, today: date | None = None) -> str:
    today = today or today_ist()
    people = {
        role: User.objects.get(email=f"{role.replace('_', '.')}@{domain}")
        for role in (LOAN_OFFICER, CREDIT_MANAGER, FINANCE)
    }
    loans = {key: _loan(key, domain=domain, people=people, today=today) for key in RAILS}
    mandates = {key: _mandate(loan) for key, loan in loans.items()}
    first_due = loans["paid"].installments.order_by("number").first().due_date
    if not Presentation.objects.filter(loan__in=loans.values()).exists():
        presentations_run(business_date=first_due - timedelta(days=1), days_before=1)
    found = {p.loan_id: p for p in Presentation.objects.filter(loan__in=loans.values())}
    lines = [
        f"{found[loans['paid'].pk].reference},success,",
        f"{found[loans['bounced'].pk].reference},bounce,04",
    ]
    applied = 0
    if any(p.result_on is None for p in found.values()):  # the file is loaded once
        outcome = response_file_load(
            acting_user=people[FINANCE],
            adapter="sandbox",
            content=("reference,status,reason_code\n" + "\n".join(lines) + "\n").encode(),
            business_date=today,
        )
        applied = outcome["applied"]
    return (
        f"Mandates demo: {sum(m.status == 'active' for m in mandates.values())} active "
        f"mandates (UMRN {mandates['paid'].umrn}); presentation batch of {first_due - timedelta(days=1):%d %b}: "
        f"rohit@ paid by NACH, deepa@ bounced (04, charge levied, presented again); "
        f"{applied} results applied this run."
    )
