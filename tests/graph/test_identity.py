"""Redirects through merge chains, and the judgement ids of the log (no database)."""

from __future__ import annotations

from blocgraph.graph import identity


def test_chains_resolve_to_the_last_survivor() -> None:
    direct = {"a": "b", "b": "c", "x": "c"}
    assert identity.resolve(direct, "a") == "c"
    assert identity.resolve(direct, "c") == "c"
    assert identity.resolve(direct, "unknown") == "unknown"
    assert identity.final_redirects(direct) == {"a": "c", "b": "c", "x": "c"}


def test_a_cycle_is_cut_where_it_closes() -> None:
    assert identity.resolve({"a": "b", "b": "a"}, "a") == "a"


def test_merged_under_is_an_id_and_everything_chained_through_it() -> None:
    direct = {"a": "b", "b": "c", "x": "c", "y": "a"}
    assert identity.merged_under(direct, "b") == {"a", "b", "y"}
    assert identity.merged_under(direct, "c") == {"a", "b", "c", "x", "y"}
    assert identity.merged_under(direct, "lonely") == {"lonely"}


def test_judgement_ids_repeat_and_a_merge_after_an_unmerge_is_new() -> None:
    first = identity.judgement("merge", "b", "c", "same", "ann")
    assert identity.judgement("merge", "b", "c", "same", "bob").id == first.id
    assert identity.judgement("merge", "b", "c", "other", "ann").id != first.id
    assert identity.judgement("merge", "b", "c", "same", "ann", 1).id != first.id
    assert first.id.startswith("merge-")


def test_cypher_fragments_follow_chains_a_bounded_number_of_hops() -> None:
    hops = f"*1..{identity.MAX_REDIRECT_HOPS}"
    assert hops in identity.canonical("n", "t")
    assert f"*0..{identity.MAX_REDIRECT_HOPS}" in identity.merged_into("e", "m")
    assert hops in identity.survivor_id("e") and hops in identity.chain_targets("ids", "t")
