"""The one data contract between the pages and the browser (generator/browser_data.py): its
published schema holds the real data, the asset the site ships and the node tests' fixture;
pages carry only its version; the JavaScript takes its stages and statuses from it."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
from playwright.sync_api import expect

from generator.browser_data import (
    ASSET,
    SCHEMA_PATH,
    browser_data,
    browser_data_schema,
    browser_data_text,
    data_version,
)
from generator.cli import main
from generator.tree import brand_of, plugin_options, read_config

from .browser import started
from .conftest import ROOT
from .js_rules import DATA, HERE, RULES, node

ASSETS = HERE.parent / "generator" / "static" / "assets" / "coop-portal"


def test_schema_validates_the_built_data_the_shipped_asset_and_the_node_fixture(
    built_site: Path,
) -> None:
    """The schema the site publishes is the contract's, and it accepts the data of the real
    rules, the data.json the built site serves and the hand-made fixture of the node tests;
    it refuses the fixture with a key the contract does not declare, or one missing."""
    published = json.loads((built_site / SCHEMA_PATH).read_text(encoding="utf-8"))
    assert published == browser_data_schema()
    validator = jsonschema.Draft202012Validator(published)
    shipped = json.loads((built_site / ASSET).read_text(encoding="utf-8"))
    fixture = json.loads(node(str(HERE / "js" / "workspace_fixture.js")))
    for name, data in (("real rules", DATA), ("site asset", shipped), ("node fixture", fixture)):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], name
    # The built data names the project's own brand (mkdocs.yml), the rest is the rules'.
    brand = brand_of(plugin_options(read_config(ROOT / "mkdocs.yml")))
    assert shipped == browser_data(RULES, brand=brand.name, logo=brand.logo)
    assert not validator.is_valid({**fixture, "stageNames": {}})
    assert not validator.is_valid({k: v for k, v in fixture.items() if k != "openStatuses"})


def test_pages_carry_the_data_version_and_no_rules_data(built_site: Path) -> None:
    """No page embeds rules data in attributes any more; each page with a tool names the
    version of the data it was built with, which is the hash of the asset the site serves,
    and the data's activity pages exist in the site."""
    version = data_version((built_site / ASSET).read_text(encoding="utf-8"))
    named = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "data-cp-rules=" not in html, page
        assert "data-cp-items=" not in html, page
        named |= set(re.findall(r'data-cp-data="([^"]*)"', html))
    assert named == {version}
    for activity in DATA["activities"].values():
        assert (built_site / activity["path"] / "index.html").is_file(), activity["path"]
    workspace = (built_site / "workspace" / "index.html").stat().st_size
    assert workspace < 40_000, "My co-op's page carries its rules again"


def test_data_follows_the_rules_and_its_version_changes_with_them() -> None:
    """Statuses, stages, open statuses, the naming item and the default fund category are the
    rules'; another rules version gives another data version (so caches refresh)."""
    process = RULES.claim_process
    assert [s["id"] for s in DATA["stages"]] == [s.id for s in process.stages]
    assert DATA["openStatuses"] == process.resolution.open_statuses
    assert DATA["naming"]["id"] == process.claim_name_item
    fund = next(f for f in process.fund_categories if f.id == process.default_fund_category)
    assert DATA["defaultFund"] == fund.name
    other = RULES.model_copy(update={"rules_version": "2099.1-1"})
    assert browser_data(other)["rulesVersion"] == "2099.1-1"
    assert data_version(browser_data_text(other)) != data_version(browser_data_text(RULES))
    html_urls = browser_data(RULES, directory_urls=False)["activities"]
    assert all(a["path"].endswith(".html") for a in html_urls.values())


_COMPARED = re.compile(r"""(?:[!=]==\s*["']([a-z0-9-]+)["'])|(?:["']([a-z0-9-]+)["']\s*[!=]==)""")


def test_no_javascript_compares_a_status_id_or_an_undeclared_stage() -> None:
    """The browser takes statuses from the data: no script compares a literal status id, and
    every stage a script compares with is one rules.yaml declares."""
    process = RULES.claim_process
    statuses = {s.id for s in process.statuses} | {s.id for s in process.planning_statuses}
    statuses.add(process.forfeited_status.id)
    stages = {s.id for s in process.stages}
    found: dict[str, set[str]] = {}
    for script in ASSETS.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        for match in _COMPARED.finditer(text):
            literal = match.group(1) or match.group(2)
            found.setdefault(literal, set()).add(script.name)
        for stage in re.findall(r"stage\s*[!=]==\s*[\"']([a-z0-9-]+)[\"']", text):
            assert stage in stages, f"{script.name} compares with the undeclared stage {stage!r}"
    compared = {k: v for k, v in found.items() if k in statuses - stages}
    assert compared == {}
    assert found, "the pattern finds the scripts' comparisons"


def test_cli_prints_the_published_schema(built_site: Path) -> None:
    """`python -m generator schema --browser-data` prints the schema the site publishes."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema", "--browser-data"]) == 0
    assert out.getvalue() == (built_site / SCHEMA_PATH).read_text(encoding="utf-8")


def test_each_tool_says_once_that_the_data_did_not_load(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """When data.json cannot be fetched, each tool of the page shows one note saying so and
    the page's own text (the form, the usage period in words) stays readable."""
    context = context_factory()
    context.route("**/data.json*", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + "calculators/")
    started(page)
    for root in ("[data-cp-timing]", "[data-cp-estimator]"):
        note = page.locator(f"{root} .cp-note--error")
        expect(note).to_have_count(1)
        expect(note).to_contain_text("the portal's rules data did not load")
        expect(note).to_have_attribute("role", "alert")
    expect(page.locator("[data-cp-est-usage]")).to_contain_text("Claim it by")
    expect(page.locator(".cp-note--error")).to_have_count(2)
