"""Branding from one place in mkdocs.yml: checked colours, logo, name and support contact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.brand import Brand, BrandError, brand_css, check_brand, contrast

from .portal import build, copy_project


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
    ],
)
def test_bad_brand_settings_are_refused_with_a_fix(brand: Brand, message: str) -> None:
    """Malformed or unreadable settings raise an error that names the setting and the fix."""
    with pytest.raises(BrandError, match=re.escape(message)):
        check_brand(brand)


def test_brand_css_sets_material_palette_variables() -> None:
    """Colours become Material's custom palette variables, in six-digit form."""
    css = brand_css(check_brand(Brand(primary_color="#036", accent_color="#8a1c00")))
    assert "--md-primary-fg-color: #003366;" in css
    assert "--md-accent-fg-color--transparent: #8a1c001a;" in css


def test_branded_build_shows_logo_name_colours_and_support(tmp_path: Path) -> None:
    """A brand set in mkdocs.yml reaches every page without touching a template."""
    project = copy_project(tmp_path)
    (project / "content" / "brand").mkdir()
    (project / "content" / "brand" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24">'
        '<rect width="24" height="24"/></svg>'
    )
    yml = project / "mkdocs.yml"
    text = yml.read_text()
    for old, new in (
        ('        name: ""', '        name: "Contoso & Partners"'),
        ('        logo: ""', '        logo: "brand/logo.svg"'),
        ('        primary_color: "#0b5563"', '        primary_color: "#5a1e6e"'),
        ('        support: ""', '        support: "Partner desk, coop@contoso.example"'),
        ('        support_url: ""', '        support_url: "mailto:coop@contoso.example"'),
    ):
        assert old in text, old
        text = text.replace(old, new)
    yml.write_text(text)
    done = build(project)
    assert done.returncode == 0, done.output
    html = (done.site / "activities" / "print-advertising" / "index.html").read_text()
    assert 'src="../../brand/logo.svg"' in html
    assert "Provided by Contoso &amp; Partners." in html
    assert '<a href="mailto:coop@contoso.example">Partner desk, coop@contoso.example</a>' in html
    assert "#5a1e6e" in (done.site / "assets" / "coop-portal" / "brand.css").read_text()
    embed = (done.site / "embed" / "tracker" / "index.html").read_text()
    assert "brand.css" in embed


def test_unreadable_brand_colour_stops_the_build(tmp_path: Path) -> None:
    """A colour that fails contrast stops the build before anything is written."""
    project = copy_project(tmp_path)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace('primary_color: "#0b5563"', 'primary_color: "#eeeeee"'))
    done = build(project)
    assert done.returncode != 0
    assert "plugins.coop-portal.brand.primary_color: expected a colour dark enough" in done.output
    assert not done.site.exists()
