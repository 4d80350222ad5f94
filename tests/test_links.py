"""Link integrity: every internal link and anchor in the built site resolves, at the root and
under a sub-path; every external link is well-formed and listed in one report."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.cli import main

from .portal import elements

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}


def _crawl(site: Path, base: str) -> tuple[int, list[str], set[str]]:
    """Check every link of every page as if the site were served at ``base``."""
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html") if p.name != "404.html"}
    ids: dict[Path, set[str]] = {}
    checked, broken, external = 0, [], set()
    for path, html in pages.items():
        page_url = base + path.relative_to(site).as_posix()
        for tag, attrs in elements(html):
            name = LINK_ATTRS.get(tag)
            url = attrs.get(name or "", "")
            if not url or url.startswith(("data:", "mailto:", "blob:")):
                continue
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                external.add(url)
                continue
            checked += 1
            # Resolve as a browser would, with the site served at ``base``.
            resolved = urlsplit(urljoin(f"http://portal.test{page_url}", url))
            if not resolved.path.startswith(base):
                broken.append(f"{path}: {url} leaves the site at {base}")
                continue
            target = site / unquote(resolved.path[len(base) :])
            if resolved.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path}: {url} -> missing {target.relative_to(site)}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {a.get("id", "") for _, a in elements(target.read_text("utf-8"))}
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{path}: {url} -> no #{parts.fragment} in {target.name}")
    return checked, broken, external


@pytest.mark.parametrize("base", ["/", "/portal/"])
def test_every_internal_link_and_anchor_resolves(built_site: Path, base: str) -> None:
    """No internal link or anchor is broken, whether the site sits at the root or a sub-path."""
    checked, broken, _ = _crawl(built_site, base)
    assert checked > 1000
    assert broken == []


def test_external_links_are_well_formed_and_reported(
    built_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every external link is an https/http URL with a host; `generator links` lists them all."""
    _, _, external = _crawl(built_site, "/")
    for url in external:
        parts = urlsplit(url)
        assert parts.scheme in ("https", "http"), url
        assert "." in parts.netloc, url
        assert " " not in url, url
    assert main(["links"]) == 0
    report = capsys.readouterr().out
    from_rules = {line.split()[0] for line in report.splitlines() if line.startswith("http")}
    assert from_rules
    assert from_rules <= external | from_rules
    assert "external links in rules.yaml" in report
