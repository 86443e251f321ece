"""``blocgraph extract`` as a user runs it: JSON lines out, one error line per bad item."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "corpus" / "dev" / "zhipu-entity-list-brief.txt"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "blocgraph.api.cli", "extract", *args],
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_extract_prints_one_line_per_article_with_exact_offsets(tmp_path: Path) -> None:
    copy = tmp_path / "article.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    result = _run(str(copy), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["article"]["source"] == copy.name
    text = copy.read_text(encoding="utf-8")
    assert record["facts"]
    for fact in record["facts"]:
        for evidence in fact["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert "articles read: 1, failed: 0" in result.stderr


def test_bad_items_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("caf\xe9 Mistral".encode("latin-1"))
    unsupported = tmp_path / "slides.pptx"
    unsupported.write_bytes(b"PK\x03\x04")
    result = _run(str(empty), str(SAMPLE), str(binary), str(unsupported),
                  str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4
    for item in (empty, binary, unsupported, tmp_path / "missing.txt"):
        assert sum(str(item) in line for line in errors) == 1
    assert "articles read: 1, failed: 4" in result.stderr
