"""Demo collections data for `manage.py seed_demo`, run after the loans and payments demos.

1. Four more overdue loans (through loans.demo's scenario player, so through the real
   services), disbursed far enough back that, with no payment, they land in SMA-0, SMA-1,
   SMA-2 and NPA; the loans demo supplies the current ones.
2. A second demo collector, so round-robin assignment has someone to share with.
3. The day-end replayed for each of the last REPLAY_DAYS days (oldest first; the day-end
   opens the cases and assigns them round-robin), with the desk's work done on the days it
   happened: first calls and two promises eight days back, a payment that keeps one of
   them six days back (the other is broken at that day's end), and a fresh call and a
   pending promise two days back.
4. Collector scores for the weeks the replay touched (weeks not scored yet).
5. The distress loans of collection.demo_servicing (played with the overdue ones above),
   then taken through settlement, write-off and recovery, and restructure.

Idempotent: loans are keyed by their application purpose, the day-end is one run per date
(a date already run is a no-op; dates before a later run an operator made are skipped),
and each desk step is keyed by what it leaves behind (a contact, a promise, a UTR).
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from accounts.roles import COLLECTIONS_MANAGER, COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from collection.dayend import day_end_run
from collection.demo_servicing import DISTRESS, servicing_demo_steps
from collection.models import (
    OPEN_CASE_STATUSES,
    CollectionCase,
    CollectorScore,
    ContactLog,
    PromiseToPay,
)
from collection.services.desk import contact_log, promise_record
from collection.services.scoring import collector_scores_compute
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.demo import Scenario, scenario_play
from loans.models import Loan, LoanApplication, LoanProduct, LoanStatus
from repayments.models import Channel, Payment, PaymentSource
from repayments.services.payments import payment_post

IST = ZoneInfo("Asia/Kolkata")
REPLAY_DAYS = 10
BUCKETS = ["current", "SMA-0", "SMA-1", "SMA-2", "NPA"]

# Never paid, so the first installment (a month after disbursement) sets the DPD.
# fmt: off
OVERDUE = {
    "sma0": Scenario("Demo: festival shopping", "priya", "personal-loan", "100000", 12, "active", 50),
    "sma1": Scenario("Demo: shop counter", "meera", "personal-loan", "200000", 24, "active", 75),
    "sma2": Scenario("Demo: two-wheeler", "rahul", "personal-loan", "150000", 18, "active", 110),
    "npa": Scenario("Demo: clinic equipment", "ananya", "personal-loan", "250000", 24, "active", 160),
}
# fmt: on


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=IST)


def _people(domain: str) -> dict[str, User]:
    roles = (LOAN_OFFICER, CREDIT_MANAGER, FINANCE, COLLECTOR, COLLECTIONS_MANAGER)
    return {role: User.objects.get(email=f"{role.replace('_', '.')}@{domain}") for role in roles}


def _second_collector(domain: str, password: str) -> User:
    user, created = User.objects.get_or_create(
        email=f"collector.two@{domain}",
        defaults={
            "full_name": "Demo Collector Two",
            "is_staff": True,
            "email_verified_at": timezone.now(),
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=COLLECTOR))
    return user


def _overdue_loans(people, domain: str, today: date) -> dict:
    loans = {}
    for key, sc in {**OVERDUE, **DISTRESS}.items():
        borrower = User.objects.get(email=f"{sc.borrower}@{domain}")
        app = LoanApplication.objects.filter(borrower=borrower, purpose=sc.purpose).first()
        if app is None:
            with transaction.atomic():
                scenario_play(
                    sc,
                    borrower=borrower,
                    product=LoanProduct.objects.get(code=sc.product),
                    people=people,
                    today=today,
                )
            app = LoanApplication.objects.get(borrower=borrower, purpose=sc.purpose)
        loans[key] = app.loan
    return loans


def _open_case(loan) -> CollectionCase | None:
    return CollectionCase.objects.filter(loan=loan, status__in=OPEN_CASE_STATUSES).first()


def _worker(case: CollectionCase, people) -> User:
    return case.assigned_to or people[COLLECTIONS_MANAGER]


def _call(case, people, day: date, outcome: str, note: str) -> None:
    contact_log(
        acting_user=_worker(case, people),
        case=case,
        channel="call",
        outcome=outcome,
        note=note,
        contacted_at=_at(day, 10, 30),
    )


def _promise(case, people, day: date, amount: str, due: date) -> None:
    promise_record(
        acting_user=_worker(case, people),
        case=case,
        amount=Decimal(amount),
        promised_on=due,
        now=_at(day, 11),
    )


def _first_calls(day: date, loans, people) -> None:
    """Eight days back: calls on the SMA-1, SMA-2 and NPA cases; two promises."""
    if ContactLog.objects.filter(case__loan=loans["sma2"]).exists():
        return
    cases = {key: _open_case(loans[key]) for key in ("sma1", "sma2", "npa")}
    if None in cases.values():
        return  # the day-end did not open them (an operator ran later dates first)
    with transaction.atomic():
        _call(cases["sma1"], people, day, "no_answer", "Rang twice; will try the office number.")
        _call(cases["sma2"], people, day, "promised", "Salary delayed; will pay part this week.")
        _promise(cases["sma2"], people, day, "5000.00", day + timedelta(days=3))
        _call(cases["npa"], people, day, "promised", "Clinic slow this month; promised a part.")
        _promise(cases["npa"], people, day, "10000.00", day + timedelta(days=2))


def _promised_payment(day: date, loans, people) -> None:
    """Six days back: the SMA-2 borrower pays what they promised (the NPA one does not)."""
    loan = loans["sma2"]
    utr = f"DEMOPTP{loan.pk:06d}"
    if (
        Payment.objects.filter(utr=utr).exists()
        or not PromiseToPay.objects.filter(case__loan=loan).exists()
    ):
        return
    payment_post(
        acting_user=people[FINANCE],
        loan=loan,
        amount=Decimal("5000.00"),
        paid_on=day,
        channel=Channel.UPI,
        utr=utr,
        source=PaymentSource.ADMIN,
        business_date=day,
    )


def _latest_call(day: date, loans, people) -> None:
    """Two days back: a first call on the SMA-0 case and a promise still pending."""
    case = _open_case(loans["sma0"])
    if case is None or ContactLog.objects.filter(case=case).exists():
        return
    with transaction.atomic():
        _call(case, people, day, "reached", "Borrower travelling; will pay after Diwali.")
        _promise(case, people, day, "3000.00", day + timedelta(days=5))


# Days back -> the desk's work that day, done before that date's day-end.
DESK_DAYS = {8: _first_calls, 6: _promised_payment, 2: _latest_call}


def collection_demo_seed(*, domain: str, collector_password: str, today: date | None = None) -> str:
    """Seed what is missing; return the one-line summary seed_demo prints."""
    today = today or today_ist()
    people = _people(domain)
    second = _second_collector(domain, collector_password)
    loans = _overdue_loans(people, domain, today)
    ran, skipped = 0, 0
    for back in range(REPLAY_DAYS, 0, -1):
        day = today - timedelta(days=back)
        if back in DESK_DAYS:
            DESK_DAYS[back](day, loans, people)
        try:
            run = day_end_run(business_date=day)
        except DomainError:
            skipped += 1  # a later date was already run by an operator
            continue
        ran += run.outcome != "already_completed"
    replayed = [today - timedelta(days=back) for back in range(1, REPLAY_DAYS + 1)]
    for monday in sorted({day - timedelta(days=day.weekday()) for day in replayed}):
        if not CollectorScore.objects.filter(week_start=monday).exists():
            collector_scores_compute(week_start=monday)
    return f"{_summary(ran, skipped, second)}\n{servicing_demo_steps(loans, people, today)}"


def _summary(ran: int, skipped: int, second: User) -> str:
    buckets = dict(
        Loan.objects.filter(status=LoanStatus.ACTIVE)
        .values_list("bucket")
        .annotate(n=Count("id"))
        .order_by()
    )
    open_cases = CollectionCase.objects.filter(status__in=OPEN_CASE_STATUSES)
    promises = dict(PromiseToPay.objects.values_list("status").annotate(n=Count("id")).order_by())
    return (
        f"Collections demo: {ran} day-end run{'s' if ran != 1 else ''} this seed"
        f"{f' ({skipped} dates skipped: later dates already run)' if skipped else ''}; "
        f"active loans by bucket ({', '.join(f'{b} {buckets.get(b, 0)}' for b in BUCKETS)}); "
        f"{open_cases.count()} open cases, {open_cases.filter(assigned_to__isnull=True).count()} "
        f"unassigned; {ContactLog.objects.count()} contacts; promises ("
        f"{', '.join(f'{s} {promises.get(s, 0)}' for s in ('pending', 'kept', 'broken'))}); "
        f"a second collector signs in as {second.email} with the collector password."
    )
