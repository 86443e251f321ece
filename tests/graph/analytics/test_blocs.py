"""Entity -> country -> bloc: headquarters, reference data, ownership chains to a state."""

from __future__ import annotations

import neo4j
import pytest

from blocgraph.errors import NotFoundError
from blocgraph.graph.analytics import blocs
from blocgraph.graph.analytics.projection import Projection, load_projection
from blocgraph.graph.store.settings import Settings
from tests.graph.dev_corpus import ensure_dev_graph
from tests.graph.projection_builder import Builder


def test_headquarters_fact_wins_over_reference_country() -> None:
    b = Builder().entity("acme", reference="US")
    hq = b.fact("HEADQUARTERS", ORG="acme", IN_COUNTRY="FR")
    [placement] = blocs.home(b.build(), "acme")
    assert (placement.bloc, placement.country, placement.via) == ("eu", "FR", "headquarters")
    assert placement.steps == (hq,)


def test_disagreeing_headquarters_split_by_support() -> None:
    b = Builder().entity("acme")
    b.fact("HEADQUARTERS", sources=3, ORG="acme", IN_COUNTRY="FR")
    b.fact("HEADQUARTERS", sources=1, ORG="acme", IN_COUNTRY="US")
    shares = {p.bloc: p.share for p in blocs.home(b.build(), "acme")}
    assert shares == {"eu": 0.75, "us": 0.25}
    assert blocs.dominant_bloc(blocs.home(b.build(), "acme")) == "eu"


def test_reference_then_property_fallbacks() -> None:
    b = Builder().entity("ref", reference="CN").entity("prop", country="SG").entity("nowhere")
    projection = b.build()
    assert [(p.bloc, p.via) for p in blocs.home(projection, "ref")] == [("china", "reference")]
    assert [(p.bloc, p.via) for p in blocs.home(projection, "prop")] == [("other", "property")]
    assert blocs.home(projection, "nowhere") == []
    assert blocs.reach(projection, "nowhere") == []


def test_government_is_its_own_country_even_with_a_stray_headquarters() -> None:
    b = Builder().entity("france", "Government", reference="FR")
    b.fact("HEADQUARTERS", ORG="france", IN_COUNTRY="US")
    [placement] = blocs.home(b.build(), "france")
    assert (placement.bloc, placement.via) == ("eu", "reference")


def test_state_owner_beats_the_funds_own_address() -> None:
    b = Builder().entity("lux-fund", "Investor", reference="LU")
    b.entity("ministry", "Government", reference="CN").entity("holding", "Company")
    first = b.fact("OWNERSHIP", OWNER="holding", OWNED="lux-fund")
    second = b.fact("OWNERSHIP", OWNER="ministry", OWNED="holding")
    [placement] = blocs.reach(b.build(), "lux-fund")
    assert (placement.bloc, placement.via) == ("china", "state-owner")
    assert placement.steps == (first, second)
    assert placement.through == ("holding", "ministry")


def test_owner_home_used_when_the_entity_has_none() -> None:
    b = Builder().entity("vehicle", "Investor").entity("parent", reference="US")
    own = b.fact("OWNERSHIP", OWNER="parent", OWNED="vehicle")
    [placement] = blocs.reach(b.build(), "vehicle")
    assert (placement.bloc, placement.via, placement.steps) == ("us", "owner", (own,))


def test_ownership_cycles_end() -> None:
    b = Builder().entity("a").entity("b").entity("c", "Government", reference="SG")
    b.fact("OWNERSHIP", OWNER="b", OWNED="a")
    b.fact("OWNERSHIP", OWNER="a", OWNED="b")
    assert blocs.state_chains(b.build(), "a") == []
    b.fact("OWNERSHIP", OWNER="c", OWNED="b")
    [chain] = blocs.state_chains(b.build(), "a")
    assert chain.owners == ("a", "b", "c")


def test_two_state_owners_share_the_link() -> None:
    b = Builder().entity("jv", "Investor").entity("fr", "Government", reference="FR")
    b.entity("us-gov", "Government", reference="US")
    b.fact("OWNERSHIP", OWNER="fr", OWNED="jv")
    b.fact("OWNERSHIP", OWNER="us-gov", OWNED="jv")
    shares = {p.bloc: p.share for p in blocs.reach(b.build(), "jv")}
    assert shares == {"eu": 0.5, "us": 0.5}


def test_redirected_ids_and_unknown_ids() -> None:
    b = Builder().entity("acme", reference="US")
    b.redirects["old-acme"] = "acme"
    projection = b.build()
    assert blocs.home(projection, "old-acme")[0].bloc == "us"
    with pytest.raises(NotFoundError):
        blocs.home(projection, "nobody")


# --- on the dev corpus, loaded through the real extractor and loader ------------------------


@pytest.fixture(scope="module")
def dev_projection(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Projection:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return load_projection(neo4j_driver, database=neo4j_settings.database)


@pytest.mark.neo4j
def test_temasek_reaches_singapores_bloc_through_its_state_owner(
    dev_projection: Projection,
) -> None:
    [placement] = blocs.reach(dev_projection, "temasek")
    assert (placement.bloc, placement.country, placement.via) == ("other", "SG", "state-owner")
    assert placement.through == ("singapore",)
    ownership = dev_projection.fact(placement.steps[0])
    assert ownership.type == "OWNERSHIP"
    assert any("Temasek" in (s.text or "") for s in ownership.sources)


@pytest.mark.neo4j
def test_bpifrance_reaches_the_eu_through_france(dev_projection: Projection) -> None:
    [placement] = blocs.reach(dev_projection, "bpifrance")
    assert (placement.bloc, placement.country, placement.via) == ("eu", "FR", "state-owner")
    assert placement.through == ("france",)


@pytest.mark.neo4j
def test_dev_corpus_homes(dev_projection: Projection) -> None:
    assert blocs.dominant_bloc(blocs.home(dev_projection, "mistral-ai")) == "eu"
    assert blocs.dominant_bloc(blocs.home(dev_projection, "anthropic")) == "us"
    assert blocs.dominant_bloc(blocs.home(dev_projection, "china")) == "china"
    assert blocs.dominant_bloc(blocs.reach(dev_projection, "andreessen-horowitz")) == "us"
    assert blocs.dominant_bloc(blocs.reach(dev_projection, "european-commission")) == "eu"


@pytest.mark.neo4j
def test_memoised_placements_do_not_depend_on_the_order_asked(
        neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    """home/reach/owner_chains are cached per projection; asking in any order, or twice,
    gives what a fresh projection computes for that entity alone."""
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    shared = load_projection(neo4j_driver, database=neo4j_settings.database)
    ids = [d["entity"].id for _, d in shared.graph.nodes(data=True) if d["kind"] == "entity"]
    forwards = {i: (blocs.home(shared, i), blocs.reach(shared, i)) for i in ids}
    again = {i: (blocs.home(shared, i), blocs.reach(shared, i)) for i in reversed(ids)}
    assert again == forwards
    fresh = load_projection(neo4j_driver, database=neo4j_settings.database)
    for entity_id in ids[::7]:
        alone = Projection(fresh.graph, fresh.redirects, None)  # empty caches
        assert (blocs.home(alone, entity_id), blocs.reach(alone, entity_id)) == forwards[entity_id]
