"""JSON Lines export of the dev corpus, the streaming reader and export scopes."""

from __future__ import annotations

import io
import json
import threading
from typing import Any

import neo4j
import pytest

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.export.base import GraphItem, iter_graph
from blocgraph.graph.export.formats import ExportOptions, iter_export
from blocgraph.graph.export.jsonl import item_to_json, json_to_item, read_jsonl
from blocgraph.graph.export.scope import Scope
from blocgraph.schema.model import load_model
from blocgraph.schema.vocabulary import KINDS
from tests.graph.export_helpers import export_bytes, label_counts

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def lines(dev: tuple[neo4j.Driver, str]) -> list[dict[str, Any]]:
    text = export_bytes(*dev, "jsonl").decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _fact(lines: list[dict[str, Any]], code: str, **participants: str) -> dict[str, Any]:
    for line in lines:
        if line["kind"] == "fact" and line["type"] == code and all(
                value in line["participants"].get(name, []) for name, value in
                participants.items()):
            return line
    raise AssertionError(f"no {code} fact with {participants}")


def test_one_line_per_node_in_dependency_order(dev: tuple[neo4j.Driver, str],
                                               lines: list[dict[str, Any]]) -> None:
    counts = label_counts(*dev)
    kinds = [line["kind"] for line in lines]
    assert kinds == sorted(kinds, key=KINDS.index)
    assert kinds.count("entity") == counts["Entity"]
    assert kinds.count("fact") == counts["Fact"]
    assert kinds.count("article") == counts["Article"]
    assert kinds.count("country") == counts["Country"]


def test_facts_carry_participants_by_field_and_their_sources(lines: list[dict[str, Any]]) -> None:
    series_a = _fact(lines, "FUNDING_ROUND", company="mistral-ai",
                     lead_investors="andreessen-horowitz")
    assert series_a["properties"]["round"] == "Series A"
    assert "andreessen-horowitz" in series_a["participants"]["investors"]
    [source] = series_a["sources"]
    assert "Series A" in source["text"] and source["end"] > source["start"]
    assert source["values"]["company"] == "mistral-ai"  # parsed, not a JSON string
    hq = _fact(lines, "HEADQUARTERS", org="mistral-ai")
    assert hq["participants"]["country"] == ["FR"]
    mistral = next(line for line in lines if line.get("id") == "mistral-ai")
    assert mistral["type"] == "Company" and mistral["properties"]["name"] == "Mistral AI"
    france = next(line for line in lines if line.get("iso") == "FR")
    assert france["member_of"] == [{"id": "eu"}]


def test_every_line_reads_back_as_the_item_it_came_from(dev: tuple[neo4j.Driver, str]) -> None:
    model = load_model()
    items = list(iter_graph(dev[0], database=dev[1]))
    for item in items:
        assert json_to_item(model, json.loads(json.dumps(item_to_json(model, item)))) == item
    text = export_bytes(*dev, "jsonl").decode("utf-8")
    assert list(read_jsonl(model, io.StringIO(text))) == items


def test_bad_lines_are_reported_with_their_number() -> None:
    model = load_model()
    good = '{"kind": "bloc", "id": "eu", "properties": {"name": "EU"}}\n'
    with pytest.raises(InputError, match=":2: unknown kind"):
        list(read_jsonl(model, io.StringIO(good + '{"kind": "planet", "id": "x"}\n')))
    with pytest.raises(InputError, match=":1:"):
        list(read_jsonl(model, io.StringIO('{"kind": "entity", "id": "x", "type": "Ban"}\n')))
    with pytest.raises(InputError, match="not valid JSON"):
        list(read_jsonl(model, io.StringIO("{oops\n")))


# --- the streaming reader and scopes ----------------------------------------------------


def test_small_pages_give_the_same_items(dev: tuple[neo4j.Driver, str]) -> None:
    whole = list(iter_graph(dev[0], database=dev[1]))
    paged = list(iter_graph(dev[0], database=dev[1], batch_size=7))
    assert paged == whole
    scoped = Scope(entity="mistral-ai", hops=2)
    assert list(iter_graph(dev[0], scoped, database=dev[1], batch_size=3)) == list(
        iter_graph(dev[0], scoped, database=dev[1]))


def _items(dev: tuple[neo4j.Driver, str], scope: Scope) -> dict[str, list[GraphItem]]:
    found: dict[str, list[GraphItem]] = {kind: [] for kind in KINDS}
    for item in iter_graph(dev[0], scope, database=dev[1]):
        found[item.kind].append(item)
    return found


def _closed(found: dict[str, list[GraphItem]]) -> None:
    """Every relationship of a scoped export ends at a node the export holds."""
    keys = {(kind, item.id) for kind, items in found.items() for item in items}
    for items in found.values():
        for item in items:
            for link in item.links:
                assert (link.target_kind, link.target) in keys, (item.id, link)


def test_an_entity_scope_holds_its_facts_their_participants_and_sources(
    dev: tuple[neo4j.Driver, str],
) -> None:
    found = _items(dev, Scope(entity="mistral-ai", hops=1))
    _closed(found)
    assert all(any(link.target == "mistral-ai" for link in fact.links) for fact in found["fact"])
    assert {"mistral-ai", "andreessen-horowitz"} <= {e.id for e in found["entity"]}
    assert "FR" in {c.id for c in found["country"]}
    assert "eu" in {b.id for b in found["bloc"]}
    assert found["article"]
    wider = _items(dev, Scope(entity="mistral-ai", hops=2))
    assert len(wider["fact"]) > len(found["fact"])
    alone = _items(dev, Scope(entity="mistral-ai", hops=0))
    assert [e.id for e in alone["entity"]] == ["mistral-ai"] and not alone["fact"]


def test_a_bloc_scope_holds_the_entities_placed_in_it(dev: tuple[neo4j.Driver, str]) -> None:
    found = _items(dev, Scope(bloc="eu"))
    _closed(found)
    ids = {e.id for e in found["entity"]}
    assert {"mistral-ai", "france", "bpifrance"} <= ids
    assert "anthropic" not in ids or any(
        link.target == "anthropic" for fact in found["fact"] for link in fact.links)
    assert {"FR", "DE"} <= {c.id for c in found["country"]}


def test_bad_scopes_fail_clearly(dev: tuple[neo4j.Driver, str]) -> None:
    with pytest.raises(NotFoundError):
        list(iter_graph(dev[0], Scope(entity="no-such-entity"), database=dev[1]))
    with pytest.raises(NotFoundError):
        list(iter_graph(dev[0], Scope(bloc="atlantis"), database=dev[1]))
    with pytest.raises(InputError):
        Scope(entity="mistral-ai", bloc="eu")
    with pytest.raises(InputError):
        Scope(entity="mistral-ai", hops=99)


def test_chunks_stream_through_a_worker_that_stops_when_the_reader_does(
    dev: tuple[neo4j.Driver, str],
) -> None:
    options = ExportOptions(database=dev[1])
    whole = b"".join(iter_export(dev[0], "jsonl", options))
    assert whole == export_bytes(*dev, "jsonl")
    chunks = iter_export(dev[0], "nt", options)
    assert next(chunks)
    chunks.close()  # a client that went away
    assert not any(t.name == "export-nt" and t.is_alive() for t in threading.enumerate())
    with pytest.raises(NotFoundError):
        next(iter_export(dev[0], "jsonl", ExportOptions(Scope(entity="nope"), database=dev[1])))
