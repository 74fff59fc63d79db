"""seed_demo shows the money rails (mandates.demo, reconciliation.demo, bureau.demo): an
active mandate with its UMRN, a bounce with its charge and re-presentation, a batch with
results, virtual accounts, a queue with an unmatched, an ambiguous and a proposed credit,
a bureau file with validation errors; a second run changes none of it."""

from io import StringIO

import pytest
from django.core.management import call_command

from bureau.models import BureauExport, BureauIssue, CkycRecord
from loans.models import Loan
from mandates.models import Mandate, MandateStatus, Presentation, PresentationBatch
from reconciliation.models import LineStatus, StatementImport, StatementLine, VirtualAccount
from repayments.models import Charge, Payment

pytestmark = pytest.mark.django_db
DOMAIN = "demo.lendingsite.example"


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def _state() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            Mandate,
            Presentation,
            PresentationBatch,
            Payment,
            Charge,
            StatementImport,
            StatementLine,
            BureauExport,
            BureauIssue,
            CkycRecord,
            VirtualAccount,
        )
    } | {"lines": sorted(StatementLine.objects.values_list("id", "status"))}


def test_seed_demo_shows_the_rails_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()

    paid = Mandate.objects.get(loan__borrower__email=f"rohit@{DOMAIN}")
    assert paid.status == MandateStatus.ACTIVE and paid.umrn.startswith("SNDBX")
    bounced = Presentation.objects.select_related("charge").get(
        loan__borrower__email=f"deepa@{DOMAIN}", attempt=1
    )
    assert (bounced.status, bounced.reason_code) == ("bounced", "04")
    assert bounced.charge is not None and bounced.charge.amount > 0
    again = Presentation.objects.get(loan=bounced.loan, attempt=2)
    assert again.status == "scheduled" and again.scheduled_on > bounced.result_on
    succeeded = Presentation.objects.get(loan__borrower__email=f"rohit@{DOMAIN}")
    assert succeeded.status == "succeeded"
    assert succeeded.payment.channel == "nach" and succeeded.payment.amount == succeeded.amount
    assert succeeded.batch_id == bounced.batch_id

    owing = Loan.objects.filter(status="active")
    assert not owing.filter(virtual_account__isnull=True).exists()

    lines = StatementLine.objects.all()
    queued = {line.reason for line in lines.filter(status=LineStatus.QUEUED)}
    assert queued == {
        "No virtual account or loan reference in the narration.",
        "Ambiguous: it names more than one loan.",
    }
    proposed = lines.get(status=LineStatus.PROPOSED)
    assert proposed.loan.borrower.email == f"deepa@{DOMAIN}"
    assert proposed.assigned_by.email == f"finance@{DOMAIN}"

    export = BureauExport.objects.get()
    fields = set(export.issues.values_list("field", flat=True))
    assert fields == {"ckyc", "pin_code"} and export.excluded == 2
    for word in ("Mandates demo:", "Reconciliation demo:", "Bureau demo:"):
        assert word in output

    before = _state()
    call_command("seed_demo", stdout=StringIO())
    assert _state() == before
