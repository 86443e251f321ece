"""Is a clause asserted? Negation, hedges and speculation are not facts.

News marks what is not (yet) so with a small vocabulary: negators ("has not",
"never"), modal hedges ("could", "may"), attribution of speculation
("reportedly", "analysts expect", "is said to") and questions ("whether").
"Would" after a verb of saying ("said the state would spend") is reported
future, which news uses for announced decisions, so it stays asserted.
"Instead of" and "rather than" negate only the phrase they head: a clause that
opens with one ("Instead of chasing consumers, the company sells X") asserts
what follows its comma.
"""

from __future__ import annotations

import re

NEGATION = re.compile(
    r"\b(?:not|never|no|nor|neither|without|denied|denies|declined|rejected|refused"
    r"|turned down|turning [^.;]{0,30}away|ruled out|instead of|rather than)\b|n't\b",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|rumou?red|is said to|are said to|was said to|were said to"
    r"|said to be|expected to|expects?|expecting|could|might|should|ought|considered"
    r"|consider|considering|considers|candidate|in talks|talks to|weighs|weighing"
    r"|predicts?|predicted|possibl[ey]|potential(?:ly)?|plans? to|planning to|aims? to|hopes? to"
    r"|if|whether|unclear|fears?|seeks? to|seeking to|circling|familiar with|proposed|proposes"
    r"|would like|want|wants|accus\w*|bill to|could be next)\b",
    re.IGNORECASE,
)
REPORTED_WOULD = re.compile(
    r"\b(?:said|says|announced|stated|pledged|promised|told|confirmed)\b[^.;]{0,80}\bwould\b",
    re.IGNORECASE,
)
WOULD = re.compile(r"\bwould\b", re.IGNORECASE)
# The modal only in lower case: "In May, Berlin pledged ..." is the month.
MAY = re.compile(r"\bmay\b")
# "Instead of doing X, ..." / "Rather than X, ...": an opening phrase up to its comma.
OPENING_ALTERNATIVE = re.compile(r"^\W*(?:instead of|rather than)\b[^,;]*,", re.IGNORECASE)


def is_asserted(clause: str) -> bool:
    """False when the clause negates, hedges or speculates about what it states."""
    clause = OPENING_ALTERNATIVE.sub("", clause)
    if NEGATION.search(clause) or HEDGE.search(clause) or MAY.search(clause):
        return False
    return not (WOULD.search(clause) and not REPORTED_WOULD.search(clause))
