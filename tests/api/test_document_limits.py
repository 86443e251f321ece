"""The document meter: each fragment measured once, so expansion costs nothing to measure."""

from __future__ import annotations

from graphql import parse

from blocgraph.api.gql.document_limits import Shape, measure


def chain(levels: int, body: str = "blocs { id }") -> str:
    """Each fragment spreads the previous one twice: 2**levels copies of ``body``."""
    parts = [f"fragment M0 on Query {{ {body} }}"]
    parts += [f"fragment M{i} on Query {{ ...M{i - 1} ...M{i - 1} }}"
              for i in range(1, levels + 1)]
    return f"query Q {{ ...M{levels} }}\n" + "\n".join(parts)


def test_a_doubling_chain_is_measured_exactly_without_expanding_it() -> None:
    # 2**200 selections: an expanding walk would never finish, the memoised one is instant.
    shape = measure(parse(chain(200, "a: blocs { id }")))["Q"]
    assert shape == Shape(depth=1, aliases=2**200, selections=2 * 2**200)


def test_depth_counts_nesting_through_fragments_and_inline_fragments() -> None:
    document = parse("""
      query Deep { entity(id: "x") { ...F } }
      fragment F on Entity { facts { nodes { ... on Ban { key } } } }
      { blocs { id } }""")
    assert measure(document) == {"Deep": Shape(3, 0, 4), "anonymous": Shape(1, 0, 2)}


def test_introspection_fields_add_no_depth() -> None:
    document = parse("{ __schema { types { fields { name } } } }")
    assert measure(document)["anonymous"].depth == 0


def test_cycles_and_unknown_fragments_end() -> None:
    document = parse("""query { ...A ...Missing }
      fragment A on Query { blocs { id } ...B } fragment B on Query { ...A }""")
    assert measure(document)["anonymous"] == Shape(1, 0, 2)
