"""The console's referral report as CSV (the same rows the admin page and the API show)."""

import csv
import io

from referrals.selectors import REPORT_COLUMNS


def report_csv(row: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["measure", "value"])
    for key, label in REPORT_COLUMNS:
        writer.writerow([label, row[key]])
    return out.getvalue()
