# Models arrive with the loans issue.
