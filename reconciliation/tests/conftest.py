from datetime import timedelta

import pytest

from lendingsite.dates import today_ist
from loans.tests.factories import active_loan


@pytest.fixture
def loan():
    """An active loan ten days after disbursement, with its virtual account."""
    return active_loan(disbursed_on=today_ist() - timedelta(days=10))
