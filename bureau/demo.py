"""Demo bureau reporting for `manage.py seed_demo` (docs/bureau.md), after the mandates
demo: two records the validations will catch, then a monthly file as of yesterday.

- Rohit's CKYC number came in through a data load with a digit missing (13 digits): the
  officer corrects it on the CKYC page the validation list links to;
- Deepa's address was re-typed without its PIN code: the officer fixes it on her profile.

Both are left out of the file and listed as its validation errors. Idempotent: all of it
happens only while there is no bureau file yet (a fix made in the demo is not undone).
"""

from datetime import date, timedelta

from accounts.models import User
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.services.profile import borrower_profile_update
from bureau.models import BureauExport, CkycRecord
from bureau.services import bureau_export_create
from lendingsite.dates import today_ist

LOADED_CKYC = "4012345678901"  # 13 digits: one lost in the load


def bureau_demo_seed(*, domain: str, today: date | None = None) -> str:
    export = BureauExport.objects.first()
    if export is None:
        rohit = User.objects.filter(email=f"rohit@{domain}").select_related("profile").first()
        deepa = User.objects.filter(email=f"deepa@{domain}").select_related("profile").first()
        if rohit is not None and not CkycRecord.objects.filter(profile=rohit.profile).exists():
            CkycRecord.objects.create(profile=rohit.profile, number=LOADED_CKYC)
        if deepa is not None:
            borrower_profile_update(
                acting_user=User.objects.get(email=f"{LOAN_OFFICER.replace('_', '.')}@{domain}"),
                profile=deepa.profile,
                address="Flat 12, Lake View Apartments, Kakkanad, Kochi",
            )
        export = bureau_export_create(
            acting_user=User.objects.get(email=f"{FINANCE}@{domain}"),
            as_of=(today or today_ist()) - timedelta(days=1),
        )
    return (
        f"Bureau demo: file {export.file_name} ({export.records} accounts, {export.excluded} "
        f"left out with validation errors for loan.officer@ to fix)."
    )
