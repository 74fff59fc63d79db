"""The names of the loan terms that the models, the engines and the hand-written SQL all
speak: allocation strategies and penal charge types. Plain constants with no Django import,
so the pure engines (repayments.engine, collection.dayend.buckets) and the SQL builders
(collection.dayend.penal) use the same strings as the model choices
(loans.models.products), and a name is spelled in exactly one place."""

# Allocation strategies: the order in which a payment settles an installment's parts.
PENAL_FEES_INTEREST_PRINCIPAL = "penal_fees_interest_principal"
INTEREST_PRINCIPAL_PENAL_FEES = "interest_principal_penal_fees"
ALLOCATION_ORDERS: dict[str, tuple[str, ...]] = {
    PENAL_FEES_INTEREST_PRINCIPAL: ("penal", "fees", "interest", "principal"),
    INTEREST_PRINCIPAL_PENAL_FEES: ("interest", "principal", "penal", "fees"),
}

# Penal charge types (RBI penal-charges rules, 2023): a flat amount per overdue
# installment, or a percentage of the installment's overdue amount.
PENAL_FLAT = "flat"
PENAL_PERCENT_OF_OVERDUE = "percent_of_overdue"
PENAL_CHARGE_TYPES: tuple[str, ...] = (PENAL_FLAT, PENAL_PERCENT_OF_OVERDUE)
