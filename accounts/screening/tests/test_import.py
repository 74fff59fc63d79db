"""List imports: each shipped fixture format, normalised entries, refusals change nothing."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import AuditEvent
from accounts.screening.models import SanctionsEntry, SanctionsList
from accounts.screening.services import sanctions_list_import
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
UN = FIXTURES / "un_consolidated_sample.xml"
UAPA = FIXTURES / "mha_uapa_sample.csv"
OFAC = FIXTURES / "ofac_sdn_sample.csv"


def entry(key) -> SanctionsEntry:
    return SanctionsEntry.objects.get(key=key, sanctions_list__in_force=True)


def test_un_consolidated_xml():
    imported = sanctions_list_import(source="un", path=UN)
    assert imported.entry_count == 5
    assert imported.published.startswith("2026-11-27")
    saeed = entry("un:QDi.263")
    assert saeed.name == "HAFIZ MUHAMMAD SAEED"
    assert "Hafiz Mohammad Sayeed" in saeed.aliases and "حافظ محمد سعید" in saeed.aliases
    assert saeed.dates_of_birth == ["1950-06-05"] and saeed.nationalities == ["Pakistan"]
    assert entry("un:QDi.264").dates_of_birth == ["1960"]  # APPROXIMATELY, year only
    assert entry("un:QDe.118").kind == "entity"
    assert AuditEvent.objects.filter(action="screening.list_imported").count() == 1


def test_mha_uapa_table():
    sanctions_list_import(source="uapa", path=UAPA)
    azhar = entry("uapa:fourth-1")
    assert azhar.name == "Maulana Masood Azhar"
    assert azhar.aliases == ["Mohammed Masood Azhar Alvi", "Wali Adam Isah", "मौलाना मसूद अज़हर"]
    assert azhar.dates_of_birth == ["1968-07-10"]
    assert entry("uapa:first-32").kind == "entity"


def test_ofac_sdn_csv():
    sanctions_list_import(source="ofac", path=OFAC)
    dawood = entry("ofac:6744")
    assert dawood.name == "Dawood IBRAHIM"
    assert "Dawood Hasan Shaikh Ibrahim KASKAR" in dawood.aliases
    assert dawood.dates_of_birth == ["1955-12-26"] and dawood.nationalities == ["India"]
    assert entry("ofac:6966").kind == "entity"


def test_a_new_import_replaces_the_entries_in_force_and_a_bad_file_changes_nothing(tmp_path):
    first = sanctions_list_import(source="un", path=UN)
    second = sanctions_list_import(source="un", path=UN)
    first.refresh_from_db()
    assert not first.in_force and second.in_force
    assert SanctionsEntry.objects.filter(sanctions_list__in_force=True).count() == 5
    bad = tmp_path / "list.xml"
    bad.write_text("<html>not a list</html>")
    with pytest.raises(DomainError):
        sanctions_list_import(source="un", path=bad)
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE x [<!ENTITY a "b">]><CONSOLIDATED_LIST/>')
    with pytest.raises(DomainError):
        sanctions_list_import(source="un", path=evil)
    assert SanctionsList.objects.filter(in_force=True).get() == second


def test_the_command_imports_each_format_and_refuses_a_wrong_one():
    for fmt, path in (("un", UN), ("uapa", UAPA), ("ofac", OFAC)):
        out = io.StringIO()
        call_command("screening_import", "--format", fmt, str(path), stdout=out)
        assert "Imported" in out.getvalue() and "Re-screened every borrower" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("screening_import", "--format", "ofac", str(UN), stdout=io.StringIO())
