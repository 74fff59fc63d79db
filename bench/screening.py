"""Precision and recall of sanctions screening on the labelled fixture names.

    .venv/bin/python bench/screening.py [--threshold 85] [--sweep]

Reads the shipped list fixtures (accounts/screening/fixtures: UN XML, MHA UAPA CSV, OFAC
SDN CSV) through the same parsers and matcher the service uses, screens every name of
labelled_names.csv and counts: a listed name is found when a hit names the expected entry
(or another entry of the same person on another list); a clean name is a false positive
when anything hits. Results go to docs/benchmarks.md by hand.
"""

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accounts.screening.matching import ListIndex  # noqa: E402
from accounts.screening.parsers import PARSERS  # noqa: E402

FIXTURES = ROOT / "accounts" / "screening" / "fixtures"
FILES = {
    "un": "un_consolidated_sample.xml",
    "uapa": "mha_uapa_sample.csv",
    "ofac": "ofac_sdn_sample.csv",
}
# The same person or organisation on several lists (what a reviewer would link).
SAME = [
    {"un:QDi.263", "uapa:fourth-2", "ofac:8216"},
    {"un:QDi.135", "uapa:fourth-4", "ofac:6744"},
    {"un:QDi.264", "uapa:fourth-3"},
    {"uapa:fourth-1", "ofac:9478"},
    {"uapa:fourth-5", "ofac:17510"},
    {"un:QDe.118", "uapa:first-5", "ofac:6966"},
]


@dataclass
class Entry:
    pk: int
    key: str
    name: str
    aliases: list
    dates_of_birth: list
    nationalities: list

    @property
    def all_names(self):
        return [self.name, *self.aliases]


def load_index(sources=tuple(FILES)) -> ListIndex:
    entries = []
    for source, name in FILES.items():
        if source not in sources:
            continue
        parsed, _ = PARSERS[source]((FIXTURES / name).read_bytes())
        for p in parsed:
            entries.append(
                Entry(len(entries) + 1, p.key, p.name, p.aliases, p.dates_of_birth, p.nationalities)
            )
    return ListIndex.from_entries(entries)


def same_person(key: str) -> set[str]:
    for group in SAME:
        if key in group:
            return group
    return {key}


def evaluate(
    index: ListIndex, threshold: int, *, verbose: bool = False, sources=tuple(FILES)
) -> dict:
    tp = fp = fn = tn = 0
    with open(FIXTURES / "labelled_names.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        dob = date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None
        hits = index.screen(row["name"], date_of_birth=dob, threshold=threshold)
        keys = {h.key for h in hits}
        expected = {k for k in same_person(row["expected"]) if k.split(":")[0] in sources}
        if row["expected"] and not expected:
            continue  # the person is on none of the lists screened against
        if row["expected"]:
            found = bool(keys & expected)
            tp += found
            fn += not found
            if verbose and not found:
                print(f"  missed: {row['name']} ({row['note']})")
        else:
            fp += bool(keys)
            tn += not keys
            if verbose and keys:
                print(
                    f"  false positive: {row['name']} -> {[(h.matched_name, h.score) for h in hits]}"
                )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "threshold": threshold,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "rows": len(rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=int, default=85)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--lists", default="un,uapa,ofac", help="comma-separated sources")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="plain matching for comparison: anyascii + lower case, no spellings, no phonetics",
    )
    args = parser.parse_args()
    if args.baseline:
        import re

        from anyascii import anyascii

        from accounts.screening import matching

        def plain(name):
            return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(name or "").lower()).split())

        matching.fold = matching.skeleton = plain
    started = time.perf_counter()
    sources = tuple(args.lists.split(","))
    index = load_index(sources)
    thresholds = [70, 75, 80, 85, 90, 95] if args.sweep else [args.threshold]
    print(f"{len(index.candidates)} list names indexed")
    print("| threshold | precision | recall | TP | FP | FN | TN |")
    print("|---|---|---|---|---|---|---|")
    for t in thresholds:
        r = evaluate(index, t, verbose=not args.sweep, sources=sources)
        print(
            f"| {t} | {r['precision']:.2f} | {r['recall']:.2f} | {r['tp']} | {r['fp']} | {r['fn']} | {r['tn']} |"
        )
    print(f"({time.perf_counter() - started:.2f} s)")


if __name__ == "__main__":
    main()
