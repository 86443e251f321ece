"""The ``model`` query: the domain model as clients need it to show facts.

A client (the explorer) labels, orders, summarises and draws facts from this
answer instead of tables of its own, so a fact type added to
``schema/types/*.yaml`` shows up everywhere with no client change; likewise the
dependency channels declared in ``graph/analytics/channels.yaml`` come with their
order, labels and hints, so a new channel needs no client change either. It is an
ordinary read, not introspection (which production turns off), built once from
:func:`blocgraph.schema.model.load_model` and costing nothing to answer.
"""

from __future__ import annotations

from functools import cache

import strawberry

from blocgraph.graph.analytics.channel_spec import Channel, channel_spec
from blocgraph.schema.model import NodeType, load_model


@strawberry.type(description="How a graph view draws a fact: one edge between two of its "
                             "fields.")
class DisplayEdgeInfo:
    source: str = strawberry.field(description="The field the edge starts from.")
    target: str = strawberry.field(description="The field the edge points at.")
    label: str = strawberry.field(description="The edge's verb, as a graph view labels it.")
    style: str | None = strawberry.field(description="`restriction`, or null for a plain edge.")


@strawberry.type(description="One field of a fact type, as the model declares it.")
class FactFieldInfo:
    name: str = strawberry.field(description="The field's name in the model (`actor`).")
    type: str = strawberry.field(description="entity, country, string, amount, currency or "
                                             "date.")
    list: bool = strawberry.field(description="True when it holds several values.")
    participant: bool = strawberry.field(description="True for entity and country fields "
                                                     "(edges to participants).")


@strawberry.type(description="A fact type: its code, how people read it, and its fields.")
class FactTypeInfo:
    code: str = strawberry.field(description="The `FactType` enum value.")
    title: str
    plural: str
    description: str
    order: int = strawberry.field(description="Reading order; `factTypes` come sorted by it.")
    headline: bool = strawberry.field(description="Always listed on an entity page, even "
                                                  "when empty.")
    dated: bool = strawberry.field(description="True when the type has a date field.")
    listing: str | None = strawberry.field(description="The Query field listing this type "
                                                       "alone, if any (`facts` lists every "
                                                       "type).")
    summary: str | None = strawberry.field(
        description="A one-line template: `{field}` a value, `{a|b|=text}` the first "
                    "non-empty of fields a, b else the text, `[...]` an optional segment "
                    "dropped when a field in it is empty.")
    edge: DisplayEdgeInfo | None
    fields: list[FactFieldInfo]


@strawberry.type(description="A concrete entity type.")
class EntityTypeInfo:
    name: str = strawberry.field(description="The `EntityType` enum value.")
    title: str
    plural: str


@strawberry.type(description="A dependency channel as declared: how readers see it and its "
                             "nominal weight.")
class ChannelInfo:
    name: str = strawberry.field(description="The channel's name, as `ChannelSummary.name` and "
                                             "`ChannelScore.channel` give it.")
    label: str = strawberry.field(description="The channel's name for readers (`Capital`).")
    hint: str = strawberry.field(description="What the channel counts, in a few words.")
    weight: float = strawberry.field(description="Its nominal weight in the combined score.")
    fact_types: list[str] = strawberry.field(description="The fact type codes that feed it "
                                                         "(for the own-home channel: the home "
                                                         "and owner facts), as declared.")


@strawberry.type(description="The domain model: fact and entity types as clients show them, "
                             "and the dependency channels.")
class ModelInfo:
    fact_types: list[FactTypeInfo]
    entity_types: list[EntityTypeInfo]
    channels: list[ChannelInfo] = strawberry.field(description="The dependency channels in "
                                                               "declared (scoring) order.")


def fact_type_info(fact: NodeType) -> FactTypeInfo:
    edge = fact.edge
    return FactTypeInfo(
        code=str(fact.code), title=fact.title, plural=fact.plural,
        description=fact.description, order=fact.order, headline=fact.headline,
        dated=fact.date_field is not None, listing=fact.listing, summary=fact.summary,
        edge=DisplayEdgeInfo(source=edge.source, target=edge.target, label=edge.label,
                             style=edge.style) if edge else None,
        fields=[FactFieldInfo(name=s.name, type=s.type, list=s.list,
                              participant=s.is_participant) for s in fact.fields])


@cache
def model_info() -> ModelInfo:
    """The answer, built once (the model does not change while the API runs)."""
    model = load_model()
    return ModelInfo(
        fact_types=[fact_type_info(f) for f in model.fact_types],
        entity_types=[EntityTypeInfo(name=t.name, title=t.title, plural=t.plural)
                      for t in model.entity_types],
        channels=[ChannelInfo(name=c.name, label=c.label, hint=c.hint, weight=c.weight,
                              fact_types=_channel_facts(c))
                  for c in channel_spec().channels])


def _channel_facts(channel: Channel) -> list[str]:
    if channel.own_home:
        spec = channel_spec()
        return [spec.home.fact, spec.ownership.fact]
    return list(dict.fromkeys(link.fact for link in channel.links))
