"""The reports. Row-level registers stream from their table in id order; summaries read the
day-end's snapshot (collection.models.PortfolioSnapshot) or aggregate in SQL, so none of
them holds more than a chunk of rows in Python. Definitions: docs/console.md."""

from console.reports.base import Column, Report
from console.reports.books import classification_rows, income_rows, trial_balance_rows
from console.reports.registers import audit_rows, charges_rows, disbursement_rows, payment_rows
from console.reports.servicing import servicing_rows
from console.reports.summaries import (
    ageing_rows,
    collector_rows,
    demand_collection_rows,
    npa_movement_rows,
)

C = Column
# The books' reports: finance and auditors (accounts.roles, as the Books page and API).
BOOKS_PERM = "accounting.view_provisiondetail"
REPORTS: dict[str, Report] = {
    r.name: r
    for r in [
        Report(
            "payment-register",
            "Payment register",
            "Every payment dated in the range, as allocated.",
            (
                C("id", "Payment", "int"),
                C("paid_on", "Paid on", "date"),
                C("loan", "Loan", "int"),
                C("product", "Product"),
                C("channel", "Channel"),
                C("utr", "UTR"),
                C("status", "Status"),
                C("amount", "Amount", "money"),
                C("penal", "Penal", "money"),
                C("fees", "Fees", "money"),
                C("interest", "Interest", "money"),
                C("principal", "Principal", "money"),
                C("excess", "Excess", "money"),
            ),
            payment_rows,
            "repayments.view_payment",
        ),
        Report(
            "disbursement-register",
            "Disbursement register",
            "Every loan disbursed in the range.",
            (
                C("id", "Loan", "int"),
                C("disbursed_on", "Disbursed on", "date"),
                C("product", "Product"),
                C("principal", "Principal", "money"),
                C("processing_fee", "Processing fee", "money"),
                C("net_disbursed", "Net disbursed", "money"),
                C("annual_rate", "Annual rate %", "percent"),
                C("tenure", "Tenure", "int"),
                C("reference", "Reference"),
                C("status", "Status"),
            ),
            disbursement_rows,
            "loans.view_loan",
        ),
        Report(
            "demand-collection",
            "Demand vs collection",
            "By month, from the day-end snapshots.",
            (
                C("month", "Month", "date"),
                C("demand", "Demand", "money"),
                C("collected", "Collected", "money"),
                C("efficiency", "Efficiency %", "percent"),
            ),
            demand_collection_rows,
            "loans.view_loan",
        ),
        Report(
            "ageing",
            "Ageing by bucket",
            "The book by bucket at the end of the range.",
            (
                C("as_of", "As of", "date"),
                C("bucket", "Bucket"),
                C("loans", "Loans", "int"),
                C("principal_outstanding", "Principal outstanding", "money"),
                C("overdue", "Overdue", "money"),
            ),
            ageing_rows,
            "loans.view_loan",
        ),
        Report(
            "npa-movement",
            "NPA movement",
            "Loans in NPA: opening, additions, upgrades, written off, settled, other closures, "
            "closing.",
            (
                C("opening", "Opening", "int"),
                C("additions", "Additions", "int"),
                C("upgrades", "Upgrades", "int"),
                C("written_off", "Written off", "int"),
                C("settled", "Settled", "int"),
                C("closures", "Other closures", "int"),
                C("closing", "Closing", "int"),
            ),
            npa_movement_rows,
            "loans.view_loan",
        ),
        Report(
            "servicing-register",
            "Write-offs, settlements and restructures",
            "Every write-off (its date), settlement (its approval; waived amounts once paid) "
            "and restructure or moratorium applied in the range.",
            (
                C("date", "Date", "date"),
                C("loan", "Loan", "int"),
                C("product", "Product"),
                C("event", "Event"),
                C("status", "Kind or status"),
                C("principal", "Principal", "money"),
                C("interest", "Interest", "money"),
                C("charges", "Charges", "money"),
                C("recovered", "Recovered", "money"),
                C("agreed", "Settlement amount", "money"),
                C("capitalised", "Capitalised", "money"),
                C("annual_rate", "New rate %", "percent"),
                C("tenure", "New tenure", "int"),
                C("proposal", "Proposal", "int"),
            ),
            servicing_rows,
            "loans.view_proposal",
        ),
        Report(
            "charges",
            "Charges levied and waived",
            "Every charge levied in the range.",
            (
                C("id", "Charge", "int"),
                C("charged_on", "Charged on", "date"),
                C("loan", "Loan", "int"),
                C("product", "Product"),
                C("kind", "Kind"),
                C("amount", "Amount", "money"),
                C("waived", "Waived", "money"),
                C("status", "Status"),
            ),
            charges_rows,
            "repayments.view_charge",
        ),
        Report(
            "collector-efficiency",
            "Collection efficiency by collector",
            "Weekly scores in the range, summed (product filter does not apply).",
            (
                C("collector", "Collector"),
                C("made", "Promises made", "int"),
                C("kept", "Promises kept", "int"),
                C("assigned", "Amount assigned", "money"),
                C("collected", "Amount collected", "money"),
                C("efficiency", "Efficiency %", "percent"),
            ),
            collector_rows,
            "collection.view_collectorscore",
        ),
        Report(
            "trial-balance",
            "Trial balance",
            "Every ledger account's balance from the entries dated on or before To (default "
            "today), then the totals, equal when the books balance (product filter does not "
            "apply).",
            (
                C("as_of", "As of", "date"),
                C("code", "Code"),
                C("account", "Account"),
                C("kind", "Kind"),
                C("debit", "Debit", "money"),
                C("credit", "Credit", "money"),
                C("balance", "Balance (Dr +)", "money"),
            ),
            trial_balance_rows,
            BOOKS_PERM,
        ),
        Report(
            "income-recognition",
            "Income recognised vs suspended",
            "Per product, from From (default the 1st of To's month) to To (default today): "
            "interest accrued, reversed into suspense on NPA, recognised on collection from "
            "an NPA, released on upgrade or closure; charges levied into suspense, released "
            "and recognised; suspense held at To.",
            (
                C("date_from", "From", "date"),
                C("date_to", "To", "date"),
                C("product", "Product"),
                C("accrued", "Interest accrued", "money"),
                C("accrual_reversed", "Accrual reversed", "money"),
                C("suspended", "Reversed to suspense (NPA)", "money"),
                C("recognised_on_collection", "Recognised on collection (NPA)", "money"),
                C("released_on_upgrade", "Released on upgrade or closure", "money"),
                C("other_interest", "Other interest income", "money"),
                C("interest_income", "Interest income, net", "money"),
                C("interest_suspense_held", "Interest suspense held", "money"),
                C("charges_levied", "Charges levied (to suspense)", "money"),
                C("charges_released", "Charges released from suspense", "money"),
                C("charges_recognised", "Charges recognised", "money"),
                C("charges_suspense_held", "Charges suspense held", "money"),
            ),
            income_rows,
            BOOKS_PERM,
        ),
        Report(
            "asset-classification",
            "Asset classification and provisions",
            "The month-end close on To (default today) or the latest before it: loans, "
            "outstanding (exposure), its secured and unsecured parts and the provision, per "
            "asset class.",
            (
                C("close_date", "Close of", "date"),
                C("asset_class", "Asset class"),
                C("loans", "Loans", "int"),
                C("exposure", "Outstanding (exposure)", "money"),
                C("secured", "Secured part", "money"),
                C("unsecured", "Unsecured part", "money"),
                C("provision", "Provision", "money"),
            ),
            classification_rows,
            BOOKS_PERM,
        ),
        Report(
            "audit-extract",
            "Audit extract",
            "Every audit event in the range (product filter does not apply).",
            (
                C("id", "Event", "int"),
                C("created_at", "When (IST)", "datetime"),
                C("actor", "Actor"),
                C("action", "Action"),
                C("outcome", "Outcome"),
                C("target_type", "Target type"),
                C("target_id", "Target id"),
                C("ip", "IP"),
                C("request_id", "Request id"),
            ),
            audit_rows,
            "accounts.view_auditevent",
        ),
    ]
}


def report_for(name: str) -> Report | None:
    return REPORTS.get(name)
