"""Data check: staff accounts that act as borrowers (accounts.duties), left from before the
rule. Lists each such account with its borrower profile, KYC documents, applications and
loans; exit 0 and one line when there are none, exit 1 when it lists some.
docs/operations.md ("Staff who are also borrowers") says what to do about them."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Count, Q

from accounts.roles import STAFF_ROLES
from loans.models import Loan, LoanApplication


class Command(BaseCommand):
    help = "List staff accounts that hold a borrower profile, applications or loans."

    def handle(self, *args, **options):
        staff = Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=STAFF_ROLES)
        borrowing = (
            Q(profile__isnull=False)
            | Q(pk__in=LoanApplication.objects.values("borrower_id"))
            | Q(pk__in=Loan.objects.values("borrower_id"))
        )
        users = (
            get_user_model()
            .objects.filter(staff)
            .filter(borrowing)
            .distinct()
            .annotate(documents=Count("profile__documents", distinct=True))
            .select_related("profile")
            .prefetch_related("groups")
            .order_by("pk")
        )
        found = list(users)
        if not found:
            self.stdout.write("No staff account acts as a borrower.")
            return
        self.stdout.write(f"{len(found)} staff account(s) act as borrowers:")
        for user in found:
            roles = ", ".join(user.roles) or ("superuser" if user.is_superuser else "staff")
            apps = list(LoanApplication.objects.filter(borrower=user).values_list("pk", "status"))
            loans = list(Loan.objects.filter(borrower=user).values_list("pk", "status"))
            profile = getattr(user, "profile", None)
            self.stdout.write(f"user {user.pk} {user.email} ({roles})")
            self.stdout.write(
                f"  borrower profile: {'#' + str(profile.pk) if profile else 'none'}; "
                f"KYC documents: {user.documents}"
            )
            self.stdout.write(
                "  applications: " + (", ".join(f"#{pk} {status}" for pk, status in apps) or "none")
            )
            self.stdout.write(
                "  loans: " + (", ".join(f"#{pk} {status}" for pk, status in loans) or "none")
            )
        sys.exit(1)
