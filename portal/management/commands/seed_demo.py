"""Demo data: one login per role, then each app's demo (products, borrowers and loans,
payment histories, collections). Idempotent: a second run resets the demo passwords and
changes nothing else. In portal because it drives every app, and only the top layer may."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounting.demo import accounting_demo_seed
from accounts.models import BorrowerProfile, User
from accounts.roles import ALL_ROLES, BORROWER, STAFF_ROLES
from bureau.demo import bureau_demo_seed
from collection.demo import collection_demo_seed
from loans.demo import loans_demo_seed
from mandates.demo import mandates_demo_seed
from messaging.demo import messaging_demo_seed
from reconciliation.demo import reconciliation_demo_seed
from referrals.demo import referrals_demo_seed
from repayments.demo import repayments_demo_seed

DEMO_DOMAIN = "demo.lendingsite.example"
SHOWCASE_BORROWER = "vikram"
SHOWCASE_NOTE = (
    "(loans: one current and in cooling-off, one overdue, one closed; an offer to accept)"
)


def demo_password(role: str) -> str:
    # Fixed and printed on purpose: this is demo data, refused in production below.
    return f"demo-{role.replace('_', '-')}-2026"


class Command(BaseCommand):
    help = "Create demo users for every role (and later: products, borrowers, loans)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production")
        logins = self._seed_users()
        # In layer order: loans on the users, payments on the loans, then day-ends on those.
        self.stdout.write(
            loans_demo_seed(domain=DEMO_DOMAIN, borrower_password=demo_password(BORROWER))
        )
        self.stdout.write(repayments_demo_seed(domain=DEMO_DOMAIN))
        self.stdout.write(
            collection_demo_seed(domain=DEMO_DOMAIN, collector_password=demo_password("collector"))
        )
        self.stdout.write(messaging_demo_seed(domain=DEMO_DOMAIN))
        self.stdout.write(referrals_demo_seed(domain=DEMO_DOMAIN))
        # The money rails (issue 17), before the books' close so that close includes them.
        self.stdout.write(mandates_demo_seed(domain=DEMO_DOMAIN))
        self.stdout.write(reconciliation_demo_seed(domain=DEMO_DOMAIN))
        self.stdout.write(bureau_demo_seed(domain=DEMO_DOMAIN))
        self.stdout.write(accounting_demo_seed())  # after the day-ends: the books' close
        self.stdout.write("")
        self.stdout.write("Demo logins (email / password):")
        for role, email, password in logins:
            if role == BORROWER:
                # The borrower to try first is the one with loans in every state (loans.demo);
                # the bare borrower account is for starting from nothing.
                self.stdout.write(
                    f"  {role:<20} {SHOWCASE_BORROWER + '@' + DEMO_DOMAIN:<45} {password}"
                )
                self.stdout.write(f"  {'':<20} {SHOWCASE_NOTE}")
                role = "new borrower"
            self.stdout.write(f"  {role:<20} {email:<45} {password}")
        from accounts.twofactor.demo import twofactor_demo_seed  # staff sign in with a code

        staff_users = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_staff=True)
        self.stdout.write(twofactor_demo_seed(users=staff_users.order_by("email")))

    @transaction.atomic
    def _seed_users(self):
        logins = []
        admin, _ = User.objects.get_or_create(
            email=f"admin@{DEMO_DOMAIN}",
            defaults={"full_name": "Demo Superuser", "is_staff": True, "is_superuser": True},
        )
        admin.set_password(demo_password("admin"))
        admin.email_verified_at = admin.email_verified_at or timezone.now()
        admin.save()
        logins.append(("superuser", admin.email, demo_password("admin")))
        for role in ALL_ROLES:
            user, _ = User.objects.get_or_create(
                email=f"{role.replace('_', '.')}@{DEMO_DOMAIN}",
                defaults={"full_name": f"Demo {role.replace('_', ' ').title()}"},
            )
            user.set_password(demo_password(role))
            user.is_staff = role in STAFF_ROLES
            user.email_verified_at = user.email_verified_at or timezone.now()
            user.save()
            user.groups.add(Group.objects.get(name=role))
            if role == BORROWER:
                BorrowerProfile.objects.get_or_create(
                    user=user,
                    defaults={"full_name": user.full_name, "phone": "+919876543210"},
                )
            logins.append((role, user.email, demo_password(role)))
        return logins
