"""Setting up and running the servicing state machines (test_invariants' LoanLife and
test_servicing_invariants' DistressLife, and their subclasses in higher layers' tests, such
as accounting's AccrualLife): one loan per (allocation, prepayment) strategy pair in LOANS,
the staff who act, and the hypothesis settings they run under."""

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER, FINANCE
from accounts.tests.factories import staff
from loans.tests.factories import ProductFactory, active_loan
from repayments.tests.test_invariants import LOANS


def distress_life_run(machine, *, steps: int, capitalises: tuple[bool, ...] | None = None):
    """Disburse one six-installment loan per entry of LOANS (with `capitalises`, one flag
    per loan for the product's restructure_capitalises_arrears), give `machine` its poster,
    checker and the two makers of proposals, and run it for 30 examples of `steps` steps."""
    machine.loan_ids = {}
    flags = capitalises if capitalises is not None else (None,) * len(LOANS)
    for capitalise, (key, (allocation, prepayment)) in zip(flags, LOANS.items(), strict=True):
        terms = {"allocation_strategy": allocation, "prepayment_strategy": prepayment}
        if capitalise is not None:
            terms["restructure_capitalises_arrears"] = capitalise
        machine.loan_ids[key] = active_loan(tenure=6, product=ProductFactory(**terms)).pk
    machine.posters = [staff(FINANCE)]
    machine.checker = staff(FINANCE)
    machine.makers = [staff(CREDIT_MANAGER), staff(COLLECTIONS_MANAGER)]
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=30,
            stateful_step_count=steps,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
