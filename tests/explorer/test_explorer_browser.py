"""The explorer driven in headless Chromium against the running API over the dev graph.

Each test walks one thing a researcher does (search and read an entity, open
the evidence, read the bloc chart and its paths, expand the network, filter
and download a table, ingest an article holding markup) and saves a
screenshot of the page under ``test-output/screenshots``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from defusedxml import ElementTree

from blocgraph.api.app import create_app
from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.analytics.channel_spec import channel_spec
from blocgraph.graph.store.settings import Settings
from blocgraph.schema.model import load_model
from tests.explorer.conftest import WRITE_KEY, ServerThread

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]
expect: Any = pytest.importorskip("playwright.sync_api", reason="make browser-deps").expect
TIMEOUT_MS = 30_000
# A query shape's first run includes Neo4j planning it, which takes seconds on a
# 2-core machine; waits allow for that.
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def page(browser_context: Any, api_server: ServerThread) -> Iterator[Any]:
    """A fresh tab on the explorer; fails the test on CSP violations or script errors."""
    tab = browser_context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: problems.append(message.text)
           if message.type == "error" and "Content Security Policy" in message.text else None)
    tab.goto(api_server.url + "/")
    yield tab
    tab.close()
    assert not problems, problems


def open_view(page: Any, server: ServerThread, hash_path: str) -> None:
    page.goto(f"{server.url}/#{hash_path}")


def shot(page: Any, folder: Path, name: str, *, full_page: bool = True) -> None:
    """A screenshot from the top of the page (the sticky bar stays where it belongs)."""
    if full_page:
        page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def group(page: Any, code: str) -> Any:
    return page.locator(f"section.fact-group[data-type={code}]")


def test_search_then_entity_page_with_facts_and_sources(page: Any, screenshots: Path) -> None:
    search = page.get_by_role("combobox", name="Search entities by name or alias")
    search.fill("Mistral")
    suggestion = page.get_by_role("option", name=re.compile(r"^Mistral AI"))
    expect(suggestion).to_be_visible()
    expect(page.get_by_role("option", name=re.compile(r"^Mistral 7B"))).to_be_visible()
    search.press("ArrowDown")
    suggestion.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mistral AI")
    expect(page.locator(".entity-header")).to_contain_text("France")
    expect(page.locator(".entity-header")).to_contain_text("European Union")
    bans = group(page, "BAN")
    expect(bans).to_contain_text("Bans")
    expect(bans).to_contain_text("No bans recorded for Mistral AI")
    investments = group(page, "INVESTMENT")
    expect(investments.locator(".fact")).not_to_have_count(0)
    expect(investments).to_contain_text("Microsoft invested in Mistral AI")
    expect(investments.locator(".source-name").first).to_be_visible()
    rounds = group(page, "FUNDING_ROUND")
    expect(rounds).to_contain_text("raised €385M in a Series A")
    expect(rounds.locator(".source-name").first).to_be_visible()
    expect(rounds).to_contain_text("microsoft-mistral-stake.txt")
    expect(page.locator(".dep-row").first).to_be_visible()
    shot(page, screenshots, "entity-page")


def test_evidence_sentence_opens_highlighted_in_the_article(page: Any, api_server: ServerThread,
                                                            screenshots: Path) -> None:
    open_view(page, api_server, "/entity/mistral-ai")
    evidence = group(page, "FUNDING_ROUND").locator("button.evidence").first
    sentence = evidence.locator("q").inner_text()
    evidence.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    mark = dialog.locator("mark.evidence")
    expect(mark).to_have_text(sentence)
    expect(dialog.locator(".article-text")).to_contain_text("Mistral")
    assert len(dialog.locator(".article-text").inner_text()) > len(sentence) * 3
    shot(page, screenshots, "evidence-in-article", full_page=False)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_bloc_chart_and_the_paths_behind_a_bar(page: Any, api_server: ServerThread,
                                               screenshots: Path) -> None:
    open_view(page, api_server, "/entity/mistral-ai")
    chart = page.get_by_role("group", name="Dependency per bloc")
    eu = chart.locator(".dep-row[data-bloc=eu]")
    expect(eu).to_contain_text("European Union")
    us = chart.locator(".dep-row[data-bloc=us]")
    expect(us).to_contain_text("United States")
    eu_score = int(eu.locator(".dep-score").inner_text().rstrip("%"))
    assert 0 < eu_score <= 100
    expect(eu.locator(".dep-seg.ch-home")).to_have_count(1)
    # Channel order, labels and hints come from the declaration, through the model query.
    legend = page.locator(".dep-legend .legend-item")
    declared = channel_spec().channels
    expect(legend).to_have_text([c.label for c in declared])
    for i, declared_channel in enumerate(declared):
        expect(legend.nth(i)).to_have_attribute("title", declared_channel.hint)
    # A channel the stylesheet has no colour for still draws, in the fallback colour.
    fallback = page.evaluate("""() => {
        const dot = document.createElement("span");
        dot.className = "legend-dot ch ch-not-styled";
        document.body.append(dot);
        const colour = getComputedStyle(dot).backgroundColor;
        dot.remove();
        return colour;
    }""")
    assert fallback not in ("", "rgba(0, 0, 0, 0)", "transparent")
    us.click()
    expect(us).to_have_attribute("aria-pressed", "true")
    panel = page.locator(".path-panel")
    expect(panel).to_contain_text("Why Mistral AI depends on United States")
    path = panel.locator(".path").first
    expect(path).to_contain_text("Mistral AI")
    expect(path.locator(".step-btn").first).to_be_visible()
    assert "bloc=us" in page.url
    path.locator(".step-btn").first.click()
    expect(page.get_by_role("dialog").locator("mark.evidence")).to_be_visible()
    page.keyboard.press("Escape")
    shot(page, screenshots, "bloc-chart-paths")


def test_network_view_expands_and_downloads(page: Any, api_server: ServerThread,
                                            screenshots: Path, tmp_path: Path) -> None:
    open_view(page, api_server, "/entity/mistral-ai/graph")
    status = page.locator(".graph-status")
    expect(status).to_contain_text("entities")
    nodes = page.get_by_role("list", name="Nodes in the graph").locator("li")
    before = nodes.count()
    assert before >= 5
    page.locator(".node-btn[data-node=microsoft]").click()
    expect(status).to_contain_text("Microsoft:")
    expect(page.locator(".graph-details")).to_contain_text("Microsoft")
    expect(nodes).not_to_have_count(before)
    assert nodes.count() > before
    page.locator(".graph-canvas canvas").first.wait_for()
    shot(page, screenshots, "graph-view")

    downloads = page.get_by_role("group", name="Download the network on screen")
    saved = {fmt: download(page, downloads, fmt, tmp_path) for fmt in ("PNG", "Turtle", "GraphML")}
    assert saved["PNG"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    triples = rdflib.Graph().parse(saved["Turtle"], format="turtle")
    subjects = {str(s) for s in triples.subjects()} | {str(o) for o in triples.objects()}
    assert "https://blocgraph.org/id/entity/mistral-ai" in subjects
    assert "https://blocgraph.org/id/entity/linkedin" in subjects  # only Microsoft's neighbour
    graphml = ElementTree.parse(saved["GraphML"]).getroot()
    assert graphml is not None
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    node_ids = [n.get("id") for n in graphml.iterfind(".//g:node", ns)]
    edge_ids = [e.get("id") for e in graphml.iterfind(".//g:edge", ns)]
    assert len(node_ids) == len(set(node_ids)) and len(edge_ids) == len(set(edge_ids))
    assert any("linkedin" in (i or "") for i in node_ids)


def download(page: Any, group_: Any, label: str, folder: Path) -> Path:
    with page.expect_download() as info:
        group_.get_by_role("button", name=label, exact=True).click()
    target = folder / f"download-{label.lower()}"
    info.value.save_as(target)
    return target


def column(table: Any, label: str) -> int:
    """The index of a table's column by its header's words (sort marks left off)."""
    heads = [t.strip().rstrip("↕▲▼").strip() for t in table.locator("thead th").all_text_contents()]
    return heads.index(label)


def test_bans_table_filtered_by_target_and_downloaded(page: Any, api_server: ServerThread,
                                                      screenshots: Path, tmp_path: Path) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Bans").click()
    expect(page).to_have_url(re.compile(r"#/facts/ban$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bans")
    table = page.locator("table.data-table")
    expect(table.locator("tbody tr").first).to_be_visible()
    everything = table.locator("tbody tr").count()
    unfiltered = page.locator(".table-count").inner_text()
    target = page.get_by_label("Target", exact=True)
    target.fill("China")
    page.get_by_role("listbox", name="Target suggestions").get_by_role(
        "option", name=re.compile(r"^China\b.*Government")).click()
    expect(page).to_have_url(re.compile(r"#/facts/ban\?.*target=china"))
    rows = table.locator("tbody tr")
    expect(rows.first).to_be_visible()
    counter = page.locator(".table-count")
    expect(counter).not_to_have_text(unfiltered)
    expect(counter).to_have_text(re.compile(r"^\d+ bans?"))
    count = rows.count()
    assert 0 < count < everything
    targets = column(table, "Target")
    for index in range(count):
        expect(rows.nth(index).locator("td").nth(targets)).to_have_text("China")
    shot(page, screenshots, "bans-table-china")

    with page.expect_download() as info:
        page.get_by_role("group", name="Download the bans shown").get_by_role(
            "button", name="CSV").click()
    saved = tmp_path / "bans.csv"
    info.value.save_as(saved)
    records = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert len(records) == count
    assert {r["target"] for r in records} == {"China"}
    assert all(r["actor"] and r["sources"].endswith(".txt") for r in records)


def test_a_type_without_a_listing_has_a_table_by_its_route(page: Any, api_server: ServerThread,
                                                           screenshots: Path) -> None:
    """Every fact type has its table at #/facts/<code>, built from the model: no tab, no
    alias in the API, no code of its own in the explorer."""
    model = load_model()
    fact = model.fact_type("INVESTMENT")
    assert fact.listing is None
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Funding rounds")).to_be_visible()
    expect(nav.get_by_role("link", name=fact.plural, exact=True)).to_have_count(0)
    open_view(page, api_server, "/facts/investment?company=mistral-ai")
    expect(page.get_by_role("heading", level=1)).to_have_text(fact.plural)
    expect(page.locator(".page-header .subtitle")).to_have_text(fact.description)
    table = page.locator("table.data-table")
    rows = table.locator("tbody tr")
    expect(rows.first).to_be_visible()
    expect(page.get_by_label("Company", exact=True)).to_have_value("Mistral AI")
    companies = column(table, "Company")
    for index in range(rows.count()):
        expect(rows.nth(index).locator("td").nth(companies)).to_contain_text("Mistral AI")
    expect(table.locator("td", has_text="Microsoft").first).to_be_visible()
    for label in ("Date", "Investor", "Company", "Sources"):
        column(table, label)
    expect(page.get_by_label("From", exact=True)).to_be_visible()
    expect(page.get_by_label("Min amount (USD)")).to_be_visible()
    shot(page, screenshots, "facts-table-investment")
    table.locator(".source-cell button").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator("mark.evidence")).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # An undated type without amounts offers neither a period nor a minimum.
    undated = model.fact_type("HEADQUARTERS")
    open_view(page, api_server, "/facts/headquarters")
    expect(page.get_by_role("heading", level=1)).to_have_text(undated.plural)
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(page.get_by_label("Org", exact=True)).to_be_visible()
    expect(page.get_by_label("From", exact=True)).to_have_count(0)
    expect(page.get_by_label("Min amount (USD)")).to_have_count(0)


def test_bloc_matrix_sorts_and_links_to_paths(page: Any, api_server: ServerThread,
                                              screenshots: Path) -> None:
    open_view(page, api_server, "/matrix")
    table = page.locator(".matrix-card table")
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(page.locator(".matrix-card .table-count")).to_contain_text("most mixed first")
    shot(page, screenshots, "bloc-matrix", full_page=False)
    table.get_by_role("button", name="Sort by China").click()
    expect(table.locator("th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    titles = [th.get_attribute("title") for th in table.locator("thead th").all()]
    china = titles.index("China")
    cells = [row.locator("td").nth(china).inner_text().strip()
             for row in table.locator("tbody tr").all()[:12]]
    scores = [int(c.rstrip("%")) if c.endswith("%") else 0 for c in cells]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    page.get_by_label("Name", exact=True).fill("Mistral")
    page.get_by_role("button", name="Apply").click()
    row = table.locator("tbody tr", has_text="Mistral AI")
    expect(row).to_have_count(1)
    row.locator("a.heat").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mistral AI")
    expect(page.locator(".path-panel")).to_be_visible()


def test_funding_table_and_timeline(page: Any, api_server: ServerThread,
                                    screenshots: Path) -> None:
    open_view(page, api_server, "/facts/funding_round?company=mistral-ai")
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("table.data-table")).to_contain_text("Andreessen Horowitz")
    shot(page, screenshots, "funding-table")
    open_view(page, api_server, "/entity/mistral-ai/timeline")
    years = page.locator(".tl-year-label")
    expect(years.first).to_have_text("2023")
    labels = [y.inner_text() for y in years.all()]
    dated = [y for y in labels if y.isdigit()]
    assert dated == sorted(dated)
    shot(page, screenshots, "timeline")


def test_ingested_article_with_markup_shows_as_text(page: Any, api_server: ServerThread,
                                                    screenshots: Path) -> None:
    text = ("Markup test <script>window.__explorerPwned = 1;</script> "
            "<img src=x onerror=\"window.__explorerPwned = 2\"> <b>bold claim</b>\n\n"
            "PARIS, March 3 2025 - Nvidia invested $40 million in Mistral AI, "
            "the French start-up said on Monday.")
    open_view(page, api_server, "/ingest")
    page.get_by_label("Article text").fill(text)
    page.get_by_label("Write key").fill(WRITE_KEY)
    page.get_by_role("button", name="Ingest article").click()
    result = page.locator(".ingest-result")
    expect(result).to_contain_text("Added to the graph", timeout=120_000)
    stored = result.locator(".ingested-text")
    expect(stored).to_contain_text("<script>window.__explorerPwned = 1;</script>")
    expect(stored).to_contain_text("<b>bold claim</b>")
    assert stored.locator("script, img, b").count() == 0
    assert page.evaluate("window.__explorerPwned") is None
    expect(result.locator(".ingested-entities")).to_contain_text("Nvidia")
    shot(page, screenshots, "ingest-markup")

    investment = result.locator("article.fact[data-type=INVESTMENT]")
    investment.get_by_role("button", name=re.compile(r"^Show 1 source")).click()
    investment.locator("button.evidence").click()
    reader = page.get_by_role("dialog").locator(".article-text")
    expect(reader.locator("mark.evidence")).to_contain_text("Nvidia invested $40 million")
    expect(reader).to_contain_text("<img src=x onerror=")
    assert reader.locator("script, img, b").count() == 0
    assert page.evaluate("window.__explorerPwned") is None


def test_wrong_write_key_is_refused_in_words(page: Any, api_server: ServerThread) -> None:
    open_view(page, api_server, "/ingest")
    page.get_by_label("Article text").fill("Nvidia invested $1 million in Mistral AI.")
    page.get_by_label("Write key").fill("not-the-right-key")
    page.get_by_role("button", name="Ingest article").click()
    expect(page.get_by_role("alert")).to_contain_text("Not allowed")


@pytest.mark.parametrize("view", ["/entity/mistral-ai", "/matrix", "/facts/ban"])
def test_tablet_width_needs_no_sideways_scrolling(page: Any, api_server: ServerThread,
                                                  screenshots: Path, view: str) -> None:
    page.set_viewport_size({"width": 820, "height": 1180})
    open_view(page, api_server, view)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".state-loading")).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    name = view.strip("/").replace("/", "-")
    shot(page, screenshots, f"tablet-{name}", full_page=False)


def test_nothing_found_says_so(page: Any, api_server: ServerThread) -> None:
    search = page.get_by_role("combobox", name="Search entities by name or alias")
    search.fill("Zzyzxqq")
    expect(page.locator("#search-suggestions")).to_contain_text("No entity matches")
    open_view(page, api_server, "/entity/no-such-entity")
    expect(page.locator(".state-empty")).to_contain_text("no entity with the id")


def test_neo4j_down_is_explained(browser_context: Any, screenshots: Path) -> None:
    """An API whose Neo4j does not answer: the page says so instead of spinning."""
    settings = Settings.from_env({"BLOCGRAPH_NEO4J_URI": "bolt://127.0.0.1:9",
                                  "BLOCGRAPH_HOME": str(screenshots)})
    backend = Backend.from_settings(settings)
    server = ServerThread(create_app(ApiSettings(), backend))
    server.start()
    tab = browser_context.new_page()
    try:
        tab.goto(f"{server.url}/#/entity/mistral-ai")
        alert = tab.get_by_role("alert")
        expect(alert).to_contain_text("The graph database is unavailable", timeout=60_000)
        shot(tab, screenshots, "error-neo4j-down")
    finally:
        tab.close()
        server.stop()
        backend.close()


def test_keyed_reads_ask_for_a_key_and_use_it_everywhere(
        browser_context: Any, neo4j_settings: Settings, dev_graph: Any, tmp_path: Path,
        screenshots: Path) -> None:
    """With BLOCGRAPH_API_READS=keyed every view and download answered 401: only the
    ingest page sent a key. Now the refusal asks for a key, kept in session storage
    (never in the URL), and every request and download sends it."""
    read_key = "explorer-test-read-key"
    app = create_app(ApiSettings(keys={read_key: "read"}, keyed_reads=True),
                     Backend(dev_graph, neo4j_settings.database))
    server = ServerThread(app)
    server.start()
    tab = browser_context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    try:
        tab.goto(f"{server.url}/#/entity/mistral-ai")
        alert = tab.get_by_role("alert")
        expect(alert).to_contain_text("Not allowed")
        alert.get_by_label("API key", exact=True).fill(read_key)
        shot(tab, screenshots, "keyed-reads-ask-for-key")
        alert.get_by_role("button", name="Use this key").click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Mistral AI")
        assert read_key not in tab.url
        assert tab.evaluate("sessionStorage.getItem('blocgraph-api-key')") == read_key
        with tab.expect_download() as info:
            tab.get_by_role("group", name="Download these facts").get_by_role(
                "button", name="Turtle", exact=True).click()
        saved = tmp_path / "mistral.ttl"
        info.value.save_as(saved)
        assert "mistral-ai" in saved.read_text(encoding="utf-8")
        tab.goto(f"{server.url}/#/facts/ban")  # another view of the same tab: no new prompt
        expect(tab.locator("table")).to_be_visible()
        expect(tab.get_by_role("alert")).to_have_count(0)
    finally:
        tab.close()
        server.stop()
