"""The whole site as plain data: ``build_site(rules, brand, ...) -> SiteTree``. No MkDocs here.

Everything the portal adds to a site engine comes from here: the generated pages (with their
search weights as front matter), the navigation in mkdocs.yml's ``nav:`` shape, the exports,
the brand's CSS, the static assets, the CSS and scripts to register, the values templates
read (``config.extra.coop_portal``), the site name and logo. The MkDocs plugin maps the tree
onto MkDocs; ``python -m generator site OUT`` writes it to a folder that any engine reading
mkdocs.yml builds without the plugin. Both publish the same pages.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .brand import Brand, BrandError, brand_css, check_brand
from .changes import FEED, changes_events, changes_feed
from .editions import rates_text
from .errors import RulesError
from .exports import Site, build_exports
from .model import Rules
from .pages import build_pages, source_label
from .published import moves
from .quote import check_quotes, find_quotes, quote_text
from .render import long_date
from .schema import schema_text
from .sitemap import (
    NavEntry,
    build_nav,
    nav_config,
    page_url,
    path_of,
    relative_url,
    search_meta,
)

STATIC = Path(__file__).parent / "static"
ASSETS = "assets/coop-portal"
BRAND_CSS = f"{ASSETS}/brand.css"
FAVICON = "assets/images/favicon.png"  # Material's, which every page links
REDIRECT_SCRIPT = f"{ASSETS}/redirect.js"  # keeps the query and fragment (redirect_pages)
REQUIRED_EXTENSIONS = ("attr_list", "admonition", "toc")
SPACE_BLOCKS = "generator.search"
"""The Markdown extension that keeps block elements' words apart for the search index."""
SITE_URL_NOTE = (
    "COOP_SITE_URL is not set, so this build names no address: no canonical links, an empty "
    "sitemap, no page links in the exports and a plain 404 page. For a server, set it to the "
    "portal's address, sub-path included (https://intranet.example.com/coop/)."
)


class SiteError(ValueError):
    """The site cannot be assembled (a brand setting, a quote); nothing was built."""


@dataclass(frozen=True)
class ContentFile:
    """A hand-written file of the docs folder (content/), as the engine sees it."""

    src: str
    """Its path inside the docs folder, with / separators."""
    text: str | None = None
    """A page's Markdown (None for other files: images, PDFs)."""
    shown: str = ""
    """How messages name it (content/about.md)."""
    built: bool = True
    """False when the engine leaves it out (exclude_docs, drafts): its quotes are not checked."""
    in_nav: bool = True
    """False for pages under not_in_nav: the built navigation leaves them out."""


@dataclass(frozen=True)
class Script:
    path: str
    type: str = ""


@dataclass(frozen=True)
class SiteTree:
    """The portal as plain data, ready to map onto a site engine or write to a folder."""

    site_name: str
    logo: str
    pages: dict[str, str]
    """Generated pages, ``{src: markdown}`` (front matter included), in navigation order;
    a hand-written page at the same path replaces its generated one and is not here."""
    nav: list[Any]
    """The navigation in mkdocs.yml's ``nav:`` shape (the configured one when given)."""
    files: dict[str, bytes]
    """Generated files other than pages: exports and the brand's CSS."""
    assets: dict[str, Path]
    """Static files to publish, by site path, from the package's static folder."""
    extra_css: tuple[str, ...]
    """Stylesheets to register before the configured ones."""
    extra_javascript: tuple[Script, ...]
    """Scripts to register before the configured ones (boot.js is a module)."""
    extra: dict[str, Any]
    """Values for templates, merged into the config's ``extra``."""
    notes: tuple[str, ...] = ()
    """Things to tell the person building (informational, not warnings)."""
    content_pages: tuple[str, ...] = field(default=())
    """The hand-written pages the engine builds, for the manifest of built pages."""

    def generated(self) -> dict[str, str | bytes]:
        """Every generated page and file by its path in the docs folder."""
        return {**self.pages, **self.files}

    def page_outputs(self, *, directory_urls: bool = True) -> list[str]:
        """The HTML file every page (generated or hand-written) must produce."""
        out = []
        for src in [*self.pages, *self.content_pages]:
            url = page_url(posixpath.splitext(src)[0] + ".md", directory_urls=directory_urls)
            out.append(url if url.endswith(".html") else url + "index.html")
        return out


def setting_line(config_file: str, keys: Sequence[str]) -> int | None:
    """The line of a setting in a mkdocs.yml (``plugins`` may be a list or a mapping), or of
    the deepest part of it there; None when the file cannot be read."""
    try:
        node = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    line = None
    for key in keys:
        mappings = [node] if isinstance(node, yaml.MappingNode) else []
        if isinstance(node, yaml.SequenceNode):
            mappings = [n for n in node.value if isinstance(n, yaml.MappingNode)]
        found = [(k, v) for m in mappings for k, v in m.value if getattr(k, "value", None) == key]
        if not found:
            break
        key_node, node = found[0]
        line = key_node.start_mark.line + 1
    return line


def _at(config_file: str, field: str) -> str:
    """``mkdocs.yml:47: `` for a brand setting, or '' when unknown."""
    if not config_file:
        return ""
    line = setting_line(
        config_file, ["plugins", "coop-portal", "brand", *([field] if field else [])]
    )
    shown = os.path.relpath(config_file)
    shown = config_file if shown.startswith("..") else shown
    return f"{shown}:{line}: " if line else f"{shown}: "


def missing_extensions(names: Sequence[str]) -> str | None:
    """The message for Markdown extensions the portal needs that the config lacks."""
    missing = [e for e in REQUIRED_EXTENSIONS if e not in names]
    if not missing:
        return None
    return (
        f"coop-portal needs the Markdown extensions {', '.join(missing)}. "
        "Add them under markdown_extensions in mkdocs.yml."
    )


def check_content(rules: Rules, content: Sequence[ContentFile]) -> None:
    """Raise SiteError listing every quote of a built page that does not resolve."""
    problems = []
    for file in content:
        if file.text is not None and file.built:
            problems += check_quotes(rules, file.text, file.shown or file.src)
    if problems:
        raise SiteError(
            "Some pages quote rules that do not exist; nothing was built.\n"
            + RulesError(problems).report()
        )


# The characters of a quoted value that Markdown (or attr_list, or a table) would act on, as
# references that render as themselves; & < > as the quote extension escapes them.
_MARKDOWN_SAFE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~^=$"} | {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}


def resolve_quotes(rules: Rules, markdown: str) -> str:
    """``markdown`` with every quote replaced by its value, as the plugin's Markdown extension
    renders it (``<span class="cp-quote">USD 10,000</span>``), for engines without the plugin.

    Characters Markdown would act on are written as character references, so the value reads
    as it is (the extension's text is atomic too). Quotes must resolve (check_content first).
    """
    lines = markdown.split("\n")
    for quote in reversed(list(find_quotes(markdown))):
        line = lines[quote.line - 1]
        start = quote.column - 1
        end = line.index("]]", start) + 2
        text = quote_text(rules, quote.path, quote.fmt)
        safe = "".join(_MARKDOWN_SAFE.get(c, c) for c in text)
        lines[quote.line - 1] = line[:start] + f'<span class="cp-quote">{safe}</span>' + line[end:]
    return "\n".join(lines)


def with_meta(markdown: str, meta: dict[str, Any]) -> str:
    """``markdown`` with ``meta``'s keys added to its front matter (keys it sets win)."""
    head, body = "", markdown
    front: dict[str, Any] = {}
    end = markdown.find("\n---\n", 3) if markdown.startswith("---\n") else -1
    if end != -1:
        head, body = markdown[4 : end + 1], markdown[end + 5 :]
        front = yaml.safe_load(head) or {}
    added = "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items() if k not in front)
    if not added:
        return markdown
    return f"---\n{head}{added}---\n{body}" if end != -1 else f"---\n{added}---\n\n{body}"


_REDIRECT = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="robots" content="noindex">
  <noscript><meta http-equiv="refresh" content="0; url={url}"></noscript>
  <link rel="icon" href="{icon}">
  <title>{title}</title>
  <script src="{script}" data-to="{url}"></script>
</head>
<body>
  <main>
    <h1>This page has moved</h1>
    <p>{name} is now at <a href="{url}">its new address</a>. Your ticked items and
    your claims in My co-op come with it. Update your bookmark or link.</p>
  </main>
</body>
</html>
"""


def redirect_pages(
    rules: Rules, site_name: str, *, directory_urls: bool = True
) -> dict[str, bytes]:
    """A page at each old address of a moved activity (its page and its embed) that sends
    the browser to the new one, its query string and fragment kept (a claim or an item the old
    link named) by a script file of the site (redirect.js, the target in its data-to), with a
    meta refresh (in noscript, so it cannot race the script and drop them) and a visible link
    for a browser without scripts; it works offline, from file://, from a sub-path and under
    the strict Content-Security-Policy."""
    names = {a.id: a.name for a in rules.activities}
    out = {}
    for old, new in moves(rules).items():
        for family in ("activity", "embed_activity"):
            old_src, new_src = path_of(family, old), path_of(family, new)
            url = relative_url(old_src, new_src, directory_urls=directory_urls)
            target = page_url(old_src, directory_urls=directory_urls)
            target += "index.html" if target.endswith("/") else ""
            here = posixpath.dirname(target) or "."
            text = _REDIRECT.format(
                url=html.escape(url),
                icon=html.escape(posixpath.relpath(FAVICON, here)),
                script=html.escape(posixpath.relpath(REDIRECT_SCRIPT, here)),
                title=html.escape(f"Moved: {names[new]} - {site_name}"),
                name=html.escape(f"“{names[new]}”"),
            )
            out[target] = text.encode("utf-8")
    return out


def static_assets() -> dict[str, Path]:
    """Every file of the package's static folder, by its path on the site."""
    return {
        path.relative_to(STATIC).as_posix(): path
        for path in sorted(STATIC.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def check_site_brand(brand: Brand, docs: set[str], config_file: str = "") -> Brand:
    """The brand checked (check_brand) and its logo found among ``docs`` (the docs folder's
    files); a SiteError names the setting, with its line in ``config_file`` when given."""
    try:
        brand = check_brand(brand)
    except BrandError as error:
        field = re.match(r"plugins\.coop-portal\.brand\.(\w+)", str(error))
        raise SiteError(_at(config_file, field.group(1) if field else "") + str(error)) from None
    if brand.logo and brand.logo not in docs:
        raise SiteError(
            f"{_at(config_file, 'logo')}plugins.coop-portal.brand.logo: expected an image file "
            f"in the docs folder, but got {brand.logo!r}, which is not there (every page would "
            "show a broken image). "
            "Hint: put the logo file there (for example content/brand/logo.svg and logo: "
            '"brand/logo.svg"), or set logo: "" for none.'
        )
    return brand


def build_site(
    rules: Rules,
    brand: Brand | None = None,
    *,
    site_name: str,
    site_url: str = "",
    directory_urls: bool = True,
    override_dirs: Sequence[Path] = (),
    content: Sequence[ContentFile] = (),
    nav: list[Any] | None = None,
    previous: Rules | None = None,
    config_file: str = "",
) -> SiteTree:
    """The whole portal for ``rules`` (checked) and ``brand``; raise SiteError if it cannot be.

    ``content`` is what the docs folder holds: its pages' quotes are checked, a page there
    replaces the generated page of the same path, and its pages in the navigation follow the
    generated ones when ``nav`` (the configured navigation) is None. ``config_file`` (the
    mkdocs.yml the brand comes from) lets a brand error name its line.
    """
    brand = check_site_brand(brand or Brand(), {f.src for f in content}, config_file)
    check_content(rules, content)
    notes = [] if site_url else [SITE_URL_NOTE]
    hand_written = {f.src for f in content}
    pages = {}
    for src, markdown in build_pages(
        rules,
        directory_urls=directory_urls,
        override_dirs=[d for d in override_dirs if d.is_dir()],
        brand=brand,
        previous=previous,
    ).items():
        if src in hand_written:
            notes.append(f"content/{src} replaces the generated page of the same name.")
            continue
        meta = search_meta(src)
        pages[src] = with_meta(markdown, {"search": meta}) if meta else markdown
    files = {BRAND_CSS: brand_css(brand).encode("utf-8")}
    site = Site(site_url, directory_urls, brand.name, brand.logo)
    update = changes_events(rules, previous, site)
    files.update(build_exports(rules, schema_text(), site, calendar_extra=update))
    files[FEED] = changes_feed(rules, previous, site_url, brand.site_name(site_name))
    files.update(redirect_pages(rules, brand.site_name(site_name), directory_urls=directory_urls))
    if nav is None:
        extra = [
            NavEntry(None, f.src)
            for f in sorted(content, key=lambda f: f.src)
            if f.text is not None and f.built and f.in_nav
        ]
        nav = nav_config(build_nav(rules, extra))
    guide = rules.guide_source
    return SiteTree(
        site_name=brand.site_name(site_name),
        logo=brand.logo,
        pages=pages,
        nav=nav,
        files={p: b for p, b in files.items() if p not in hand_written},
        assets={p: s for p, s in static_assets().items() if p not in hand_written},
        extra_css=(f"{ASSETS}/portal.css", BRAND_CSS),
        extra_javascript=(Script(f"{ASSETS}/boot.js", "module"),),
        extra={
            "coop_portal": {
                "rules_version": rules.rules_version,
                "updated": rules.updated.isoformat(),
                "reviewed": long_date(rules.updated),
                "edition": source_label(guide) if guide else "",
                "rates": rates_text(rules),
                "title": rules.title,
                "brand": {
                    "name": brand.name,
                    "support": brand.support,
                    "support_url": brand.support_url,
                },
            }
        },
        notes=tuple(notes),
        content_pages=tuple(f.src for f in content if f.text is not None and f.built),
    )


__all__ = ["ContentFile", "Script", "SiteError", "SiteTree", "build_site"]
