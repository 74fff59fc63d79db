"""Demo loans data for `manage.py seed_demo`: three products, eight borrowers with verified
KYC and a verified bank account, applications in every state and loans pending
disbursement and active.

Everything goes through the real services, acting as the seeded staff (the loan officer
makes, the credit manager checks, finance disburses), so the demo holds every rule the
application holds. Active loans are replayed on an earlier business date (approval,
acceptance and disbursement all on that day), so some of their installments are past due.

Idempotent: each scenario is keyed by its application's purpose text and runs all or
nothing; a second run finds every key and changes nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import BorrowerProfile, KycDocType, KycDocument, KycStatus, User
from accounts.roles import BORROWER, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.selectors import bank_account_current
from accounts.services.bank_accounts import bank_account_add
from accounts.services.kyc import kyc_document_upload, kyc_document_verify
from accounts.services.profile import borrower_profile_create
from lendingsite.dates import today_ist
from loans.models import ApplicationStatus, LoanApplication, LoanProduct, LoanStatus
from loans.services import applications as apps
from loans.services.loans import loan_disburse
from loans.services.products import product_create

D = Decimal

PRODUCTS = [
    {
        "code": "personal-loan",
        "name": "Personal loan",
        "description": "Unsecured personal loan, monthly EMI on the declining balance.",
        "min_amount": D("25000.00"),
        "max_amount": D("1500000.00"),
        "min_tenure": 6,
        "max_tenure": 60,
        "min_rate": D("11.0000"),
        "max_rate": D("24.0000"),
        "default_rate": D("14.0000"),
        "processing_fee_percent": D("2.0000"),
        "bounce_charge": D("500.00"),  # per bounced auto-debit installment (mandates.demo)
    },
    {
        "code": "msme-term-loan",
        "name": "MSME term loan",
        "description": "Term loan for small businesses: equal principal after 2 months' grace.",
        "min_amount": D("100000.00"),
        "max_amount": D("5000000.00"),
        "min_tenure": 12,
        "max_tenure": 60,
        "min_rate": D("12.0000"),
        "max_rate": D("20.0000"),
        "default_rate": D("15.0000"),
        "amortization": "equal_principal",
        "grace_on_principal": 2,
        "processing_fee_percent": D("1.0000"),
        "processing_fee_flat": D("1000.00"),
    },
    {
        "code": "consumer-durable",
        "name": "Consumer durable loan",
        "description": "Flat-rate loan for appliances and electronics, EMIs in whole rupees.",
        "min_amount": D("10000.00"),
        "max_amount": D("200000.00"),
        "min_tenure": 3,
        "max_tenure": 24,
        "min_rate": D("12.0000"),
        "max_rate": D("18.0000"),
        "default_rate": D("14.0000"),
        "interest_method": "flat",
        "installment_multiple": "1.00",
        "processing_fee_flat": D("499.00"),
    },
]

# key, full name, date of birth, PAN, phone, employment, employer, monthly income
# fmt: off
BORROWERS = [
    ("priya", "Priya Sharma", date(1991, 4, 12), "BQZPS4821K", "9820011001", "salaried", "Infosys Ltd", "95000"),
    ("rahul", "Rahul Verma", date(1987, 9, 3), "CRVPV7314L", "9820011002", "salaried", "HDFC Bank", "120000"),
    ("ananya", "Ananya Iyer", date(1994, 1, 27), "DAIPI2290M", "9820011003", "self_employed", "Iyer Design Studio", "110000"),
    ("vikram", "Vikram Singh", date(1985, 6, 18), "EVSPS5567N", "9820011004", "salaried", "Tata Motors", "140000"),
    ("meera", "Meera Nair", date(1989, 11, 30), "FMNPN8843P", "9820011005", "business", "Nair Textiles", "260000"),
    ("arjun", "Arjun Reddy", date(1983, 2, 9), "GARPR1176Q", "9820011006", "business", "Reddy Agro Foods", "300000"),
    ("kavita", "Kavita Joshi", date(1990, 8, 22), "HKJPJ6605R", "9820011007", "salaried", "Wipro Ltd", "90000"),
    ("sanjay", "Sanjay Gupta", date(1992, 3, 14), "JSGPG3398S", "9820011008", "salaried", "Reliance Retail", "45000"),
    # Their loans are mandates.demo's (auto-debit): one presented and paid, one bounced.
    ("rohit", "Rohit Menon", date(1988, 7, 5), "KRMPM4471T", "9820011009", "salaried", "Larsen & Toubro", "85000"),
    ("deepa", "Deepa Pillai", date(1993, 12, 1), "LDPPP2286U", "9820011010", "salaried", "Apollo Hospitals", "70000"),
]
# fmt: on
# Branches of the shipped IFSC sample (accounts/data/ifsc_branches.csv), near the borrowers.
DEMO_BRANCHES = ["HDFC0000184", "SBIN0003301", "UTIB0000114", "ICIC0000169", "KKBK0000431"]


@dataclass(frozen=True)
class Scenario:
    purpose: str  # the idempotency key (unique per borrower)
    borrower: str
    product: str
    amount: str
    tenure: int
    target: str  # an application status, or a loan status for accepted offers
    days_ago: int = 0  # the business date the decision steps are replayed on
    existing_emis: str = "0"


# purpose (key), borrower, product, amount, tenure, target, days ago, existing EMIs
# fmt: off
SCENARIOS = [
    Scenario("Demo: wedding expenses", "priya", "personal-loan", "200000", 24, "draft"),
    Scenario("Demo: laptop for work", "priya", "consumer-durable", "60000", 12, "withdrawn"),
    Scenario("Demo: home renovation", "rahul", "personal-loan", "500000", 36, "submitted"),
    Scenario("Demo: studio equipment", "ananya", "personal-loan", "300000", 24, "under_review"),
    Scenario("Demo: travel", "ananya", "personal-loan", "150000", 12, "expired", 20),
    Scenario("Demo: car down payment", "vikram", "personal-loan", "400000", 36, "approved"),
    Scenario("Demo: debt consolidation", "sanjay", "personal-loan", "800000", 36, "rejected", 0, "30000"),
    Scenario("Demo: new looms", "meera", "msme-term-loan", "1500000", 36, "pending_disbursement"),
    Scenario("Demo: cold storage", "arjun", "msme-term-loan", "800000", 36, "active", 130),
    Scenario("Demo: medical bills", "kavita", "personal-loan", "300000", 24, "active", 100),
    Scenario("Demo: refrigerator", "sanjay", "consumer-durable", "60000", 12, "active", 65, "8000"),
    Scenario("Demo: education fees", "vikram", "personal-loan", "250000", 24, "active", 2),
    # The borrower seed_demo prints (vikram) also has a loan overdue (no payment, SMA-0 after
    # the day-ends) and a closed one (foreclosed by repayments/demo.py), beside the loan in
    # cooling-off above and the offer waiting: one login shows every state a borrower sees.
    Scenario("Demo: television", "vikram", "consumer-durable", "40000", 12, "active", 50),
    Scenario("Demo: phone", "vikram", "consumer-durable", "30000", 6, "active", 65),
]
# fmt: on


def _pdf(title: str) -> bytes:
    """A tiny valid PDF naming the document (the KYC upload checks the file's signature)."""
    return (
        b"%PDF-1.4\n% Lendingsite demo document: " + title.encode() + b"\n"
        b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def _staff(domain: str) -> dict[str, User]:
    return {
        role: User.objects.get(email=f"{role.replace('_', '.')}@{domain}")
        for role in (LOAN_OFFICER, CREDIT_MANAGER, FINANCE)
    }


def _products(people: dict[str, User]) -> dict[str, LoanProduct]:
    found = {p.code: p for p in LoanProduct.objects.filter(code__in=[p["code"] for p in PRODUCTS])}
    for terms in PRODUCTS:
        if terms["code"] not in found:
            found[terms["code"]] = product_create(acting_user=people[CREDIT_MANAGER], **terms)
    return found


def _borrower(row, *, domain: str, password: str, people: dict[str, User]) -> User:
    key, name, born, pan, phone, employment, employer, income = row
    user, created = User.objects.get_or_create(
        email=f"{key}@{domain}",
        defaults={"full_name": name, "email_verified_at": timezone.now()},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=BORROWER))
    profile = BorrowerProfile.objects.filter(user=user).first()
    if profile is None:
        profile = borrower_profile_create(
            acting_user=people[LOAN_OFFICER],
            user=user,
            full_name=name,
            phone=phone,
            date_of_birth=born,
            pan=pan,
            address=f"{name.split()[0]}'s home, 4th Cross, Indiranagar, Bengaluru 560038",
            employment_type=employment,
            employer=employer,
            monthly_income=income,
        )
    verified = set(
        KycDocument.objects.filter(profile=profile, status=KycStatus.VERIFIED).values_list(
            "doc_type", flat=True
        )
    )
    for doc_type in (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF):
        if doc_type in verified:
            continue
        # Uploaded by the officer, verified by the credit manager: maker-checker holds.
        document = kyc_document_upload(
            acting_user=people[LOAN_OFFICER],
            profile=profile,
            doc_type=doc_type,
            uploaded_file=SimpleUploadedFile(
                f"{doc_type}.pdf", _pdf(f"{doc_type} of {name}"), "application/pdf"
            ),
        )
        kyc_document_verify(acting_user=people[CREDIT_MANAGER], document=document)
    if bank_account_current(user=user) is None:
        # Added by the borrower; the sandbox verifier checks it against the KYC name.
        index = [b[0] for b in BORROWERS].index(key)
        bank_account_add(
            acting_user=user,
            profile=profile,
            holder_name=name,
            account_number=f"5010{phone[-6:]}{index:02d}",
            ifsc=DEMO_BRANCHES[index % len(DEMO_BRANCHES)],
        )
    return user


def scenario_play(
    sc: Scenario, *, borrower: User, product: LoanProduct, people, today: date
) -> None:
    """Walk one application from draft to the scenario's target through the services."""
    officer, checker = people[LOAN_OFFICER], people[CREDIT_MANAGER]
    day = today - timedelta(days=sc.days_ago)
    profile = borrower.profile
    app = apps.application_create(
        acting_user=officer,
        borrower=borrower,
        product=product,
        amount=D(sc.amount),
        tenure=sc.tenure,
        purpose=sc.purpose,
        monthly_income=profile.monthly_income,
        existing_emis=D(sc.existing_emis),
    )
    if sc.target == ApplicationStatus.DRAFT:
        return
    if sc.target == ApplicationStatus.WITHDRAWN:
        apps.application_withdraw(
            acting_user=borrower, application=app, reason="Bought it on a card offer instead."
        )
        return
    app = apps.application_submit(acting_user=officer, application=app, business_date=day)
    if sc.target == ApplicationStatus.SUBMITTED:
        return
    if app.status == ApplicationStatus.SUBMITTED:  # (with scoring switched off it is already)
        app = apps.application_recommend(
            acting_user=officer, application=app, note="Documents checked; recommend."
        )
    if sc.target == ApplicationStatus.UNDER_REVIEW:
        return
    if sc.target == ApplicationStatus.REJECTED:
        apps.application_reject(
            acting_user=checker,
            application=app,
            reason="Existing EMIs leave too little income for this loan.",
        )
        return
    app = apps.application_approve(acting_user=checker, application=app, business_date=day)
    if sc.target == ApplicationStatus.APPROVED:
        return
    if sc.target == ApplicationStatus.EXPIRED:
        apps.applications_expire(business_date=today)
        return
    loan = apps.application_accept(acting_user=borrower, application=app, business_date=day)
    if sc.target == LoanStatus.PENDING_DISBURSEMENT:
        return
    loan_disburse(
        acting_user=people[FINANCE],
        loan=loan,
        disbursed_on=day,
        reference=f"DEMO{loan.pk:08d}",
        business_date=day,
    )


def loans_demo_seed(*, domain: str, borrower_password: str, today: date | None = None) -> str:
    """Seed what is missing; return the one-line summary seed_demo prints."""
    today = today or today_ist()
    people = _staff(domain)
    with transaction.atomic():
        products = _products(people)
        borrowers = {
            row[0]: _borrower(row, domain=domain, password=borrower_password, people=people)
            for row in BORROWERS
        }
    created = 0
    for sc in SCENARIOS:
        borrower = borrowers[sc.borrower]
        if LoanApplication.objects.filter(borrower=borrower, purpose=sc.purpose).exists():
            continue
        with transaction.atomic():
            scenario_play(
                sc, borrower=borrower, product=products[sc.product], people=people, today=today
            )
        created += 1
    return _summary(borrowers.values(), created)


def _summary(borrowers, created: int) -> str:
    ids = [b.pk for b in borrowers]
    app_counts = dict(
        LoanApplication.objects.filter(borrower_id__in=ids)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    loan_counts = dict(
        LoanApplication.objects.filter(borrower_id__in=ids, loan__isnull=False)
        .values_list("loan__status")
        .annotate(n=Count("id"))
    )
    apps_text = ", ".join(f"{s} {app_counts.get(s, 0)}" for s in ApplicationStatus.values)
    loans_text = ", ".join(f"{s} {n}" for s, n in sorted(loan_counts.items()))
    return (
        f"Loans demo: {len(PRODUCTS)} products, {len(ids)} borrowers, "
        f"applications ({apps_text}), loans ({loans_text}); "
        f"{created} scenario{'s' if created != 1 else ''} created this run; "
        f"borrowers sign in as priya@, rahul@, … with the borrower password."
    )
