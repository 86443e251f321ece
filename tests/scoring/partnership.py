"""A model extended by one fact type declared in YAML only, for tests that show a new
fact type needs no code change (the recipe in ``docs/recipes.md``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from blocgraph.schema.model import TYPES_DIR, Model, load_model

CODE = "PARTNERSHIP"
POOL = "PARTNER_LINK"
PARTNERSHIP_YAML = f"""\
name: Partnership
kind: fact
extends: Fact
code: {CODE}
label: Partnership
description: An organisation works with partners, perhaps for an amount.
title: Partnership
plural: Partnerships
order: 9
summary: "{{org}} partners with {{partners}}"
scoring:
  key: [org, amount]
  attributes: [date]
  pool: {{name: {POOL}, key: [partners, org]}}
key: [org, "date:year"]
fields:
  org: {{type: entity, edge: PARTNER_OF, required: true}}
  partners: {{type: entity, list: true, edge: PARTNER}}
  amount: {{type: amount}}
  currency: {{type: currency}}
  date: {{type: date}}
"""


def extended_model(tmp_path: Path) -> Model:
    """The bundled types plus ``Partnership.yaml``, loaded from a copy under ``tmp_path``."""
    types = tmp_path / "types"
    shutil.copytree(TYPES_DIR, types)
    (types / "Partnership.yaml").write_text(PARTNERSHIP_YAML, encoding="utf-8")
    return load_model(types)
