"""Reads of the officer console: role queues (queues), the portfolio dashboard (portfolio)
and the reports (console.reports)."""
