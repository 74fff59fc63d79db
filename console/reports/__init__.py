"""The console's reports: each a name, its columns and a generator of rows for a date range
and product (console.reports.definitions), shown as a page and exported as CSV or XLSX
without holding the rows in memory (console.reports.export). The page, the exports and the
API (`GET /api/v1/reports/{name}/`) read the same generator."""

from console.reports.base import Column, Filters, Report
from console.reports.definitions import REPORTS, report_for

__all__ = ["REPORTS", "Column", "Filters", "Report", "report_for"]
