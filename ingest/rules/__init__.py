"""Fact rules, one module per family, registered by name.

Each rule is a function ``(skeleton, context) -> list[Candidate]``; the pipeline
runs every registered rule over every sentence skeleton, in registration order.
"""

from __future__ import annotations

# Importing the families registers their rules.
from blocgraph.ingest.rules import (
    bans,
    declared_frames,
    funding,
    organisations,
    products,
    public_funding,
    roles,
)
from blocgraph.ingest.rules.base import RULES, Candidate, Context, register

__all__ = [
    "RULES",
    "Candidate",
    "Context",
    "bans",
    "declared_frames",
    "funding",
    "organisations",
    "products",
    "public_funding",
    "register",
    "roles",
]
