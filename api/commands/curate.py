"""``blocgraph curate merge|unmerge|retract|list``: human corrections, recorded for audit.

``merge KEEP DROP`` makes DROP one with KEEP (its facts move, later mentions of
DROP land on KEEP); ``unmerge DROP`` undoes that (its facts come back on it,
re-derived from their sources); ``retract FACT_KEY --why ...`` marks a fact wrong, and
re-ingesting never brings it back; ``list`` prints every decision.
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write import curation


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "curate", help="merge or unmerge entities, retract facts, list curation decisions",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="curate_action", required=True)
    merge = actions.add_parser("merge", help="merge entity DROP into entity KEEP")
    merge.add_argument("keep", metavar="KEEP")
    merge.add_argument("drop", metavar="DROP")
    merge.add_argument("--why", default=None, help="the reason, kept in the audit trail")
    _add_by(merge)
    merge.set_defaults(handler=_merge)
    unmerge = actions.add_parser("unmerge", help="undo the merge of entity DROP")
    unmerge.add_argument("drop", metavar="DROP")
    unmerge.add_argument("--why", default=None, help="the reason, kept in the audit trail")
    _add_by(unmerge)
    unmerge.set_defaults(handler=_unmerge)
    retract = actions.add_parser("retract", help="mark a fact as wrong")
    retract.add_argument("key", metavar="FACT_KEY")
    retract.add_argument("--why", required=True, help="the reason, kept in the audit trail")
    _add_by(retract)
    retract.set_defaults(handler=_retract)
    listing = actions.add_parser("list", help="print every curation decision, oldest first")
    listing.set_defaults(handler=_list)


def _add_by(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", default=None, help="who decides (default: the login name)")


def _who(args: argparse.Namespace) -> str:
    return str(args.by or getpass.getuser())


def _merge(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        result = curation.merge_entities(driver, args.keep, args.drop, _who(args), args.why,
                                         database=settings.database)
    finally:
        driver.close()
    print(f"merged {result.subject} into {result.target}: {result.moved} facts moved, "
          f"{result.folded} folded into existing facts ({result.id})")
    return 0


def _unmerge(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        result = curation.unmerge_entities(driver, args.drop, _who(args), args.why,
                                           database=settings.database)
    finally:
        driver.close()
    print(f"unmerged {result.subject} from {result.target}: {result.moved} facts moved back, "
          f"{result.folded} split by source ({result.id})")
    return 0


def _retract(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        result = curation.retract_fact(driver, args.key, args.why, _who(args),
                                       database=settings.database)
    finally:
        driver.close()
    print(f"retracted {result.subject} ({result.id})")
    return 0


def _list(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        decisions = curation.list_curations(driver, database=settings.database)
    finally:
        driver.close()
    for item in decisions:
        target = f" -> {item['target']}" if item.get("target") else ""
        why = f": {item['why']}" if item.get("why") else ""
        print(f"{item.get('at')}  {item.get('action')}  {item.get('subject')}{target}"
              f"  by {item.get('by')}{why}")
    if not decisions:
        print("no curation decisions")
    return 0
