"""Local files and folders through ``read_sources``: .txt, HTML, JSON Lines, bad inputs."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from blocgraph.ingest.sources import Article, Fetcher, SourceError, read_sources
from blocgraph.ingest.sources.article import article_id

FIXTURES = Path(__file__).parent / "fixtures"
OFFLINE = Fetcher(resolver=lambda host, port: [])  # any fetch attempt fails: no network in tests


def read_all(*items: str | Path, max_bytes: int = 5_000_000) -> list[Article | SourceError]:
    return list(read_sources([str(item) for item in items], fetcher=OFFLINE, max_bytes=max_bytes))


def only_article(*items: str | Path) -> Article:
    [result] = read_all(*items)
    assert isinstance(result, Article), result
    return result


def only_error(*items: str | Path, max_bytes: int = 5_000_000) -> SourceError:
    [result] = read_all(*items, max_bytes=max_bytes)
    assert isinstance(result, SourceError), result
    return result


def test_txt_text_is_exactly_the_file_content() -> None:
    path = FIXTURES / "article.txt"
    article = only_article(path)
    raw = path.read_bytes()
    assert article.text == raw.decode("utf-8")
    assert "\r\n" in article.text
    assert article.source == path.name  # never the server's absolute path
    assert article.title == "US widens export ban on AI chips to China"
    assert article.url is None
    assert article.published is None
    assert article.outlet is None
    assert article.content_hash == hashlib.sha256(raw).hexdigest()
    assert article.id == article_id(None, article.text)
    assert article.id.startswith("a-")
    assert len(article.id) == 18


def test_txt_offsets_index_the_text(tmp_path: Path) -> None:
    path = tmp_path / "offsets.txt"
    path.write_bytes("\n\n  Café — Huawei\u00a0Ascend\r\n".encode())
    article = only_article(path)
    start = article.text.index("Huawei")
    assert article.text[start : start + 6] == "Huawei"
    assert article.text.startswith("\n\n  Café — Huawei\u00a0Ascend\r\n")
    assert article.title == "Café — Huawei Ascend"  # titles get whitespace collapsed


def test_txt_long_first_line_gives_no_title(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 60 + "\nsecond line\n", encoding="utf-8")
    assert only_article(path).title is None


def test_html_extracts_main_text_and_metadata() -> None:
    article = only_article(FIXTURES / "article.html")
    assert "European Parliament approved the Artificial Intelligence Act" in article.text
    assert "Copyright" not in article.text
    assert "Home" not in article.text
    assert article.title == "EU adopts the AI Act"
    assert article.url == "https://blocwire.example.com/2024/03/eu-adopts-ai-act"
    assert article.published == "2024-03-13"
    assert article.outlet == "Bloc Wire"
    assert article.id == article_id(article.url, "")


def test_html_charset_declared_in_meta_is_used(tmp_path: Path) -> None:
    body = "<p>" + "Le ministère français a financé Mistral AI. " * 8 + "</p>"
    page = f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'
    path = tmp_path / "latin.htm"
    path.write_bytes(page.encode("windows-1252"))
    assert "ministère français a financé" in only_article(path).text


def test_malformed_html_is_an_error() -> None:
    error = only_error(FIXTURES / "malformed.html")
    assert error.reason == "no article text could be extracted from the HTML"


def test_jsonl_good_lines_become_articles_and_bad_lines_errors() -> None:
    path = FIXTURES / "articles.jsonl"
    results = read_all(path)
    articles = [result for result in results if isinstance(result, Article)]
    errors = {result.item: result.reason for result in results if isinstance(result, SourceError)}
    assert [article.title for article in articles] == [
        "Microsoft invests in G42",
        "No URL here",
        None,
    ]
    first, second, last = articles
    assert first.url == "https://blocwire.example.com/2024/05/g42"
    assert first.published == "2024-04-16"
    assert second.outlet == "Bloc Wire"
    assert second.published == "2024-05-02"
    assert last.text.startswith("Last good line")
    assert all(article.source == path.name for article in articles)
    assert sorted(errors) == [f"{path}:line {number}" for number in (4, 5, 6, 7, 8, 9)]
    assert "not valid JSON" in errors[f"{path}:line 4"]
    assert '"text"' in errors[f"{path}:line 5"]
    assert "ISO 8601" in errors[f"{path}:line 6"]
    assert "not an object" in errors[f"{path}:line 7"]
    assert "http(s)" in errors[f"{path}:line 8"]
    assert '"title" must be a string' in errors[f"{path}:line 9"]


def test_jsonl_line_with_bad_utf8_is_an_error_for_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "Fine line."}\n')
    first, second = read_all(path)
    assert isinstance(first, SourceError)
    assert first.item == f"{path}:line 1"
    assert "UTF-8" in first.reason
    assert isinstance(second, Article)


def test_jsonl_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Samsung expands HBM output."}\n')
    assert only_article(path).text == "Samsung expands HBM output."


def test_same_text_without_url_gets_same_id_from_txt_and_jsonl(tmp_path: Path) -> None:
    text = "Germany announced funding for Aleph Alpha.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"text": "Germany announced  funding for Aleph Alpha."}\n')
    from_txt, from_jsonl = read_all(tmp_path / "a.txt", tmp_path / "a.jsonl")
    assert isinstance(from_txt, Article)
    assert isinstance(from_jsonl, Article)
    assert from_txt.id == from_jsonl.id
    assert from_txt.content_hash != from_jsonl.content_hash


def test_same_url_gets_same_id_whatever_the_text(tmp_path: Path) -> None:
    lines = [
        '{"url": "https://news.example.com/a#top", "text": "First version."}',
        '{"url": "HTTPS://NEWS.example.com/a", "text": "Updated version."}',
        '{"url": "https://news.example.com/b", "text": "First version."}',
    ]
    (tmp_path / "u.jsonl").write_text("\n".join(lines), encoding="utf-8")
    first, second, third = read_all(tmp_path / "u.jsonl")
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert isinstance(third, Article)
    assert first.id == second.id
    assert first.id != third.id


def test_ids_are_stable_across_runs() -> None:
    assert article_id("https://news.example.com/a", "x") == article_id(
        "https://news.example.com/a", "y"
    )
    assert article_id(None, "Same  text\n") == article_id(None, "Same text")
    assert article_id(None, "Same text") != article_id("https://news.example.com/a", "Same text")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\t\r\n", "the file is empty"),
        ("latin1.txt", "Caf\u00e9 Huawei".encode("latin-1"), "not valid utf-8"),
        ("empty.html", b"", "the file is empty"),
        ("empty.jsonl", b"", "the file is empty"),
        ("blank_lines.jsonl", b"\n \n", "the file is empty"),
        ("report.pdf", b"%PDF-1.7", "unsupported file type (.pdf)"),
        ("README", b"text", "unsupported file type (no extension)"),
    ],
)
def test_bad_files_are_errors(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = only_error(path)
    assert error.item == str(path)
    assert reason in error.reason


def test_file_over_the_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(6_000_000)  # sparse: nothing is written, so only a size check is cheap
    error = only_error(path)
    assert error.reason == "the file is 6,000,000 bytes, over the 5,000,000 byte limit"
    small = tmp_path / "small.txt"
    small.write_text("A short article about TSMC.", encoding="utf-8")
    assert "over the 10 byte limit" in only_error(small, max_bytes=10).reason


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    error = only_error(tmp_path / "nope.txt")
    assert error.reason == "no such file or folder"


def test_empty_item_is_an_error_not_the_current_folder() -> None:
    assert only_error("").reason == "the item is empty"


def test_iteration_continues_after_bad_items(tmp_path: Path) -> None:
    results = read_all(
        tmp_path / "missing.txt",
        FIXTURES / "article.txt",
        FIXTURES / "entity_bomb.xml",
        FIXTURES / "article.html",
    )
    assert [type(result).__name__ for result in results] == [
        "SourceError",
        "Article",
        "SourceError",
        "Article",
    ]


def build_folder(root: Path) -> None:
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(FIXTURES / "article.txt", root / "z.txt")
    shutil.copy(FIXTURES / "article.html", root / "b" / "deeper" / "page.HTML")
    (root / "b" / "lines.jsonl").write_text('{"text": "Line one."}\n{"text": "Line two."}\n')
    (root / "a.txt").write_text("Alpha article about Baidu.\n", encoding="utf-8")
    (root / "notes.md").write_text("ignored", encoding="utf-8")
    (root / "picture.png").write_bytes(b"\x89PNG")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / ".git" / "inside.txt").write_text("hidden dir", encoding="utf-8")


def test_folder_is_read_recursively_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    build_folder(tmp_path)
    results = read_all(tmp_path)
    assert all(isinstance(result, Article) for result in results)
    sources = [result.source for result in results]
    root = tmp_path.name  # the folder given, and paths below it: nothing of the machine's
    assert sources == [f"{root}/a.txt", f"{root}/b/deeper/page.HTML", f"{root}/b/lines.jsonl",
                       f"{root}/b/lines.jsonl", f"{root}/z.txt"]


def test_folder_member_errors_name_the_member(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    bad, ok = read_all(tmp_path)
    assert isinstance(bad, SourceError)
    assert bad.item == str(tmp_path / "bad.txt")
    assert isinstance(ok, Article)


def test_folder_without_supported_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    error = only_error(tmp_path)
    assert error.item == str(tmp_path)
    assert "no supported files" in error.reason
