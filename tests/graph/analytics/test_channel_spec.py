"""The declared dependency channels (``channels.yaml``) load, agree with the model, and a
declaration the model cannot satisfy fails at load time with a clear ModelError."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from blocgraph.errors import ModelError
from blocgraph.graph.analytics import channels
from blocgraph.graph.analytics.channel_spec import (
    CHANNELS_FILE,
    channel_spec,
    load_channel_spec,
)
from blocgraph.graph.analytics.dependency import CHANNEL_WEIGHTS, dated_fact_types
from blocgraph.schema.exchange_rates import load_exchange_rates
from blocgraph.schema.model import load_model
from blocgraph.schema.reference import DEFAULT_REFERENCE_DIR


def _declared() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CHANNELS_FILE.read_text(encoding="utf-8"))
    return loaded


def _write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "channels.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_the_bundled_table_loads_with_edges_from_the_model() -> None:
    spec = channel_spec()
    model = load_model()
    assert spec.names == ("home", "capital", "state", "restrictions")
    assert [c.label for c in spec.channels] == ["Home", "Capital", "State", "Restrictions"]
    assert spec.channel("capital").hint == "who funds it"
    assert spec.channel("restrictions").hint == (
        "bans that cut it off from a bloc, or that it imposes")
    assert dict(CHANNEL_WEIGHTS) == spec.weights
    assert sum(spec.weights.values()) == pytest.approx(1.0)
    home = model.fact_type(spec.home.fact)
    assert spec.home.entity.edge == home.field(spec.home.entity.name).edge
    assert home.field(spec.home.country.name).type == "country"
    for channel in spec.channels:
        assert channel.own_home != bool(channel.links)
        for declared in channel.links:
            fact = model.fact_type(declared.fact)
            for side in declared.sides:
                assert side.anchor.edge == fact.field(side.anchor.name).edge
                assert all(c.edge == fact.field(c.name).edge for c in side.counterparts)
    assert channel_spec() is spec  # checked once per model


def test_a_round_shares_its_amount_among_investors_with_leads_flagged() -> None:
    [investment, funding_round] = channel_spec().channel("capital").links
    assert not investment.split and investment.leads is None
    assert funding_round.split and funding_round.leads is not None
    # Lead investors are investors too: one edge, flagged.
    assert funding_round.leads.edge in funding_round.sides[0].counterpart_edges


def test_dated_fact_types_are_those_with_a_date_field() -> None:
    expected = {t.code for t in load_model().fact_types if t.date_field is not None}
    assert dated_fact_types() == expected
    assert dated_fact_types()  # the bundled model dates some facts


def test_an_unknown_channel_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown channel 'nope'"):
        channel_spec().channel("nope")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["channels"]["capital"]["links"][0].update(fact="INVESTMNT"),
     r"channel 'capital', link 1: unknown fact type 'INVESTMNT'"),
    (lambda d: d["channels"]["state"]["links"][0].update(anchor="recipeint"),
     r"channel 'state', link 1 \(GOVERNMENT_FUNDING\), anchor: unknown field 'recipeint'"),
    (lambda d: d["channels"]["capital"]["links"][0].update(amount="currency"),
     r"channel 'capital', link 1 \(INVESTMENT\), amount: field 'currency' of INVESTMENT "
     r"is of type 'currency', not 'amount'"),
    (lambda d: d["relations"]["home"].update(country="org"),
     r"relation 'home', country: field 'org' of HEADQUARTERS is of type 'entity'"),
    (lambda d: d["relations"]["ownership"].update(fact="OWNERSHIPS"),
     r"relation 'ownership': unknown fact type 'OWNERSHIPS'"),
    (lambda d: d["channels"]["restrictions"]["links"][0]["sides"].update(actor=["date"]),
     r"channel 'restrictions', link 1 \(BAN\), counterpart: field 'date' of BAN "
     r"is of type 'date', not 'entity'"),
    (lambda d: d["channels"]["capital"]["links"][1].update(leads="company"),
     r"channel 'capital', link 2 \(FUNDING_ROUND\): leads field 'company' must flag "
     r"the edge of a counterpart field"),
    (lambda d: d["channels"]["state"].update(wieght=1),
     r"channel 'state': unknown key\(s\) wieght"),
    (lambda d: d["channels"]["home"].update(links=d["channels"]["state"]["links"]),
     r"channel 'home': declare either 'own_home: true' or 'links'"),
    (lambda d: d["channels"]["state"].update(weight=-1),
     r"channel 'state': 'weight' must be a number >= 0"),
    (lambda d: d["channels"]["state"].pop("label"),
     r"channel 'state': 'label' must be a non-empty string, got None"),
    (lambda d: d["channels"]["capital"].update(hint=3),
     r"channel 'capital': 'hint' must be a non-empty string, got 3"),
    (lambda d: d["channels"]["home"].update(label="  "),
     r"channel 'home': 'label' must be a non-empty string"),
])
def test_a_bad_declaration_is_a_clear_model_error(tmp_path: Path, change: Any,
                                                  message: str) -> None:
    doc = copy.deepcopy(_declared())
    change(doc)
    with pytest.raises(ModelError, match=r"^channels\.yaml: " + message):
        load_channel_spec(load_model(), _write(tmp_path, doc))


def test_a_new_channel_is_declared_in_yaml_alone(tmp_path: Path) -> None:
    """Feeding a channel from another fact type is a YAML entry, checked like the rest."""
    doc = _declared()
    doc["channels"]["people"] = {
        "label": "People", "hint": "who runs it", "weight": 0.1,
        "links": [{"fact": "ROLE", "anchor": "org", "counterparts": ["person"]}]}
    spec = load_channel_spec(load_model(), _write(tmp_path, doc))
    people = spec.channel("people")
    assert spec.names[-1] == "people" and (people.label, people.hint) == ("People", "who runs it")
    [declared] = people.links
    assert declared.anchor_edges == (load_model().fact_type("ROLE").field("org").edge,)


def test_exchange_rates_are_reference_data(tmp_path: Path) -> None:
    rates = load_exchange_rates()
    assert dict(channels.USD_PER_UNIT) == dict(rates)
    assert rates["USD"] == 1.0 and rates["EUR"] > 1.0
    assert load_exchange_rates(DEFAULT_REFERENCE_DIR / "exchange_rates.yaml") is rates
    bad = tmp_path / "rates.yaml"
    bad.write_text("usd_per_unit: {USD: 1.0, eur: 1.08}\n", encoding="utf-8")
    with pytest.raises(ModelError, match="'eur' is not an upper-case ISO 4217 code"):
        load_exchange_rates(bad)
    bad.write_text("usd_per_unit: {USD: 1.0, EUR: -1}\n", encoding="utf-8")
    with pytest.raises(ModelError, match="entry 'EUR': the rate must be a positive number"):
        load_exchange_rates(bad)
