"""Scoring a name (and date of birth) against list entries, with the reasons.

Three comparisons per name pair, the best one counts: the folded spelling (token order
ignored), the phonetic skeleton (vowels and look-alike consonants merged, slightly
discounted), and a subset comparison (every word of the shorter name in the longer one,
only when at least two words are shared, so "Muhammad Khan" does not hit every Muhammad).
A date of birth that agrees raises the score, one that disagrees lowers it.
"""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from accounts.screening.normalise import fold, skeleton, tokens

PHONETIC_WEIGHT = 0.96
SUBSET_WEIGHT = 0.92


@dataclass
class Candidate:
    entry_id: int
    key: str
    name: str
    folded: str
    skeleton: str
    words: frozenset
    dates_of_birth: list[str]
    nationalities: list[str]


@dataclass
class Match:
    entry_id: int
    key: str
    matched_name: str
    score: int
    reasons: list[str] = field(default_factory=list)


class ListIndex:
    """Every name of every entry in force, folded once; queried per borrower."""

    def __init__(self, candidates: list[Candidate]):
        self.candidates = candidates
        self._folded = [c.folded for c in candidates]
        self._skeletons = [c.skeleton for c in candidates]

    @classmethod
    def from_entries(cls, entries) -> "ListIndex":
        candidates = []
        for entry in entries:
            for name in entry.all_names:
                folded = fold(name)
                if not folded:
                    continue
                candidates.append(
                    Candidate(
                        entry_id=entry.pk,
                        key=entry.key,
                        name=name,
                        folded=folded,
                        skeleton=skeleton(name),
                        words=frozenset(folded.split()),
                        dates_of_birth=list(entry.dates_of_birth),
                        nationalities=list(entry.nationalities),
                    )
                )
        return cls(candidates)

    def _shortlist(self, folded: str, skel: str, cutoff: float) -> set[int]:
        found = set()
        for query, choices in ((folded, self._folded), (skel, self._skeletons)):
            for _, _, index in process.extract(
                query, choices, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, limit=None
            ):
                found.add(index)
        return found

    def screen(self, name: str, *, date_of_birth=None, threshold: int) -> list[Match]:
        folded, skel = fold(name), skeleton(name)
        if not folded:
            return []
        words = frozenset(folded.split())
        best: dict[str, Match] = {}
        for index in self._shortlist(folded, skel, cutoff=max(threshold - 20, 50)):
            candidate = self.candidates[index]
            score, reasons = score_pair(folded, skel, words, candidate)
            score, dob_reason = _dob_adjust(score, date_of_birth, candidate.dates_of_birth)
            if dob_reason:
                reasons.append(dob_reason)
            score = max(0, min(100, round(score)))
            if score < threshold:
                continue
            if candidate.nationalities:
                reasons.append(f"listed nationality: {', '.join(candidate.nationalities)}")
            known = best.get(candidate.key)
            if known is None or score > known.score:
                best[candidate.key] = Match(
                    candidate.entry_id, candidate.key, candidate.name, score, reasons
                )
        return sorted(best.values(), key=lambda m: -m.score)


def score_pair(
    folded: str, skel: str, words: frozenset, candidate: Candidate
) -> tuple[float, list[str]]:
    spelled = fuzz.token_sort_ratio(folded, candidate.folded)
    sounded = fuzz.token_sort_ratio(skel, candidate.skeleton) * PHONETIC_WEIGHT
    shared = words & candidate.words
    subset = 0.0
    if len(shared) >= 2 and (words <= candidate.words or candidate.words <= words):
        subset = fuzz.token_set_ratio(folded, candidate.folded) * SUBSET_WEIGHT
    score = max(spelled, sounded, subset)
    if score == spelled:
        reasons = [f"name {spelled:.0f}% alike as spelled ({folded!r} ~ {candidate.folded!r})"]
    elif score == sounded:
        reasons = [f"name sounds alike ({skel!r} ~ {candidate.skeleton!r}), {sounded:.0f}%"]
    else:
        reasons = [f"every word of the shorter name is in the other ({', '.join(sorted(shared))})"]
    return score, reasons


def _dob_adjust(score: float, date_of_birth, listed: list[str]) -> tuple[float, str]:
    if not date_of_birth or not listed:
        return score, ""
    iso = date_of_birth.isoformat()
    if iso in listed:
        return score + 5, f"date of birth {iso} matches"
    years = {d[:4] for d in listed}
    if iso[:4] in years:
        return score + 2, f"year of birth {iso[:4]} matches"
    if any(abs(int(y) - date_of_birth.year) <= 1 for y in years):
        return score, ""
    return score - 15, f"date of birth {iso} differs from the listed {', '.join(sorted(listed))}"


__all__ = ["ListIndex", "Match", "tokens"]
