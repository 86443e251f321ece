"""One ban, one actor: a headline's "Beijing shuts out X" and the body's "the CAC
barred X" are the same measure, and the gold names the body that took it.

Every BAN candidate of the article passes through :func:`settle`. When a state
("China") and one of its own public bodies (same country, "Cyberspace
Administration") ban the same target with compatible dates, the state's
candidates take the body as actor, whichever sentence came first; the article's
facts are merged only after all rules ran, so a retargeted candidate joins the
body's fact. Different dates ("the US banned H100 exports in 2022; BIS tightened
the rules in 2023") are different measures and stay apart.
"""

from __future__ import annotations

from blocgraph.ingest.rules.ban_targets import PUBLIC_BODY
from blocgraph.ingest.rules.base import Candidate, Context

SEEN = "ban_candidates"
GUESSES = "ban_guessed"


def settle(ctx: Context, candidate: Candidate, guessed: bool = False) -> Candidate:
    """``guessed``: the actor was inferred from context, not named; a named actor of
    the same target ("Huawei, SMIC are listed" in a headline, "the Trade
    Administration added Huawei and SMIC" below) takes its place, either way round."""
    earlier: list[Candidate] = ctx.memory.setdefault(SEEN, [])
    guesses: list[int] = ctx.memory.setdefault(GUESSES, [])
    if guessed:
        guesses.append(id(candidate))
    for other in earlier:
        if other.fields["target"] != candidate.fields["target"] or not _same_time(
                other, candidate):
            continue
        other_guessed = id(other) in guesses
        if guessed and not other_guessed:
            candidate.fields["actor"] = other.fields["actor"]
            guesses.remove(id(candidate))
            guessed = False
        elif other_guessed and not guessed:
            other.fields["actor"] = candidate.fields["actor"]
            guesses.remove(id(other))
        elif _state_and_body(ctx, candidate.fields["actor"], other.fields["actor"]):
            candidate.fields["actor"] = other.fields["actor"]
        elif _state_and_body(ctx, other.fields["actor"], candidate.fields["actor"]):
            other.fields["actor"] = candidate.fields["actor"]
    earlier.append(candidate)
    return candidate


def _same_time(one: Candidate, two: Candidate) -> bool:
    first, second = one.fields.get("date"), two.fields.get("date")
    if not first or not second:
        return True
    return str(first).startswith(str(second)) or str(second).startswith(str(first))


def _state_and_body(ctx: Context, state: str | None, body: str | None) -> bool:
    """``state`` is a country and ``body`` one of its public bodies."""
    records = ctx.resolver.records
    one, two = records.get(state or ""), records.get(body or "")
    if one is None or two is None or one.type != "Government" or two.type != "Government":
        return False
    if one.id == two.id or not one.country or one.country != two.country:
        return False
    return not PUBLIC_BODY.search(one.display_name()) and bool(
        PUBLIC_BODY.search(two.display_name()) or two.display_name().isupper())
