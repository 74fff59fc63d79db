"""The pure bank account rules (accounts.banking): IFSC shape, account number shape and mask,
and the name match between the bank's name for an account and the KYC name. Worked
examples pin the rule; hypothesis holds its properties over any names."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accounts.banking import (
    HONORIFICS,
    account_number_mask,
    account_number_normalize,
    account_number_valid,
    ifsc_format_valid,
    ifsc_normalize,
    name_tokens,
    names_match,
)


@pytest.mark.parametrize(
    "code", ["HDFC0000184", "SBIN0003301", "BARB0INDIRA", "hdfc0000184", " UTIB0000114 "]
)
def test_ifsc_of_rbis_shape(code):
    assert ifsc_format_valid(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        None,
        "HDFC1000184",  # fifth character must be 0
        "HDF00000184",  # 4 letters first
        "HDFC000018",  # 10 characters
        "HDFC00001844",  # 12 characters
        "HDFC0-00184",
        "1234056789A",
    ],
)
def test_ifsc_not_of_rbis_shape(code):
    assert not ifsc_format_valid(code)


def test_ifsc_is_normalised_to_upper_case_without_spaces():
    assert ifsc_normalize(" hdfc 0000184 ") == "HDFC0000184"


@pytest.mark.parametrize("number", ["123456789", "50100123456789", "123456789012345678"])
def test_account_numbers_of_9_to_18_digits(number):
    assert account_number_valid(number)


@pytest.mark.parametrize("number", ["12345678", "1234567890123456789", "12345ABC9", "", None])
def test_account_numbers_refused(number):
    assert not account_number_valid(number)


def test_account_number_groups_and_dashes_are_ignored_and_the_mask_keeps_four_digits():
    assert account_number_normalize("5010 0123-4567 89") == "50100123456789"
    assert account_number_mask("6789") == "XXXXXXXX6789"
    assert account_number_mask("") == ""


def test_name_tokens_fold_case_accents_punctuation_and_honorifics():
    assert name_tokens("MR. R.K.  Vermá-Singh") == ["r", "k", "verma", "singh"]
    assert name_tokens("Smt Priya   Sharma") == ["priya", "sharma"]


@pytest.mark.parametrize(
    ("at_bank", "kyc"),
    [
        ("PRIYA SHARMA", "Priya Sharma"),
        ("Sharma Priya", "Priya Sharma"),  # surname first, as many banks print it
        ("MRS PRIYA SHARMA", "Priya Sharma"),
        ("P. Sharma", "Priya Sharma"),  # an initial for the given name
        ("R K Verma", "Rahul Kumar Verma"),
        ("Priya Kumari Sharma", "Priya Sharma"),  # one middle name more
        ("Ananya", "ANANYA"),
    ],
)
def test_names_that_match(at_bank, kyc):
    assert names_match(at_bank, kyc)


@pytest.mark.parametrize(
    ("at_bank", "kyc"),
    [
        ("ANOTHER PERSON", "Priya Sharma"),
        ("Rohit Verma", "Rahul Verma"),  # a different given name, not an initial
        ("A B", "Anil Bhatt"),  # initials only: no whole word in common
        ("Priya", "Priya Sharma"),  # a single word against a full name
        ("Priya Anand Kumari Sharma", "Priya Sharma"),  # two words more
        ("", "Priya Sharma"),
        ("Mr", "Mr"),  # nothing left but titles
    ],
)
def test_names_that_do_not_match(at_bank, kyc):
    assert not names_match(at_bank, kyc)


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10).filter(
    lambda w: w not in HONORIFICS
)
NAME = st.lists(WORD, min_size=1, max_size=4)


@given(NAME)
def test_a_name_matches_itself_whatever_the_case_spacing_order_and_title(words):
    name = " ".join(words)
    shuffled = " , ".join(reversed(words)).upper()
    assert names_match(name, name)
    assert names_match(f"Shri. {shuffled}", name)


@given(NAME, NAME)
def test_the_rule_is_symmetric(a, b):
    assert names_match(" ".join(a), " ".join(b)) == names_match(" ".join(b), " ".join(a))


@given(NAME, NAME)
def test_names_with_no_letter_in_common_never_match(a, b):
    assume({w[0] for w in a}.isdisjoint(w[0] for w in b))
    assert not names_match(" ".join(a), " ".join(b))


@given(st.lists(WORD, min_size=2, max_size=4, unique=True))
def test_initialling_every_word_but_one_still_matches(words):
    initialled = [w[0] for w in words[:-1]] + [words[-1]]
    assert names_match(" ".join(initialled), " ".join(words))
