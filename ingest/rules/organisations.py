"""HEADQUARTERS and OWNERSHIP: where an organisation is based, and who controls it.

The family is split by cue so each module stays readable:
:mod:`.headquarters` (place, nationality and state cues over the skeleton, with or
without the parser), :mod:`.ownership` (units, owners, "owned by", states' funds
over the skeleton), :mod:`.ownership_states` (states named through descriptions
and possessives), :mod:`.headquarters_groups` (a group placed at once, "the
country's", attributes after a copula) and :mod:`.ownership_frames` (acquisitions, "owns", a state
setting up a fund and "X from France", read from the dependency parse). Importing
this module registers all of their rules.
"""

from __future__ import annotations

from blocgraph.ingest.rules import (
    headquarters,
    headquarters_groups,
    ownership,
    ownership_frames,
    ownership_states,
)

__all__ = ["headquarters", "headquarters_groups", "ownership", "ownership_frames",
           "ownership_states"]
