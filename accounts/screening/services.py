"""Screening writes: list imports, screening a borrower, the review decisions, and the
gates approval and disbursement call. Every decision is audited."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import BorrowerProfile
from accounts.screening.matching import ListIndex, Match
from accounts.screening.models import (
    UNRESOLVED,
    HitStatus,
    SanctionsEntry,
    SanctionsList,
    ScreeningHit,
)
from accounts.screening.parsers import PARSERS, ListFormatError
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

REVIEW_PERM = "screening.review_screeninghit"


# --- Imports -------------------------------------------------------------------------


@transaction.atomic
def sanctions_list_import(*, source: str, path: Path, acting_user=None) -> SanctionsList:
    """Replace the entries in force for `source` with the file's. A file that cannot be
    read changes nothing. Re-screening every borrower follows (screening_rescreen_all)."""
    if source not in PARSERS:
        raise DomainError(
            "validation_error", f"Unknown list format {source!r}: use un, uapa or ofac."
        )
    data = Path(path).read_bytes()
    try:
        parsed, published = PARSERS[source](data)
    except (ListFormatError, UnicodeDecodeError) as exc:
        raise DomainError("validation_error", f"{Path(path).name}: {exc}") from exc
    if not parsed:
        raise DomainError(
            "validation_error", f"{Path(path).name} holds no entries; nothing changed."
        )
    SanctionsList.objects.filter(source=source, in_force=True).update(in_force=False)
    imported = SanctionsList.objects.create(
        source=source,
        file_name=Path(path).name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        published=published[:40],
        entry_count=len(parsed),
        imported_by=acting_user,
    )
    SanctionsEntry.objects.bulk_create(
        SanctionsEntry(
            sanctions_list=imported,
            key=p.key[:80],
            kind=p.kind,
            name=p.name[:300],
            aliases=p.aliases,
            dates_of_birth=p.dates_of_birth,
            nationalities=p.nationalities,
            programme=p.programme[:200],
            remarks=p.remarks,
        )
        for p in parsed
    )
    audit_record(
        action="screening.list_imported",
        actor=acting_user,
        target=imported,
        after={"source": source, "entries": len(parsed), "sha256": imported.sha256},
    )
    return imported


_index_cache: dict = {}


def list_index() -> ListIndex:
    """The lists in force, folded once per process and import (folding a full OFAC list
    takes about a second; a sign-up should not pay it)."""
    version = tuple(
        SanctionsList.objects.filter(in_force=True)
        .order_by("id")
        .values_list("id", "sha256", "imported_at")
    )
    cached = _index_cache.get("lists")
    if cached is not None and cached[0] == version:
        return cached[1]
    entries = SanctionsEntry.objects.filter(sanctions_list__in_force=True)
    index = ListIndex.from_entries(
        entries.only("id", "key", "name", "aliases", "dates_of_birth", "nationalities")
    )
    _index_cache["lists"] = (version, index)
    return index


# --- Screening -----------------------------------------------------------------------


def threshold() -> int:
    return int(settings.SCREENING_THRESHOLD)


def _names_of(user) -> tuple[list[str], object]:
    profile = BorrowerProfile.objects.filter(user=user).first()
    names = {
        n.strip() for n in [getattr(profile, "full_name", ""), user.full_name] if n and n.strip()
    }
    return sorted(names), getattr(profile, "date_of_birth", None)


def borrower_matches(*, user, index: ListIndex | None = None) -> list[tuple[str, Match]]:
    """Read-only: the (screened name, match) pairs at or above the threshold."""
    index = index or list_index()
    names, dob = _names_of(user)
    found: dict[str, tuple[str, Match]] = {}
    for name in names:
        for match in index.screen(name, date_of_birth=dob, threshold=threshold()):
            if match.key not in found or match.score > found[match.key][1].score:
                found[match.key] = (name, match)
    return list(found.values())


@transaction.atomic
def hits_record(*, user, matches: list[tuple[str, Match]], trigger: str) -> list[ScreeningHit]:
    """One hit per borrower and listed entry, ever: an entry already reviewed (or waiting)
    for this borrower is not raised again by the next screening of the same list."""
    known = set(ScreeningHit.objects.filter(user=user).values_list("entry_key", flat=True))
    created = []
    for name, match in matches:
        if match.key in known:
            continue
        hit = ScreeningHit.objects.create(
            user=user,
            entry_id=match.entry_id,
            entry_key=match.key,
            screened_name=name[:300],
            matched_name=match.matched_name[:300],
            score=match.score,
            reasons=match.reasons,
            trigger=trigger,
        )
        audit_record(
            action="screening.hit_recorded",
            actor=None,
            target=hit,
            after={"entry": match.key, "score": match.score, "trigger": trigger},
        )
        created.append(hit)
    return created


def borrower_screen(*, user, trigger: str, index: ListIndex | None = None) -> list[ScreeningHit]:
    return hits_record(user=user, matches=borrower_matches(user=user, index=index), trigger=trigger)


def screening_rescreen_all(*, trigger: str = "list_import") -> int:
    """Every borrower against the lists in force; returns the number of new hits."""
    index = list_index()
    total = 0
    for profile in BorrowerProfile.objects.select_related("user").iterator(chunk_size=500):
        total += len(borrower_screen(user=profile.user, trigger=trigger, index=index))
    return total


# --- Gates ---------------------------------------------------------------------------


class ScreeningHitFound(DomainError):
    """Raised by the approval gate; carries the new matches so that they are recorded
    after the refused approval's transaction is rolled back (screening_hits_kept)."""

    def __init__(self, detail: str, *, user, matches):
        super().__init__("screening_hit", detail)
        self.user, self.matches = user, matches


def _blocking(user):
    return ScreeningHit.objects.filter(user=user, status__in=[*UNRESOLVED, HitStatus.CONFIRMED])


def screening_approval_gate(*, user) -> None:
    """Approval: refuse while a hit is unresolved or confirmed, and screen afresh (the
    lists may have changed since sign-up); new matches are refused and queued."""
    blocking = list(_blocking(user).values_list("pk", flat=True))
    if blocking:
        raise DomainError(
            "screening_hit",
            f"{user} has sanctions screening hits under review or confirmed "
            f"(#{', #'.join(map(str, blocking))}); approval waits until they are cleared.",
        )
    known = set(ScreeningHit.objects.filter(user=user).values_list("entry_key", flat=True))
    fresh = [(n, m) for n, m in borrower_matches(user=user) if m.key not in known]
    if fresh:
        names = ", ".join(sorted({m.matched_name for _, m in fresh}))
        raise ScreeningHitFound(
            f"{user}'s name is close to a sanctions list entry ({names}); the hit is queued "
            "for review and approval waits until it is cleared.",
            user=user,
            matches=fresh,
        )


def screening_disbursement_gate(*, user) -> None:
    """Disbursement is frozen while a hit is unresolved or confirmed."""
    if _blocking(user).exists():
        raise DomainError(
            "screening_hit",
            f"{user} has a sanctions screening hit that is unresolved or confirmed; "
            "no money goes out until it is cleared.",
        )


def screening_hits_kept(fn):
    """Put between @refusals_audited and @transaction.atomic of a service calling
    screening_approval_gate: the refused call is rolled back, then its hits are saved."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ScreeningHitFound as exc:
            hits_record(user=exc.user, matches=exc.matches, trigger="approval")
            raise

    return wrapper


# --- Review (maker-checker) ----------------------------------------------------------


@refusals_audited("screening.review_refused")
@transaction.atomic
def screening_hit_review(
    *, acting_user, hit: ScreeningHit, decision: str, reason: str
) -> ScreeningHit:
    """`decision` is "clear" or "confirm". The first reviewer proposes; a different
    reviewer making the same decision makes it final. A different reviewer who disagrees
    replaces the proposal (and becomes its maker). Nobody reviews a hit on themselves."""
    if decision not in ("clear", "confirm"):
        raise DomainError("validation_error", "Decision is clear or confirm.")
    if not acting_user.has_perm(REVIEW_PERM):
        raise DomainError("permission_denied", "You cannot review screening hits.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("validation_error", "Give a reason.", errors={"reason": ["required"]})
    hit = ScreeningHit.objects.select_for_update().get(pk=hit.pk)
    if hit.user_id == acting_user.pk:
        raise DomainError("maker_checker", "Nobody reviews a screening hit on themselves.")
    if hit.status not in UNRESOLVED:
        raise DomainError(
            "invalid_state", f"This hit is already {hit.get_status_display().lower()}."
        )
    proposed = HitStatus.CLEAR_PROPOSED if decision == "clear" else HitStatus.CONFIRM_PROPOSED
    final = HitStatus.CLEARED if decision == "clear" else HitStatus.CONFIRMED
    before = {"status": hit.status}
    now = timezone.now()
    if hit.status == proposed:
        if hit.proposed_by_id == acting_user.pk:
            raise DomainError(
                "maker_checker", f"You proposed to {decision} this hit; another reviewer decides."
            )
        hit.status, hit.decided_by, hit.decided_reason, hit.decided_at = (
            final,
            acting_user,
            reason,
            now,
        )
    else:
        hit.status, hit.proposed_by, hit.proposed_reason, hit.proposed_at = (
            proposed,
            acting_user,
            reason,
            now,
        )
    hit.save()
    audit_record(
        action="screening.reviewed",
        actor=acting_user,
        target=hit,
        before=before,
        after={"status": hit.status, "decision": decision, "reason": reason},
    )
    return hit
