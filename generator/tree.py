"""The site tree on disk: ``python -m generator site OUT`` and ``verify``. No MkDocs here.

``write_site`` reads mkdocs.yml as data (the ``coop-portal`` plugin's options included),
assembles the site with ``build_site`` and writes a folder that an engine reading mkdocs.yml
builds without the plugin: ``docs/`` (the generated pages, a copy of content/ with its quotes
resolved, the exports and assets), ``overrides/`` (the theme's custom_dir), ``mkdocs.yml`` and
``properdocs.yml`` (the same configuration, without the plugin), and ``.coop-portal.json``,
the manifest of what was written and which pages a build must produce. ``verify`` checks a
built site against it, so an engine that skips pages fails loudly.

A folder is replaced only once everything is written, and only if it holds nothing but what
an earlier run wrote (and, for a site tree, its build in ``site/``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec
import yaml

from .brand import Brand, BrandResource
from .changes import PreviousRulesError, load_previous
from .model import Rules
from .site import (
    SPACE_BLOCKS,
    ContentFile,
    SiteError,
    SiteTree,
    build_site,
    missing_extensions,
    resolve_quotes,
)

MANIFEST = ".coop-portal.json"
PLUGIN = "coop-portal"
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
DEFAULT_EXCLUDE = (".*", "/templates/")  # what MkDocs leaves out of every docs folder


class TargetError(ValueError):
    """The output folder cannot be used; the message says why and what to do."""


# ---------------------------------------------------------------- reading mkdocs.yml


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it: ``!ENV`` takes an environment variable (or its default)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    items = loader.construct_sequence(node)  # type: ignore[arg-type]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)


def read_config(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise SiteError(f"{path}: expected a readable mkdocs.yml ({error.strerror}).") from None
    except yaml.YAMLError as error:
        raise SiteError(yaml_problem(path, error)) from None
    if not isinstance(data, dict):
        raise SiteError(f"{path}: expected a mapping of settings.")
    return data


_KEY = re.compile(r"^(\s*)(?:-\s+)?([^\s:#'\"][^:#]*?)\s*:(?:\s|$)")


def key_path(lines: list[str], index: int) -> str:
    """The dotted setting a line of YAML belongs to (``plugins.coop-portal.brand.logo``),
    found from its indentation and the keys above it."""
    parts: list[str] = []
    limit = None
    for line in reversed(lines[: index + 1]):
        found = _KEY.match(line)
        if not found:
            continue
        indent = len(found.group(1)) + (2 if line.lstrip().startswith("- ") else 0)
        if limit is None or indent < limit:
            parts.append(found.group(2))
            limit = indent
            if indent == 0:
                break
    return ".".join(reversed(parts)) or "(top level)"


def yaml_problem(path: Path, error: yaml.YAMLError) -> str:
    """A YAML error of mkdocs.yml as ``mkdocs.yml:LINE: key: expected …, but got …. Hint: …``:
    the key on the line, the setting above it, and both indentations."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = str(getattr(error, "problem", "") or error).strip()
    if mark is None:
        return f"{path}: expected valid YAML, but got {problem}."
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    index = min(mark.line, len(lines) - 1)
    while index and not _KEY.match(lines[index]):
        index -= 1
    here = _KEY.match(lines[index])
    above = next((i for i in range(index - 1, -1, -1) if _KEY.match(lines[i])), None)
    if here is None or above is None:
        return f"{path}:{mark.line + 1}: expected valid YAML, but got {problem}."
    spaces = len(here.group(1))
    above_spaces = len(lines[above]) - len(lines[above].lstrip())
    return (
        f"{path}:{index + 1}: {here.group(2)} (below {key_path(lines, above)}): expected it "
        "lined up with the settings it belongs with, but got "
        f"{spaces} spaces where the line above has {above_spaces} ({problem}). Hint: check the "
        "indentation of this line and the lines above it; use spaces, never tabs."
    )


def _plugins(config: dict[str, Any]) -> list[Any]:
    plugins = config.get("plugins") or []
    return [{k: v} for k, v in plugins.items()] if isinstance(plugins, dict) else list(plugins)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``coop-portal`` plugin's options in mkdocs.yml ({} when it is listed bare)."""
    for item in _plugins(config):
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def brand_of(options: dict[str, Any]) -> Brand:
    where = f"plugins.{PLUGIN}.brand"
    settings = dict(options.get("brand") or {})
    known = set(Brand.__dataclass_fields__)
    unknown = sorted(set(settings) - known)
    if unknown:
        raise SiteError(f"{where}: unknown setting {unknown[0]!r}; use one of {sorted(known)}.")
    try:
        resources = tuple(BrandResource(**r) for r in settings.pop("resources", None) or [])
    except TypeError as error:
        raise SiteError(f"{where}.resources: {error}") from None
    return Brand(
        **{k: "" if v is None else str(v) for k, v in settings.items()}, resources=resources
    )


def _spec(lines: Any) -> pathspec.GitIgnoreSpec:
    text = lines if isinstance(lines, str) else "\n".join(lines or [])
    return pathspec.GitIgnoreSpec.from_lines(text.splitlines())


def content_files(docs: Path, config: dict[str, Any], root: Path) -> list[ContentFile]:
    """Every file of the docs folder with its inclusion, as MkDocs decides it for a build."""
    exclude = _spec([*DEFAULT_EXCLUDE, *_spec_lines(config.get("exclude_docs"))])
    drafts, hidden = _spec(config.get("draft_docs")), _spec(config.get("not_in_nav"))
    out = []
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        src = path.relative_to(docs).as_posix()
        if exclude.match_file(src):
            continue
        page = path.suffix in PAGE_SUFFIXES
        out.append(
            ContentFile(
                src,
                path.read_text(encoding="utf-8-sig") if page else None,
                os.path.relpath(path, root),
                built=not drafts.match_file(src),
                in_nav=not hidden.match_file(src),
            )
        )
    return out


def _spec_lines(value: Any) -> list[str]:
    return value.splitlines() if isinstance(value, str) else list(value or [])


# ---------------------------------------------------------------- writing the tree


@dataclass(frozen=True)
class Project:
    """What ``site`` reads: mkdocs.yml as data and the folders it names."""

    config: dict[str, Any]
    root: Path
    docs: Path
    rules: Path
    overrides: Path
    custom_dir: Path | None
    config_path: Path = Path("mkdocs.yml")

    @classmethod
    def read(cls, config_path: Path, rules: str | None = None) -> Project:
        config = read_config(config_path)
        root = config_path.resolve().parent
        options = plugin_options(config)
        theme = config.get("theme") or {}
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return cls(
            config,
            root,
            root / str(config.get("docs_dir", "docs")),
            Path(rules) if rules else root / str(options.get("rules", "rules.yaml")),
            root / str(options.get("overrides", "site_overrides/coop_portal")),
            root / str(custom) if custom else None,
            config_path,
        )

    def tree(self, rules: Rules) -> tuple[SiteTree, list[ContentFile]]:
        if message := missing_extensions(_extension_names(self.config)):
            raise SiteError(message)
        content = content_files(self.docs, self.config, self.root)
        tree = build_site(
            rules,
            brand_of(plugin_options(self.config)),
            site_name=str(self.config.get("site_name") or ""),
            site_url=str(self.config.get("site_url") or ""),
            directory_urls=bool(self.config.get("use_directory_urls", True)),
            override_dirs=[self.overrides],
            content=content,
            nav=self.config.get("nav"),
            previous=self.previous(),
            config_file=str(self.config_path),
        )
        return tree, content

    def previous(self) -> Rules | None:
        """The earlier rules ``previous_rules`` names (a file or git:REV), if any."""
        options = plugin_options(self.config)
        spec = str(options.get("previous_rules") or "")
        rules_file = str(options.get("rules", "rules.yaml"))
        try:
            return load_previous(spec, self.root, rules_file) if spec else None
        except PreviousRulesError as error:
            raise SiteError(str(error)) from None


def _extension_names(config: dict[str, Any]) -> list[str]:
    names = []
    for item in config.get("markdown_extensions") or []:
        names += list(item) if isinstance(item, dict) else [str(item)]
    return names


def engine_config(project: Project, tree: SiteTree) -> dict[str, Any]:
    """mkdocs.yml for the written tree: the project's, without the plugin, with what the
    plugin would add (site name, logo, nav, CSS, scripts, template values, extensions)."""
    config = dict(project.config)
    config.pop("watch", None)
    theme = config.get("theme") or {}
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme}
    if project.custom_dir:
        theme["custom_dir"] = "overrides"
    if tree.logo:
        theme["logo"] = tree.logo
    scripts = [
        {"path": s.path, "type": s.type} if s.type else s.path for s in tree.extra_javascript
    ]
    config.update(
        site_name=tree.site_name,
        site_url=str(config.get("site_url") or ""),
        docs_dir="docs",
        site_dir="site",
        theme=theme,
        plugins=[
            p for p in _plugins(config) if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)
        ],
        nav=tree.nav,
        extra_css=[*tree.extra_css, *(config.get("extra_css") or [])],
        extra_javascript=[*scripts, *(config.get("extra_javascript") or [])],
        extra={**(config.get("extra") or {}), **tree.extra},
        markdown_extensions=[*(config.get("markdown_extensions") or []), SPACE_BLOCKS],
    )
    return config


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def check_target(out: Path, *, keep: Path | None = None, build_dir: str | None = None) -> None:
    """Refuse an output folder that is a file, holds or is inside ``keep`` (the docs folder),
    or holds files an earlier run did not write (hand-written pages, a project)."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise TargetError(f"{out} is a file, not a folder; choose a folder to write into.")
    if keep is not None:
        keep = keep.resolve()
        if out == keep or keep in out.parents or out in keep.parents:
            raise TargetError(
                f"{out} is, holds or is inside the docs folder {keep}; write the site elsewhere."
            )
    if not out.exists():
        return
    written: set[str] = set()
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            written = set(json.loads(manifest.read_text(encoding="utf-8"))["written"])
        except (ValueError, KeyError, TypeError):
            written = set()
    foreign = []
    for path in _files(out):
        rel = path.relative_to(out).as_posix()
        ours = rel in written or (build_dir and written and rel.startswith(build_dir + "/"))
        if rel == MANIFEST or ours:
            continue
        foreign.append(rel)
    if foreign:
        shown = ", ".join(sorted(foreign)[:3]) + (", ..." if len(foreign) > 3 else "")
        raise TargetError(
            f"{out} holds files that python -m generator did not write ({shown}); it would "
            "replace them. Choose a new or empty folder, or remove this one yourself."
        )


def replace_folder(out: Path, fill: Callable[[Path], list[str]]) -> None:
    """Write a new folder with ``fill(staging)`` (which returns the paths it wrote) and put it
    in place of ``out`` only when that succeeded; ``out`` is never half-written."""
    out = out.resolve()
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        written = fill(staging)
        manifest = staging / MANIFEST
        data = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
        data["written"] = sorted(written)
        manifest.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _write(base: Path, rel: str, data: str | bytes, written: list[str]) -> None:
    path = base / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    written.append(rel)


def write_site(project: Project, rules: Rules, out: Path) -> SiteTree:
    """Write the whole site for engines without the plugin; see the module's docstring."""
    check_target(out, keep=project.docs, build_dir="site")
    tree, content = project.tree(rules)
    directory_urls = bool(project.config.get("use_directory_urls", True))

    def fill(staging: Path) -> list[str]:
        written: list[str] = []
        for file in content:
            data: str | bytes = (project.docs / file.src).read_bytes()
            if file.text is not None and file.built:
                data = resolve_quotes(rules, file.text)
            _write(staging, f"docs/{file.src}", data, written)
        for src, data in tree.generated().items():
            _write(staging, f"docs/{src}", data, written)
        themed = project.custom_dir
        for src, path in tree.assets.items():
            if not (themed and (themed / src).is_file()):  # custom_dir's copy wins
                _write(staging, f"docs/{src}", path.read_bytes(), written)
        if themed and themed.is_dir():
            for path in sorted(_files(themed)):
                if project.overrides != themed and project.overrides in path.parents:
                    continue  # page templates for the generator, never published
                if path.suffix in PAGE_SUFFIXES:
                    continue  # notes on the folder: MkDocs never publishes them, others might
                rel = "overrides/" + path.relative_to(themed).as_posix()
                _write(staging, rel, path.read_bytes(), written)
        text = yaml.safe_dump(engine_config(project, tree), sort_keys=False, allow_unicode=True)
        header = "# Written by `python -m generator site`; the coop-portal plugin is not needed.\n"
        for name in ("mkdocs.yml", "properdocs.yml"):
            _write(staging, name, header + text, written)
        manifest = {
            "generator": PLUGIN,
            "rules_version": rules.rules_version,
            "pages": tree.page_outputs(directory_urls=directory_urls),
            "files": sorted([*tree.files, *(s for s in tree.assets if f"docs/{s}" in written)]),
        }
        (staging / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return written

    replace_folder(out, fill)
    return tree


def write_pages(pages: dict[str, str], out: Path) -> int:
    """Write Markdown pages under ``out`` (the ``pages`` command), replacing it safely."""
    check_target(out)

    def fill(staging: Path) -> list[str]:
        written: list[str] = []
        for src, markdown in pages.items():
            _write(staging, src, markdown, written)
        return written

    replace_folder(out, fill)
    return len(pages)


# ---------------------------------------------------------------- checking a build


def expected_outputs(tree: SiteTree, *, directory_urls: bool = True) -> list[str]:
    return [*tree.page_outputs(directory_urls=directory_urls), *tree.files, *tree.assets]


def missing_outputs(site: Path, expected: list[str]) -> list[str]:
    """The files of ``expected`` that a built site lacks."""
    return [path for path in expected if not (site / path).is_file()]


def manifest_outputs(tree_dir: Path) -> list[str]:
    data = json.loads((tree_dir / MANIFEST).read_text(encoding="utf-8"))
    return [*data["pages"], *data["files"]]
