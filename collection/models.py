# Models arrive with the collection issue.
