"""Bloc dependency: channel maths on small projections, and the dev corpus end to end."""

from __future__ import annotations

import json

import neo4j
import pytest

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.analytics.channels import LEAD_FACTOR, USD_PER_UNIT, to_usd
from blocgraph.graph.analytics.dependency import (
    CHANNEL_WEIGHTS,
    DependencyPath,
    DependencyResult,
    dependency,
    dependency_matrix,
)
from blocgraph.graph.analytics.projection import Projection, load_projection
from blocgraph.graph.store.settings import Settings
from tests.graph.dev_corpus import ensure_dev_graph
from tests.graph.projection_builder import Builder


def _startup() -> Builder:
    b = Builder().entity("startup")
    b.fact("HEADQUARTERS", ORG="startup", IN_COUNTRY="FR")
    b.entity("us-vc", "Investor", reference="US").entity("cn-vc", "Investor", reference="CN")
    return b


def test_amounts_are_converted_and_leads_weighted_up() -> None:
    b = _startup()
    b.fact("FUNDING_ROUND", amount=100.0, currency="EUR", RAISED_BY="startup",
           INVESTOR=["us-vc", "cn-vc"], lead=["us-vc"])
    result = dependency(b.build(), "startup")
    us_share = LEAD_FACTOR / (LEAD_FACTOR + 1)
    assert result.score("us", "capital") == pytest.approx(us_share)
    assert result.score("china", "capital") == pytest.approx(1 - us_share)
    [path] = result.paths("us", "capital")
    assert path.weight == pytest.approx(100 * USD_PER_UNIT["EUR"] * us_share)


def test_unknown_amounts_count_as_the_median_known_one() -> None:
    b = _startup()
    b.fact("INVESTMENT", amount=30.0, currency="USD", INVESTEE="startup", INVESTOR="us-vc")
    b.fact("INVESTMENT", INVESTEE="startup", INVESTOR="cn-vc")
    result = dependency(b.build(), "startup")
    assert result.score("us", "capital") == pytest.approx(0.5)
    assert result.score("china", "capital") == pytest.approx(0.5)


def test_channels_without_evidence_are_left_out_of_the_mix() -> None:
    b = _startup()
    b.fact("INVESTMENT", amount=1.0, currency="USD", INVESTEE="startup", INVESTOR="us-vc")
    result = dependency(b.build(), "startup")
    norm = CHANNEL_WEIGHTS["home"] + CHANNEL_WEIGHTS["capital"]
    assert result.score("eu") == pytest.approx(CHANNEL_WEIGHTS["home"] / norm)
    assert result.score("us") == pytest.approx(CHANNEL_WEIGHTS["capital"] / norm)
    used = {c.name: c.effective_weight for c in result.channels}
    assert used["state"] == used["restrictions"] == 0.0


def test_unplaced_investors_stay_unattributed() -> None:
    b = _startup().entity("mystery", "Investor")
    b.fact("INVESTMENT", amount=1.0, currency="USD", INVESTEE="startup", INVESTOR="us-vc")
    b.fact("INVESTMENT", amount=3.0, currency="USD", INVESTEE="startup", INVESTOR="mystery")
    result = dependency(b.build(), "startup")
    capital = next(c for c in result.channels if c.name == "capital")
    assert capital.unattributed == pytest.approx(0.75)
    assert result.score("us", "capital") == pytest.approx(0.25)


def test_state_funding_and_restrictions_through_products() -> None:
    b = _startup().entity("paris", "Government", reference="FR")
    b.entity("beijing", "Government", reference="CN").entity("model", "AIModel")
    b.fact("GOVERNMENT_FUNDING", amount=5.0, currency="EUR", FUNDER="paris", RECIPIENT="startup")
    b.fact("DEVELOPS", DEVELOPER="startup", PRODUCT="model")
    ban = b.fact("BAN", ACTOR="beijing", SUBJECT="model")
    result = dependency(b.build(), "startup")
    assert result.score("eu", "state") == 1.0
    [path] = result.paths("china", "restrictions")
    assert [s.type for s in path.steps] == ["DEVELOPS", "BAN"]
    assert path.steps[1].key == ban


def test_as_of_drops_dated_facts_but_keeps_undated_ones() -> None:
    b = _startup()
    b.fact("INVESTMENT", date="2024-03", amount=1.0, currency="USD", INVESTEE="startup",
           INVESTOR="us-vc")
    b.fact("INVESTMENT", INVESTEE="startup", INVESTOR="cn-vc")
    before = dependency(b.build(), "startup", as_of="2024-02-29")
    assert before.score("us") == 0.0
    [kept] = before.paths("china", "capital")
    assert kept.undated
    assert dependency(b.build(), "startup", as_of="2024-03").score("us") > 0
    with pytest.raises(InputError):
        dependency(b.build(), "startup", as_of="March 2024")


def test_currency_table() -> None:
    assert to_usd(10.0, "usd") == 10.0
    assert to_usd(10.0, "XYZ") is None
    assert to_usd(None, "USD") is None


def test_matrix_rows_and_type_check() -> None:
    b = _startup().entity("idle")
    matrix = dependency_matrix(b.build())
    assert matrix.entities == ("startup",)
    assert matrix.row("startup")["eu"] == 1.0
    assert "idle" in dependency_matrix(b.build(), include_empty=True).entities
    with pytest.raises(InputError):
        dependency_matrix(b.build(), entity_type="Spaceship")


# --- the dev corpus, loaded through the real extractor and loader ------------------------


@pytest.fixture(scope="module")
def dev_projection(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Projection:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return load_projection(neo4j_driver, database=neo4j_settings.database)


def _path_to(result: DependencyResult, bloc: str, channel: str,
             counterpart: str | None) -> DependencyPath:
    found = [p for p in result.paths(bloc, channel) if p.counterpart == counterpart]
    assert found, f"no {channel} path to {bloc} through {counterpart}: {result.paths(bloc)}"
    return found[0]


def _evidence(path: DependencyPath) -> list[str]:
    return [s.text or "" for step in path.steps for s in step.sources]


@pytest.mark.neo4j
def test_mistral_depends_on_the_eu_us_and_singapore(dev_projection: Projection) -> None:
    result = dependency(dev_projection, "mistral-ai")
    home = _path_to(result, "eu", "home", None)
    assert [(s.type, s.target) for s in home.steps] == [("HEADQUARTERS", "FR")]
    assert any("French" in text or "Paris" in text for text in _evidence(home))

    bpi = _path_to(result, "eu", "capital", "bpifrance")
    assert [s.type for s in bpi.steps][-1] == "OWNERSHIP"
    assert (bpi.steps[-1].source, bpi.steps[-1].target, bpi.via) == (
        "bpifrance", "france", "state-owner")
    assert any("Bpifrance" in text for text in _evidence(bpi))

    a16z = _path_to(result, "us", "capital", "andreessen-horowitz")
    assert any("Andreessen Horowitz" in text for text in _evidence(a16z))

    temasek = _path_to(result, "other", "capital", "temasek")
    assert (temasek.steps[-1].type, temasek.steps[-1].target) == ("OWNERSHIP", "singapore")
    assert any("Temasek" in text for text in _evidence(temasek))
    assert result.blocs[0].bloc == "eu"
    assert 0 < result.score("other") < result.score("us") < result.score("eu") <= 1


@pytest.mark.neo4j
def test_anthropic_us_capital_and_a_restriction_involving_china(
    dev_projection: Projection,
) -> None:
    result = dependency(dev_projection, "anthropic")
    for investor in ("google", "amazon"):
        path = _path_to(result, "us", "capital", investor)
        assert path.steps[0].type in ("INVESTMENT", "FUNDING_ROUND")
        assert any(investor.title() in text for text in _evidence(path))
    ban = _path_to(result, "china", "restrictions", "china")
    assert ban.steps[-1].type == "BAN"
    assert any("China" in text for text in _evidence(ban))
    assert result.blocs[0].bloc == "us"


@pytest.mark.neo4j
def test_as_of_before_mistrals_investments_removes_dated_capital(
    dev_projection: Projection, neo4j_driver: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    now = dependency(dev_projection, "mistral-ai")
    dated_now = [p for p in now.paths(channel="capital") if not p.undated]
    assert dated_now, "the dev corpus should give Mistral dated investments"
    early = dependency(neo4j_driver, "mistral-ai", as_of="2023-01-01",
                       database=neo4j_settings.database)
    assert early.as_of == "2023-01-01"
    assert all(p.undated for p in early.paths(channel="capital"))
    assert {p.steps[0].key for p in early.paths(channel="capital")} < {
        p.steps[0].key for p in now.paths(channel="capital")}
    assert early.paths("eu", "home")


@pytest.mark.neo4j
def test_dev_results_serialise_and_matrix_covers_companies(dev_projection: Projection) -> None:
    result = dependency(dev_projection, "mistral-ai")
    assert json.loads(json.dumps(result.to_dict()))["entity_id"] == "mistral-ai"
    matrix = dependency_matrix(dev_projection)
    assert {"mistral-ai", "anthropic"} <= set(matrix.entities)
    assert matrix.row("mistral-ai")["eu"] == pytest.approx(result.score("eu"))
    assert all(0 <= v <= 1 for row in matrix.scores for v in row)
    assert all(sum(row) <= 1 + 1e-9 for row in matrix.scores)
    with pytest.raises(NotFoundError):
        dependency(dev_projection, "no-such-entity")
