"""Readers for the list formats, each giving plain `ParsedEntry` rows.

- un:   the UN Security Council consolidated list XML (CONSOLIDATED_LIST > INDIVIDUALS /
        ENTITIES, as published by the Security Council's sanctions web site).
- uapa: the MHA's UAPA schedules (First Schedule: banned organisations; Fourth Schedule:
        individual terrorists). MHA publishes them as web/PDF tables; the command takes the
        table saved as CSV with the header row of the table (see docs/security.md).
- ofac: OFAC's SDN list in its legacy CSV form (sdn.csv: no header, "-0-" for empty,
        aliases/dates/nationality inside Remarks).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass
class ParsedEntry:
    key: str
    name: str
    kind: str = "individual"
    aliases: list[str] = field(default_factory=list)
    dates_of_birth: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    programme: str = ""
    remarks: str = ""


class ListFormatError(ValueError):
    pass


def parse_date(text: str) -> str | None:
    """ "1955-12-26", "26 Dec 1955", "26.12.1955", "26/12/1955", "circa 1965" → ISO or year."""
    text = (text or "").strip().lower()
    for fmt in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    year = re.search(r"\b(19|20)\d{2}\b", text)
    return year.group(0) if year else None


def _text(node, tag) -> str:
    child = node.find(tag)
    return (child.text or "").strip() if child is not None and child.text else ""


def parse_un(data: bytes) -> tuple[list[ParsedEntry], str]:
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data:
        raise ListFormatError("The XML declares entities or a DOCTYPE; refused.")
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 (DTD/entities refused above)
    except ElementTree.ParseError as exc:
        raise ListFormatError(f"Not well-formed XML: {exc}") from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError("This is not a UN consolidated list (no CONSOLIDATED_LIST root).")
    entries = []
    for kind, path, alias_tag in (
        ("individual", "INDIVIDUALS/INDIVIDUAL", "INDIVIDUAL_ALIAS"),
        ("entity", "ENTITIES/ENTITY", "ENTITY_ALIAS"),
    ):
        for node in root.findall(path):
            parts = [
                _text(node, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            ]
            name = " ".join(p for p in parts if p)
            aliases = [_text(a, "ALIAS_NAME") for a in node.findall(alias_tag)]
            original = _text(node, "NAME_ORIGINAL_SCRIPT")
            dobs = []
            for dob in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
                value = parse_date(_text(dob, "DATE")) or _text(dob, "YEAR")
                if not value and _text(dob, "FROM_YEAR"):
                    value = _text(dob, "FROM_YEAR")
                if value:
                    dobs.append(value)
            entries.append(
                ParsedEntry(
                    key=f"un:{_text(node, 'REFERENCE_NUMBER') or _text(node, 'DATAID')}",
                    name=name,
                    kind=kind,
                    aliases=[a for a in [*aliases, original] if a],
                    dates_of_birth=dobs,
                    nationalities=[
                        (v.text or "").strip() for v in node.findall("NATIONALITY/VALUE")
                    ],
                    programme=_text(node, "UN_LIST_TYPE"),
                    remarks=_text(node, "COMMENTS1")[:2000],
                )
            )
    return entries, root.get("dateGenerated", "")


_UAPA_HEADERS = {
    "s. no.",
    "name",
    "aliases",
    "name (hindi)",
    "date of birth",
    "nationality",
    "schedule",
    "organisation",
}


def parse_uapa(data: bytes) -> tuple[list[ParsedEntry], str]:
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    headers = {h.strip().lower() for h in reader.fieldnames or []}
    if not {"name", "schedule"} <= headers:
        raise ListFormatError(
            "The UAPA file needs a header row with at least Name and Schedule columns "
            f"(known: {', '.join(sorted(_UAPA_HEADERS))})."
        )
    entries = []
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("name"):
            continue
        schedule = row.get("schedule", "")
        aliases = [a.strip() for a in re.split(r"[;|]", row.get("aliases", "")) if a.strip()]
        if row.get("name (hindi)"):
            aliases.append(row["name (hindi)"])
        dob = parse_date(row.get("date of birth", ""))
        entries.append(
            ParsedEntry(
                key=f"uapa:{schedule.split()[0].lower() if schedule else 'x'}-{row.get('s. no.') or row['name']}",
                name=row["name"],
                kind="entity" if schedule.lower().startswith("first") else "individual",
                aliases=aliases,
                dates_of_birth=[dob] if dob else [],
                nationalities=[
                    n.strip() for n in row.get("nationality", "").split(";") if n.strip()
                ],
                programme=f"UAPA {schedule}".strip(),
                remarks=row.get("organisation", ""),
            )
        )
    return entries, ""


_AKA = re.compile(r"a\.k\.a\.?\s*'?([^;']+)'?", re.IGNORECASE)
_DOB = re.compile(r"DOB\s+([^;]+)", re.IGNORECASE)
_NAT = re.compile(r"nationality\s+([^;]+)", re.IGNORECASE)


def _ofac_name(value: str) -> str:
    # "IBRAHIM, Dawood" → "Dawood IBRAHIM"; entity names have no comma or keep it.
    if value.count(",") == 1:
        last, first = (p.strip() for p in value.split(","))
        return f"{first} {last}"
    return value.strip()


def parse_ofac(data: bytes) -> tuple[list[ParsedEntry], str]:
    text = data.decode("utf-8-sig", errors="replace")
    entries = []
    for row in csv.reader(io.StringIO(text)):
        if not row or len(row) < 12:
            if row and row[0].strip() and row[0].strip() != "\x1a":
                raise ListFormatError("An OFAC SDN row has fewer than 12 columns.")
            continue
        cells = ["" if c.strip() == "-0-" else c.strip() for c in row]
        ent_num, name, sdn_type, program, remarks = (
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[11],
        )
        if not ent_num.isdigit():
            raise ListFormatError(f"Not an OFAC SDN row (ent_num {ent_num!r}).")
        dobs = [d for d in (parse_date(m) for m in _DOB.findall(remarks)) if d]
        entries.append(
            ParsedEntry(
                key=f"ofac:{ent_num}",
                name=_ofac_name(name),
                kind="individual" if sdn_type.lower() == "individual" else "entity",
                aliases=[_ofac_name(a) for a in _AKA.findall(remarks)],
                dates_of_birth=dobs,
                nationalities=[n.strip().rstrip(".") for n in _NAT.findall(remarks)],
                programme=program,
                remarks=remarks[:2000],
            )
        )
    return entries, ""


PARSERS = {"un": parse_un, "uapa": parse_uapa, "ofac": parse_ofac}
