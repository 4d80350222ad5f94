"""The MkDocs plugin: thin glue between MkDocs hooks and the generator's plain functions.

on_config  loads and checks rules.yaml and every quote in content/ (nothing is
           written yet, so a failure leaves any existing site/ as it was);
on_files   adds the generated pages and exports with File.generated and drops
           override templates from the published files;
on_serve   watches rules.yaml so `mkdocs serve` rebuilds when it changes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from .brand import Brand, BrandError, BrandResource, brand_css, check_brand
from .errors import RulesError
from .exports import Site, build_exports
from .model import Rules
from .pages import build_pages, source_label
from .pipeline import check_file
from .quote import RulesQuoteExtension, check_quotes
from .render import long_date
from .schema import schema_text
from .search import space_blocks
from .sitemap import NavEntry, build_nav, nav_config, search_meta

log = get_plugin_logger(__name__)

STATIC = Path(__file__).parent / "static"
ASSETS = "assets/coop-portal"
BRAND_CSS = f"{ASSETS}/brand.css"
REQUIRED_EXTENSIONS = ("attr_list", "admonition", "toc")
SITE_URL_NOTE = (
    "COOP_SITE_URL is not set, so this build names no address: no canonical links, an empty "
    "sitemap, no page links in the exports and a plain 404 page. For a server, set it to the "
    "portal's address, sub-path included (https://intranet.example.com/coop/)."
)


class ResourceConfig(base.Config):
    title = c.Type(str)
    """The resource's name, e.g. the distributor's partner clinics."""
    url = c.Type(str, default="")
    """Its https:// address."""
    text = c.Type(str, default="")
    """One sentence on what partners find there."""


class BrandConfig(base.Config):
    name = c.Type(str, default="")
    """The distributor's name: in the header, every page title, embeds and printed forms."""
    logo = c.Type(str, default="")
    """Logo image inside content/ (for example brand/logo.svg)."""
    primary_color = c.Type(str, default="")
    accent_color = c.Type(str, default="")
    support = c.Type(str, default="")
    """Who to ask, in words: a desk, an email address, a phone number."""
    support_url = c.Type(str, default="")
    """An https:// or mailto: link for the support contact."""
    guidebook_url = c.Type(str, default="")
    """Where partners download the co-op guidebook (a PDF); citations of it link there."""
    resources = c.ListOfItems(c.SubConfig(ResourceConfig), default=[])
    """The distributor's own services for partners (clinics, content services, help desks)."""


class PortalConfig(base.Config):
    brand = c.SubConfig(BrandConfig)
    """Distributor branding: the one place to set name, logo, colours and support."""
    rules = c.Type(str, default="rules.yaml")
    """Path of the rules file, relative to mkdocs.yml."""
    overrides = c.Type(str, default="site_overrides/coop_portal")
    """Folder whose page templates replace the built-in ones (relative to mkdocs.yml)."""


class PortalPlugin(BasePlugin[PortalConfig]):
    """Turns rules.yaml into the portal's pages."""

    def __init__(self) -> None:
        self.rules: Rules | None = None
        self.rules_path = ""
        self.pages: dict[str, str] = {}
        self.exports: dict[str, bytes] = {}
        self.brand_css = ""
        self.quotes: RulesQuoteExtension | None = None

    def _path(self, config: MkDocsConfig, value: str) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(config.config_file_path), value))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        missing = [e for e in REQUIRED_EXTENSIONS if e not in config.markdown_extensions]
        if missing:
            raise PluginError(
                f"coop-portal needs the Markdown extensions {', '.join(missing)}. "
                "Add them under markdown_extensions in mkdocs.yml."
            )
        self.rules_path = self._path(config, self.config.rules)
        shown = os.path.relpath(self.rules_path)
        try:
            loaded, _ = check_file(self.rules_path if shown.startswith("..") else shown)
        except RulesError as error:
            raise PluginError(
                f"{shown} has problems; nothing was built.\n{error.report()}"
            ) from None
        rules = self.rules = loaded.rules
        self._check_content_quotes(config, rules)

        try:
            brand = check_brand(_brand(self.config.brand))
        except BrandError as error:
            raise PluginError(str(error)) from None
        overrides = Path(self._path(config, self.config.overrides))
        self.pages = build_pages(
            rules,
            directory_urls=config.use_directory_urls,
            override_dirs=[overrides] if overrides.is_dir() else [],
            brand=brand,
        )
        if not config.site_url:
            log.info(SITE_URL_NOTE)
        site = Site(config.site_url or "", directory_urls=config.use_directory_urls)
        self.exports = build_exports(rules, schema_text(), site)
        self.quotes = RulesQuoteExtension(rules)
        config.markdown_extensions.append(self.quotes)  # type: ignore[arg-type]
        config.theme.dirs.append(str(STATIC))
        config.extra_css.insert(0, f"{ASSETS}/portal.css")
        boot = ExtraScriptValue(f"{ASSETS}/boot.js")
        boot.type = "module"
        config.extra_javascript.insert(0, boot)
        self.brand_css = brand_css(brand)
        config.extra_css.insert(1, BRAND_CSS)
        if brand.logo:
            config.theme["logo"] = brand.logo
        config.site_name = brand.site_name(config.site_name)
        guide = rules.guide_source
        config.extra["coop_portal"] = {
            "rules_version": rules.rules_version,
            "updated": rules.updated.isoformat(),
            "reviewed": long_date(rules.updated),
            "edition": source_label(guide) if guide else "",
            "title": rules.title,
            "brand": {
                "name": brand.name,
                "support": brand.support,
                "support_url": brand.support_url,
            },
        }
        return config

    def _check_content_quotes(self, config: MkDocsConfig, rules: Rules) -> None:
        """Check the quotes of every page MkDocs will build, before anything is written.

        MkDocs' own file list honours exclude_docs, draft_docs and its default exclusions
        (dot-files, templates/), so a page left out of the site is never checked.
        """
        problems = []
        for file in get_files(config).documentation_pages(inclusion=InclusionLevel.is_included):
            shown = os.path.relpath(
                file.abs_src_path or "", os.path.dirname(config.config_file_path)
            )
            problems += check_quotes(rules, file.content_string, shown)
        if problems:
            raise PluginError(
                "Some pages quote rules that do not exist; nothing was built.\n"
                + RulesError(problems).report()
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        overrides = (
            os.path.relpath(
                self._path(config, self.config.overrides),
                self._path(config, config.theme.custom_dir),
            )
            if config.theme.custom_dir
            else None
        )
        for file in list(files):
            # Override templates sit in a theme folder; MkDocs would publish them as-is.
            if (
                overrides
                and not file.is_documentation_page()
                and file.src_uri.startswith(overrides.replace(os.sep, "/") + "/")
            ):
                files.remove(file)
        for src, markdown in self.pages.items():
            if files.get_file_from_path(src) is not None:
                log.info("content/%s replaces the generated page of the same name.", src)
                continue
            files.append(File.generated(config, src, content=markdown))
        files.append(File.generated(config, BRAND_CSS, content=self.brand_css))
        for path, content in self.exports.items():
            files.append(File.generated(config, path, content=content))
        if config.nav is None and self.rules is not None:
            hand_written = sorted(
                f.src_uri
                for f in files.documentation_pages()
                if f.src_uri not in self.pages and f.inclusion.is_in_nav()
            )
            # No title: MkDocs takes the page's own (front-matter title or first heading).
            extra = [NavEntry(None, src) for src in hand_written]
            config.nav = nav_config(build_nav(self.rules, extra))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        meta = search_meta(page.file.src_uri)
        if meta and self.pages.get(page.file.src_uri) == markdown:
            page.meta.setdefault("search", meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.quotes and self.quotes.failures:
            failures, self.quotes.failures[:] = list(self.quotes.failures), []
            raise PluginError(
                f"{page.file.src_uri}: some quotes do not resolve:\n  " + "\n  ".join(failures)
            )
        return space_blocks(html)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(self.rules_path)
        overrides = self._path(config, self.config.overrides)
        if os.path.isdir(overrides):
            server.watch(overrides)
        return server


def _brand(config: BrandConfig) -> Brand:
    """The brand settings of mkdocs.yml as the generator's plain Brand."""
    settings = dict(config)
    resources = tuple(BrandResource(**dict(r)) for r in settings.pop("resources"))
    return Brand(**settings, resources=resources)
