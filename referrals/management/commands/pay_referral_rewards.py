"""Run the referral rewards batch by hand: evaluate pending rewards, then pay earned ones.
Safe to run again for the same date: nothing is paid twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from lendingsite.dates import today_ist
from referrals.services.payouts import referral_rewards_pay
from referrals.services.rewards import referral_rewards_evaluate


class Command(BaseCommand):
    help = "Evaluate pending referral rewards and pay earned ones for a business date."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="business date YYYY-MM-DD (default: today in IST)")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else today_ist()
        except ValueError:
            raise CommandError(f"Not a date: {options['date']!r} (use YYYY-MM-DD).") from None
        evaluated = referral_rewards_evaluate(business_date=day)
        paid = referral_rewards_pay(business_date=day)
        self.stdout.write(
            f"{day:%Y-%m-%d}: {evaluated['earned']} earned, {evaluated['flagged']} flagged for "
            f"review, {evaluated['waiting']} still pending; {paid['paid']} paid, "
            f"{paid['waiting']} earned but with nowhere to pay, {paid['failed']} failed."
        )
