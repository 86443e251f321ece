"""Where a date sits in an article's head, to tell its own date from dates in the story.

Used by :func:`blocgraph.ingest.dates.find_publication_date`; kept apart because it is
about page layout (bylines, datelines, "6 min read"), not about reading dates.
"""

from __future__ import annotations

import re

_LABEL_RE = re.compile(
    r"(?i:\b(?:first\s+)?(?:published|posted|publication\s+date|date)(?:\s+on)?\s*[:\-\u2013]?\s*)$"
)
# What may share a line with the publication date: separators, reading time, clock time,
# time zones, "Updated". Anything else left over means the date sits inside prose.
_HEAD_NOISE_RE = re.compile(
    r"[\s·|•,;:()\[\]/\-\u2013\u2014]+|\b\d+\s*min(?:ute)?s?(?:\s+read)?\b"
    r"|\b\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?|\b[A-Z]{2,5}\b"
    r"|(?i:\b(?:updated|last\s+updated|modified|published|posted|read|on|at|am|pm)\b)"
)
_DATELINE_LEAD_RE = re.compile(r"^\s*[A-Z][A-Z .'\u2019-]+(?:,\s*[A-Z][\w .'\u2019-]*)*,\s*$")
_DATELINE_TAIL_RE = re.compile(r"^\s*(?:--|[-\u2013\u2014/(]|$)")
_SHORT_LINE = 80


def _line_around(head: str, start: int, end: int) -> tuple[str, str]:
    """The text sharing the line of ``head[start:end]``, before and after it."""
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    line_end = len(head) if line_end < 0 else line_end
    return head[line_start:start], head[end:line_end]


def head_rank(head: str, start: int, end: int) -> int | None:
    """How surely the date at ``head[start:end]`` is the article's own (lower is surer).

    0 after a "Published:" label, 1 alone on its line or in a press-release dateline,
    2 on a short line that is not a sentence, None inside prose.
    """
    before, after = _line_around(head, start, end)
    if _LABEL_RE.search(before):
        return 0
    if not _HEAD_NOISE_RE.sub("", before + " " + after):
        return 1
    if _DATELINE_LEAD_RE.match(before) and _DATELINE_TAIL_RE.match(after):
        return 1
    line = (before + head[start:end] + after).strip()
    if len(line) <= _SHORT_LINE and not line.endswith("."):
        return 2
    return None
