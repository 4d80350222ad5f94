"""Branding from one place in mkdocs.yml: checked colours, logo, name and support contact."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from generator.brand import Brand, BrandError, BrandResource, brand_css, check_brand, contrast

from .portal import Build, copy_project, on_config_error


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
    """A brand set in mkdocs.yml reaches every page, embed and printed form, no template edits
    (the variant build of tests/portal.py sets every brand setting: BRAND_SETTINGS)."""
    done = variant_build
    html = (done.site / "activities" / "print-advertising" / "index.html").read_text()
    assert 'src="../../brand/logo.svg"' in html
    assert "Provided by Contoso &amp; Partners." in html
    assert '<a href="mailto:coop@contoso.example">Partner desk, coop@contoso.example</a>' in html
    assert "#5a1e6e" in (done.site / "assets" / "coop-portal" / "brand.css").read_text()
    embed = (done.site / "embed" / "tracker" / "index.html").read_text()
    assert "brand.css" in embed
    # The name is in the header and every page title, embeds and printed forms included.
    named = "Co-op compliance portal – Contoso & Partners"
    assert _title(html) == f"Print advertising - {named}"
    assert _title(embed) == f"Co-op deadlines - {named}"
    header = re.search(r'class="md-header__topic">\s*<span class="md-ellipsis">([^<]*)<', html)
    assert header is not None
    assert html_lib.unescape(header.group(1)).strip() == named
    assert "provided by Contoso &amp; Partners" in embed
    assert re.search(r'cp-print-footer">[^<]*Provided by Contoso &#38; Partners\.', html)
    # Guidebook citations link to the distributor's copy; its own services are listed.
    assert 'href="https://contoso.example/guide.pdf"' in html
    planning = (done.site / "reference" / "planning" / "index.html").read_text()
    assert 'href="https&#58;//contoso.example/clinics"' in planning
    assert "Live questions and answers." in planning


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
    yml.write_text(yml.read_text().replace('primary_color: "#0b5563"', 'primary_color: "#eeeeee"'))
    message = on_config_error(project)
    assert "plugins.coop-portal.brand.primary_color: expected a colour dark enough" in message
