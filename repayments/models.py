# Models arrive with the repayments issue.
