import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import crypto
from accounts.models import BankAccount, BankAccountStatus, BorrowerProfile, User
from accounts.roles import BORROWER, STAFF_ROLES

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.in")
    full_name = factory.Faker("name", locale="en_IN")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))
            if set(extracted) & STAFF_ROLES:
                self.is_staff = True
        self.save()


class BorrowerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BorrowerProfile

    user = factory.SubFactory(UserFactory, roles=[BORROWER])
    full_name = factory.SelfAttribute("user.full_name")
    phone = factory.Sequence(lambda n: f"+9198{n:08d}")
    pan = factory.Sequence(lambda n: f"ABCDE{n % 10000:04d}F")
    address = "12 MG Road, Bengaluru 560001"
    employment_type = "salaried"
    employer = "Acme Pvt Ltd"
    monthly_income = "85000.00"


def borrower(**kwargs) -> User:
    return BorrowerProfileFactory(**kwargs).user


def staff(role: str, **kwargs) -> User:
    return UserFactory(roles=[role], **kwargs)


class BankAccountFactory(factory.django.DjangoModelFactory):
    """A payout account at a branch of the shipped IFSC sample, pending unless told."""

    class Meta:
        model = BankAccount

    profile = factory.SubFactory(BorrowerProfileFactory)
    holder_name = factory.SelfAttribute("profile.full_name")
    account_number = factory.Sequence(lambda n: f"5010{n:08d}")
    account_number_hash = factory.LazyAttribute(lambda o: crypto.keyed_hash(o.account_number))
    last4 = factory.LazyAttribute(lambda o: o.account_number[-4:])
    ifsc = "HDFC0000060"
    bank_name = "HDFC BANK"
    branch = "FORT"
    added_by = factory.SelfAttribute("profile.user")


def verified_bank_account(profile: BorrowerProfile, **kwargs) -> BankAccount:
    """A verified current account (as the sandbox check leaves it), written directly:
    tests of other things need a borrower who can be paid."""
    return BankAccountFactory(
        profile=profile,
        status=BankAccountStatus.VERIFIED,
        name_at_bank=profile.full_name.upper(),
        verification_method="sandbox",
        verified_at=timezone.now(),
        **kwargs,
    )
