"""The MkDocs plugin: maps generator.site's site onto MkDocs (`generator site OUT` writes it for
other engines), assembled in on_config before anything is written: a failure leaves site/ as is."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from .changes import PreviousRulesError, load_previous
from .errors import RulesError
from .pipeline import check_file
from .quote import RulesQuoteExtension
from .search import SpaceBlocksExtension
from .site import STATIC, ContentFile, SiteError, SiteTree, build_site, missing_extensions
from .tree import brand_of

log = get_plugin_logger(__name__)


class ResourceConfig(base.Config):
    title = c.Type(str)
    url = c.Type(str, default="")
    text = c.Type(str, default="")


class BrandConfig(base.Config):  # generator.brand.Brand explains each setting
    name = c.Type(str, default="")
    logo = c.Type(str, default="")
    primary_color = c.Type(str, default="")
    accent_color = c.Type(str, default="")
    support = c.Type(str, default="")
    support_url = c.Type(str, default="")
    guidebook_url = c.Type(str, default="")
    resources = c.ListOfItems(c.SubConfig(ResourceConfig), default=[])


class PortalConfig(base.Config):
    brand = c.SubConfig(BrandConfig)
    rules = c.Type(str, default="rules.yaml")  # relative to mkdocs.yml
    previous_rules = c.Type(str, default="")  # what "What changed" compares with: file, git:REV
    overrides = c.Type(str, default="site_overrides/coop_portal")  # templates that win


class PortalPlugin(BasePlugin[PortalConfig]):
    """Turns rules.yaml into the portal's pages."""

    tree: SiteTree | None = None
    rules_path = ""
    quotes: RulesQuoteExtension | None = None

    def _path(self, config: MkDocsConfig, value: str) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(config.config_file_path), value))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if message := missing_extensions(config.markdown_extensions):
            raise PluginError(message)
        self.rules_path = self._path(config, self.config.rules)
        shown = os.path.relpath(self.rules_path)
        try:
            rules = check_file(self.rules_path if shown.startswith("..") else shown)[0].rules
        except RulesError as error:
            raise PluginError(f"{shown} has problems; nothing was built.\n{error}") from None
        # MkDocs' file list knows exclude_docs, drafts, dot-files: their quotes are not checked.
        content = [
            ContentFile(
                f.src_uri,
                f.content_string if f.is_documentation_page() else None,
                os.path.relpath(f.abs_src_path or "", os.path.dirname(config.config_file_path)),
                built=f.inclusion.is_included(),
                in_nav=f.inclusion.is_in_nav(),
            )
            for f in get_files(config)
        ]
        spec, root = (
            self.config.previous_rules,
            Path(os.path.dirname(config.config_file_path) or "."),
        )
        try:
            tree = self.tree = build_site(
                rules,
                brand_of({"brand": dict(self.config.brand)}),
                site_name=config.site_name,
                site_url=config.site_url or "",
                directory_urls=config.use_directory_urls,
                override_dirs=[Path(self._path(config, self.config.overrides))],
                content=content,
                nav=config.nav,
                previous=load_previous(spec, root, self.config.rules) if spec else None,
                config_file=config.config_file_path,
            )
        except (SiteError, PreviousRulesError) as error:
            raise PluginError(str(error)) from None
        for note in tree.notes:
            log.info(note)
        self.quotes = RulesQuoteExtension(rules)
        config.markdown_extensions += [self.quotes, SpaceBlocksExtension()]  # type: ignore[list-item]
        config.extra_css[:0] = tree.extra_css
        for index, script in enumerate(tree.extra_javascript):
            value = ExtraScriptValue(script.path)
            value.type = script.type
            config.extra_javascript.insert(index, value)
        if tree.logo:
            config.theme["logo"] = tree.logo
        config.site_name, config.nav = tree.site_name, tree.nav
        config.extra.update(tree.extra)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.tree is not None
        if config.theme.custom_dir:  # override templates sit in a theme folder: never publish
            inside = os.path.relpath(
                self._path(config, self.config.overrides),
                self._path(config, config.theme.custom_dir),
            ).replace(os.sep, "/")
            for file in list(files):
                if not file.is_documentation_page() and file.src_uri.startswith(inside + "/"):
                    files.remove(file)
        for src, text in self.tree.generated().items():
            files.append(File.generated(config, src, content=text))
        for src, path in self.tree.assets.items():
            if files.get_file_from_path(src) is None:  # custom_dir's copy wins, as themes do
                files.append(File.generated(config, src, abs_src_path=str(path)))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.quotes and self.quotes.failures:
            failures, self.quotes.failures[:] = list(self.quotes.failures), []
            raise PluginError(
                f"{page.file.src_uri}: some quotes do not resolve:\n  " + "\n  ".join(failures)
            )
        return html

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        for path in (self.rules_path, str(STATIC), self._path(config, self.config.overrides)):
            if os.path.exists(path):
                server.watch(path)
        return server
