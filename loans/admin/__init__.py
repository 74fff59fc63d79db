from loans.admin import applications, loans, products  # noqa: F401  (registers ModelAdmins)
