"""The OpenAPI schema tells the truth: refusals documented as problem+json on every
operation, a one-line summary each, the Idempotency-Key rule, examples that work, and the
shapes the answers really have. scripts/api-fuzz holds the running app to it as a whole."""

import re

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from accounts.tests.factories import BorrowerProfileFactory, UserFactory, staff
from lendingsite.errors import PROBLEM_CODES
from lendingsite.idempotency import VALID_KEY
from lendingsite.openapi import IDEMPOTENCY_KEY_SCHEMA, PROBLEM_SCHEMA
from lendingsite.problems import CONTENT_TYPE, problem_body
from loans.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/v1/schema/?format=json").json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_documents_its_refusals_as_problem_json(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        expected = {"400", "401", "403", "406", "429"}
        if "{" in path:
            expected.add("404")
        if method in {"post", "put", "patch", "delete"}:
            expected |= {"409", "422"}
        missing = expected - set(responses)
        assert not missing, f"{method.upper()} {path} lacks {sorted(missing)}"
        for status, response in responses.items():
            if int(status) >= 400 and status != "414":
                content = response["content"]
                assert list(content) == [CONTENT_TYPE], (path, method, status)
                assert content[CONTENT_TYPE]["schema"] == {"$ref": "#/components/schemas/Problem"}
                assert response["description"], (path, method, status)


def test_the_problem_component_describes_every_problem_the_api_writes(schema):
    assert schema["components"]["schemas"]["Problem"] == PROBLEM_SCHEMA
    for code in PROBLEM_CODES:
        body = problem_body(code, "detail", errors={"amount": ["no"]})
        jsonschema.validate(body, PROBLEM_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**problem_body("not_found", "x"), "code": "made_up"}, PROBLEM_SCHEMA)


def test_every_operation_has_a_readable_summary(schema):
    for path, method, operation in _operations(schema):
        summary = operation.get("summary") or ""
        assert 8 <= len(summary) <= 90, (method, path, summary)
        assert not summary.startswith(("GET:", "None")), (method, path, summary)


def test_the_description_explains_authentication(schema):
    description = schema["info"]["description"]
    assert "## Authentication" in description
    assert "/api/v1/auth/token/" in description and "Bearer" in description


def test_every_unsafe_operation_documents_idempotency_key(schema):
    for _path, method, operation in _operations(schema):
        if method == "get":
            continue
        headers = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}
        assert headers["Idempotency-Key"]["schema"] == IDEMPOTENCY_KEY_SCHEMA


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F), max_size=260))
def test_the_schema_pattern_is_the_middleware_rule(key):
    # ECMA-262 `$` is the end of the string; Python's also matches before a final newline.
    pattern = re.compile(IDEMPOTENCY_KEY_SCHEMA["pattern"].removesuffix("$") + r"\Z")
    in_schema = bool(pattern.search(key)) and len(key) <= IDEMPOTENCY_KEY_SCHEMA["maxLength"]
    assert in_schema == bool(VALID_KEY.fullmatch(key))


def _examples(schema, path, method):
    body = schema["paths"][path][method]["requestBody"]["content"]["application/json"]
    return [example["value"] for example in body.get("examples", {}).values()]


def test_the_quote_examples_are_quoted(schema):
    ProductFactory(code="personal-loan")
    examples = _examples(schema, "/api/v1/quotes/", "post")
    assert len(examples) == 2
    for example in examples:
        response = APIClient().post("/api/v1/quotes/", example, format="json")
        assert response.status_code == 200, response.json()


def test_the_register_example_registers(schema, django_capture_on_commit_callbacks):
    [example] = _examples(schema, "/api/v1/auth/register/", "post")
    with django_capture_on_commit_callbacks(execute=True):
        response = APIClient().post("/api/v1/auth/register/", example, format="json")
    assert response.status_code == 201, response.json()


def _component(schema, name):
    return schema["components"]["schemas"][name]


def test_offer_fields_are_null_until_an_offer_is_made(schema):
    properties = _component(schema, "Application")["properties"]
    assert properties["apr"]["nullable"] is True
    assert properties["loan"]["nullable"] is True


def test_a_loans_notes_are_not_promised_to_borrowers(schema):
    assert "notes" not in _component(schema, "Loan")["required"]
    assert "notes" in _component(schema, "Loan")["properties"]


def test_a_blank_employment_type_is_in_the_schema(schema):
    field = _component(schema, "Profile")["properties"]["employment_type"]
    choices = [
        value
        for option in field.get("oneOf", field.get("allOf", []))
        for value in _component(schema, option["$ref"].rsplit("/", 1)[1]).get("enum", [])
    ]
    assert "" in choices and "salaried" in choices


def test_kyc_upload_and_download_name_their_content_types(schema):
    upload = schema["paths"]["/api/v1/me/kyc-documents/"]["post"]["requestBody"]["content"]
    encoding = upload["multipart/form-data"]["encoding"]["file"]["contentType"]
    assert encoding == "application/pdf, image/jpeg, image/png"
    download = schema["paths"]["/api/v1/kyc-documents/{id}/file/"]["get"]["responses"]["200"]
    assert set(download["content"]) == {"application/pdf", "image/jpeg", "image/png"}


def test_profile_patch_documents_both_answers_it_gives(schema):
    documented = set(schema["paths"]["/api/v1/me/profile/"]["patch"]["responses"])
    assert {"200", "201"} <= documented
    client = APIClient()
    client.force_authenticate(UserFactory(roles=["borrower"]))
    created = client.patch("/api/v1/me/profile/", {"full_name": "Asha Rao"}, format="json")
    changed = client.patch("/api/v1/me/profile/", {"full_name": "Asha R"}, format="json")
    assert (created.status_code, changed.status_code) == (201, 200)


def test_a_profile_answer_with_blank_employment_validates(schema):
    user = BorrowerProfileFactory(employment_type="").user
    client = APIClient()
    client.force_authenticate(user)
    body = client.get("/api/v1/me/profile/").json()
    assert body["employment_type"] == ""


@pytest.mark.parametrize(
    "query,field",
    [("page=0", "page"), ("page=abc", "page"), ("page_size=0", "page_size"),
     ("page_size=201", "page_size"), ("page_size=false", "page_size"),
     ("page_size=-5", "page_size")],
)  # fmt: skip
def test_paging_out_of_its_documented_range_is_refused(query, field):
    client = APIClient()
    client.force_authenticate(staff("finance"))
    response = client.get(f"/api/v1/payments/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == CONTENT_TYPE
    assert field in response.json()["errors"]


def test_a_page_past_the_end_is_404_as_documented(schema):
    client = APIClient()
    client.force_authenticate(staff("finance"))
    assert client.get("/api/v1/payments/?page=2").status_code == 404
    assert client.get("/api/v1/payments/?page=1&page_size=200").status_code == 200
    assert "404" in schema["paths"]["/api/v1/payments/"]["get"]["responses"]


def test_an_unsupported_method_is_405_even_with_a_used_idempotency_key():
    client = APIClient()
    headers = {"HTTP_IDEMPOTENCY_KEY": "key-1"}
    first = client.post("/api/v1/auth/token/", {"email": "x@example.in"}, format="json", **headers)
    assert first.status_code == 400
    response = client.put("/api/v1/auth/token/", {"other": 1}, format="json", **headers)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_a_loan_id_that_is_not_a_number_is_no_such_loan():
    client = APIClient()
    client.force_authenticate(staff("finance"))
    response = client.post("/api/v1/loans/null/cooling-off-cancel/", {}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url,field",
    [("/api/v1/payments/?paid_on_to=", "paid_on_to"), ("/api/v1/products/?is_active=%2Bg", "is_active"),
     ("/api/v1/products/?is_active=yes", "is_active"), ("/api/v1/kyc-documents/?doc_type=", "doc_type")],
)  # fmt: skip
def test_blank_and_unreadable_filters_are_refused_not_ignored(url, field):
    client = APIClient()
    client.force_authenticate(staff("finance"))
    response = client.get(url)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_boolean_filter_still_filters():
    ProductFactory(code="open-one", is_active=True)
    ProductFactory(code="closed-one", is_active=False)
    client = APIClient()
    client.force_authenticate(staff("finance"))
    codes = {p["code"] for p in client.get("/api/v1/products/?is_active=false").json()["results"]}
    assert "closed-one" in codes and "open-one" not in codes


def test_an_unsupported_method_is_405_whatever_its_query_says():
    client = APIClient()
    client.force_authenticate(staff("finance"))
    response = client.generic("TRACE", "/api/v1/loans/?bucket=&page=1")
    assert response.status_code == 405


def test_an_anonymous_key_on_a_signed_in_route_is_401_not_reused():
    client = APIClient()
    headers = {"HTTP_IDEMPOTENCY_KEY": "_"}
    body = {"principal": "100000.00", "annual_rate": "12.0000", "tenure": 12}
    first = client.post("/api/v1/quotes/", body, format="json", **headers)
    assert first.status_code == 200  # stored under the caller's address
    response = client.patch("/api/v1/me/profile/", {}, format="json", **headers)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_create_that_names_a_loan_in_its_body_documents_404(schema):
    # A borrower registering a mandate on a loan that is not theirs gets 404 (never 403, so
    # the loan's existence does not leak); the path has no {id}, so the rule above can't know.
    responses = schema["paths"]["/api/v1/mandates/"]["post"]["responses"]
    assert "404" in responses
    assert responses["404"]["content"][CONTENT_TYPE]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
