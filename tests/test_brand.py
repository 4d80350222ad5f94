"""Branding from one place in mkdocs.yml: checked colours, logo, name and support contact."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zipfile import ZipFile

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from playwright.sync_api import expect

from generator.brand import Brand, BrandError, BrandResource, brand_css, check_brand, contrast

from .browser import open_page, started, unopened_page
from .portal import (
    BRAND_LOGO,
    BRAND_NAME,
    BRAND_RESOURCE,
    EXAMPLE_ACTIVITY,
    Build,
    copy_project,
    on_config_error,
    variant_rules,
)


def test_contrast_matches_wcag_reference_values() -> None:
    """Black on white is 21:1; white on white is 1:1; the default primary passes AA."""
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#fff", "#ffffff") == 1.0
    assert contrast("#0b5563", "#ffffff") >= 4.5


@pytest.mark.parametrize(
    ("brand", "message"),
    [
        (Brand(primary_color="red"), "primary_color: expected a hex colour like #0b5563"),
        (Brand(primary_color="#123; } body { display:none"), "expected a hex colour"),
        (Brand(primary_color="#ffcc00"), "dark enough for white header text"),
        (Brand(accent_color="#dddddd"), "accent_color: expected a colour dark enough"),
        (Brand(support_url="javascript:alert(1)"), "support_url: expected an https:// or mailto:"),
        (Brand(name="<b>Contoso</b>"), "name: expected plain text"),
        (Brand(guidebook_url="http://x.example/g.pdf"), "guidebook_url: expected an https://"),
        (
            Brand(resources=(BrandResource("Clinics", url="javascript:alert(1)"),)),
            "resources[0].url: expected an https:// address",
        ),
        (Brand(resources=(BrandResource("<b>Clinics</b>"),)), "resources[0].title: expected plain"),
        (Brand(resources=(BrandResource(" "),)), "resources[0].title: expected a name"),
    ],
)
def test_bad_brand_settings_are_refused_with_a_fix(brand: Brand, message: str) -> None:
    """Malformed or unreadable settings raise an error that names the setting and the fix."""
    with pytest.raises(BrandError, match=re.escape(message)):
        check_brand(brand)


def test_site_name_carries_the_brand_once() -> None:
    """The brand joins the site name unless the site name already has it."""
    assert Brand(name="Contoso").site_name("Co-op portal") == "Co-op portal – Contoso"
    assert Brand(name="Contoso").site_name("Contoso co-op portal") == "Contoso co-op portal"
    assert Brand().site_name("Co-op portal") == "Co-op portal"


def test_brand_css_sets_material_palette_variables() -> None:
    """Colours become Material's custom palette variables, in six-digit form."""
    css = brand_css(check_brand(Brand(primary_color="#036", accent_color="#8a1c00")))
    assert "--md-primary-fg-color: #003366;" in css
    assert "--md-accent-fg-color--transparent: #8a1c001a;" in css


def test_branded_build_shows_logo_name_colours_and_support(variant_build: Build) -> None:
    """A brand set in mkdocs.yml reaches every page, embed, printed form and file a partner
    keeps, no template edits (the variant build of tests/portal.py sets every brand setting:
    BRAND_SETTINGS; what is expected comes from them and the variant's rules)."""
    done = variant_build
    name = html_lib.escape(BRAND_NAME, quote=False)
    html = (done.site / "activities" / EXAMPLE_ACTIVITY / "index.html").read_text()
    assert f'src="../../{BRAND_LOGO}"' in html
    assert f"Provided by {name}." in html
    assert '<a href="mailto:coop@contoso.example">Partner desk, coop@contoso.example</a>' in html
    css = (done.site / "assets" / "coop-portal" / "brand.css").read_text()
    assert "#5a1e6e" in css
    # Material hides the header logo on phones; the brand shows it there again.
    assert re.search(r"max-width: 76\.234375em\) \{ \.md-header__button\.md-logo \{ display", css)
    embed = (done.site / "embed" / "tracker" / "index.html").read_text()
    assert "brand.css" in embed
    # The name is in the header and every page title, embeds and printed forms included.
    named = f"Co-op compliance portal – {BRAND_NAME}"
    rules = variant_rules(done.site.parent)
    example = next(a for a in rules.activities if a.id == EXAMPLE_ACTIVITY)
    assert _title(html) == f"{example.name} - {named}"
    assert _title(embed) == f"Co-op deadlines - {named}"
    header = re.search(r'class="md-header__topic">\s*<span class="md-ellipsis">([^<]*)<', html)
    assert header is not None
    assert html_lib.unescape(header.group(1)).strip() == named
    assert f"provided by {name}" in embed
    footer = re.search(r'cp-print-footer">(.*?)</p>', html)
    assert footer is not None
    alt = BRAND_NAME.replace("&", "&#38;")
    assert f'<img class="cp-print-logo" src="../../{BRAND_LOGO}" alt="{alt}">' in footer.group(1)
    assert f"Provided by {BRAND_NAME.replace('&', '&#38;')}." in footer.group(1)
    # Guidebook citations link to the distributor's copy; its own services are listed, each
    # on its own line after the support contact.
    assert 'href="https://contoso.example/guide.pdf"' in html
    planning = (done.site / "reference" / "planning" / "index.html").read_text()
    title, url, text = BRAND_RESOURCE
    section = planning[planning.index('id="distributor"') :]
    items = re.findall(r"<li>(.*?)</li>", section[: section.index("</ul>")], re.DOTALL)
    assert len(items) == 2, items
    assert "Partner desk" in items[0]
    assert title not in items[0]
    assert items[1] == (
        f'<a href="{url.replace(":", "&#58;")}" rel="noopener">{title}</a>: '
        f"{text.replace('&', '&#38;')}"
    )
    # Notes that told partners to ask "your distributor" name it.
    asked = [a for a in rules.activities if a.caveat and "ask your distributor" in a.caveat]
    assert asked, "the variant's rules have no note asking the distributor"
    for activity in asked:
        page = (done.site / "activities" / activity.id / "index.html").read_text()
        assert "ask your distributor" not in page
        assert f"ask {BRAND_NAME.replace('&', '&#38;')}" in page or f"ask {name}" in page


def test_files_partners_keep_carry_the_brand(variant_build: Build) -> None:
    """The spreadsheet names the distributor as its creator and company, both calendars name
    it (the deadlines file, and My co-op's reminders through the site's data)."""
    exports = variant_build.site / "exports"
    book = load_workbook(exports / "activities.xlsx")
    assert book.properties.creator == BRAND_NAME
    with ZipFile(exports / "activities.xlsx") as xlsx:
        app = xlsx.read("docProps/app.xml").decode("utf-8")
    assert f"<Company>{html_lib.escape(BRAND_NAME, quote=False)}</Company>" in app
    calendar = Calendar.from_ical((exports / "deadlines.ics").read_bytes())
    assert BRAND_NAME in str(calendar["X-WR-CALNAME"])
    data = json.loads((variant_build.site / "assets" / "coop-portal" / "data.json").read_text())
    assert data["brand"] == BRAND_NAME


def brand_setting(text: str, field: str, value: str) -> str:
    """mkdocs.yml's text with one brand setting set to ``value`` (YAML), whatever it was."""
    changed, count = re.subn(rf"^(        {field}:) .*$", rf"\1 {value}", text, count=1, flags=re.M)
    assert count == 1, field
    return changed


def test_missing_logo_stops_the_build_naming_the_setting(tmp_path: Path) -> None:
    """A logo file that is not there stops the build at on_config, naming mkdocs.yml's line."""
    project = copy_project(tmp_path)
    yml = project / "mkdocs.yml"
    text = brand_setting(yml.read_text(), "logo", '"brand/missing.svg"')
    yml.write_text(text)
    line = text.split("\n").index('        logo: "brand/missing.svg"') + 1
    message = on_config_error(project)
    assert f"mkdocs.yml:{line}: plugins.coop-portal.brand.logo: expected an image file" in message
    assert "'brand/missing.svg'" in message


def test_the_phone_header_shows_the_brand(
    strict_url: str, context_factory: Callable[..., Any]
) -> None:
    """At phone width the header shows the logo and the whole name, not cut off."""
    page, trouble = open_page(
        context_factory, strict_url, viewport={"width": 390, "height": 800}, is_mobile=True
    )
    expect(page.locator(".md-header__button.md-logo img")).to_be_visible()
    topic = page.locator(".md-header__title .md-header__topic").first.locator(".md-ellipsis")
    expect(topic).to_contain_text(BRAND_NAME)
    fits = topic.evaluate(
        "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"
    )
    assert fits, topic.evaluate(
        "e => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]"
    )
    trouble.assert_clean()


def test_the_printed_claim_file_shows_the_logo_and_name(
    variant_build: Build, strict_url: str, context_factory: Callable[..., Any]
) -> None:
    """My co-op's printable claim file carries the distributor's logo (loaded, under the strict
    CSP, from a sub-path) and name, as the printed checklists do."""
    rules = variant_rules(variant_build.site.parent)
    claim = {
        "id": "b1",
        "name": "Branded claim",
        "activity": rules.activities[0].id,
        "start": "2026-09-01",
        "end": "2026-09-30",
        "amount": 900,
        "status": rules.claim_process.planning_statuses[0].id,
        "ticked": [],
    }
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": [claim]}
    page, trouble = unopened_page(context_factory, strict_url)
    page.add_init_script(
        f"localStorage.setItem('coop-portal:v1:workspace', {json.dumps(json.dumps(workspace))});"
        " window.print = () => { window.__printed = true; };"
    )
    page.goto(strict_url + "workspace/?claim=b1")
    started(page)
    page.click("[data-cp-ws-print]")
    page.wait_for_function("() => window.__printed === true")
    page.emulate_media(media="print")
    brand = page.locator("[data-cp-claim-file] [data-cp-claim-brand]")
    expect(brand).to_be_visible()
    expect(brand).to_have_text(f"Provided by {BRAND_NAME}.")
    logo = brand.locator("img")
    expect(logo).to_have_attribute("alt", BRAND_NAME)
    assert logo.evaluate("i => i.complete && i.naturalWidth > 0")
    assert logo.evaluate("i => new URL(i.src).pathname").endswith("/" + BRAND_LOGO)
    trouble.assert_clean()


def _title(html: str) -> str:
    found = re.search(r"<title>([^<]*)</title>", html)
    assert found is not None
    return html_lib.unescape(found.group(1))


def test_unreadable_brand_colour_stops_the_build(tmp_path: Path) -> None:
    """A colour that fails contrast stops the build in the plugin's on_config, before MkDocs
    writes anything (test_portal_errors.py shows with a real build that this leaves the site
    untouched)."""
    project = copy_project(tmp_path)
    yml = project / "mkdocs.yml"
    yml.write_text(brand_setting(yml.read_text(), "primary_color", '"#eeeeee"'))
    message = on_config_error(project)
    assert "plugins.coop-portal.brand.primary_color: expected a colour dark enough" in message
