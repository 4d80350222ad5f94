"""One site, any engine: the site as plain data (build_site), the tree `python -m generator site`
writes, and that tree built by ProperDocs compared page by page with the MkDocs build."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.exports import Site, build_exports
from generator.schema import schema_text
from generator.site import ContentFile, SiteError, build_site, resolve_quotes
from generator.sitemap import site_pages

from .browser import PREFIX
from .conftest import rules_at
from .portal import copy_project

ROOT = Path(__file__).resolve().parent.parent
RULES = rules_at(ROOT / "rules.yaml")


def _run(cwd: Path, *args: str) -> tuple[int, str]:
    """`python -m generator ARGS` in ``cwd``: exit code and what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COOP_PORTAL_DEBUG": ""},
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


def _cli_in_process(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    """`python -m generator ARGS` in ``cwd`` as ``_run``, but its ``main`` in this process
    (no interpreter to start): exit code and what it printed."""
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("COOP_PORTAL_DEBUG", "")
    code = main(list(args))
    printed = capsys.readouterr()
    return code, printed.out + printed.err


# ---------------------------------------------------------------- the site as data


def test_build_site_holds_every_page_export_asset_and_the_search_weights() -> None:
    """The tree has each page of the page table, the exports, boot.js as a module script, and
    the search weights as front matter that any engine hands the search plugin."""
    about = ContentFile("about.md", "# About\n", "content/about.md")
    tree = build_site(RULES, site_name="Portal", content=[about])
    assert list(tree.pages) == [p.src for p in site_pages(RULES)]
    assert set(build_exports(RULES, schema_text(), Site())) <= set(tree.files)
    assert "assets/coop-portal/brand.css" in tree.files
    assert "assets/coop-portal/boot.js" in tree.assets
    assert [(s.path, s.type) for s in tree.extra_javascript] == [
        ("assets/coop-portal/boot.js", "module")
    ]
    assert tree.pages["levers.md"].startswith('---\nsearch: {"boost": 3}\n---\n')
    assert 'search: {"exclude": true}' in tree.pages["print-pack.md"]
    embed = tree.pages["embed/tracker.md"]  # its own front matter is kept, search setting too
    assert embed.startswith("---\ntemplate: embed.html\n")
    assert embed.count("search:") == 1
    assert tree.nav[0] == {"Home": "index.md"}
    assert tree.nav[-1] == "about.md"
    assert tree.extra["coop_portal"]["rules_version"] == RULES.rules_version


def test_a_content_page_replaces_the_generated_one_and_bad_quotes_stop_the_build() -> None:
    """content/ wins at the same path (and says so); a quote that does not resolve names the
    file, line and column, and nothing is assembled."""
    mine = ContentFile("levers.md", "# Our levers\n", "content/levers.md")
    tree = build_site(RULES, site_name="Portal", site_url="https://x.example/", content=[mine])
    assert "levers.md" not in tree.pages
    assert tree.notes == ("content/levers.md replaces the generated page of the same name.",)
    bad = ContentFile("bad.md", "# Bad\n\nSee [[rules:money.nope]].\n", "content/bad.md")
    with pytest.raises(SiteError, match=r"content/bad\.md:3:5: \[\[rules:money\.nope\]\]"):
        build_site(RULES, site_name="Portal", content=[bad])
    draft = ContentFile("draft.md", bad.text, "content/draft.md", built=False)
    assert build_site(RULES, site_name="Portal", content=[draft]).pages


def test_resolved_quotes_read_as_the_plugin_renders_them() -> None:
    """For engines without the plugin, quotes become the extension's span; code stays literal
    and characters Markdown would act on are written as references."""
    text = "Below [[rules:money.coop_threshold.amount]], `[[rules:x]]`.\n\n```\n[[rules:y]]\n```\n"
    out = resolve_quotes(RULES, text)
    assert out.startswith('Below <span class="cp-quote">USD 10,000</span>, `[[rules:x]]`.')
    assert "[[rules:y]]" in out
    assert resolve_quotes(RULES, "[[rules:engagements.azure-csp.name]]").count("*") == 0


# ---------------------------------------------------------------- the CLI's folder


def test_site_and_pages_refuse_a_folder_with_hand_written_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pages content` and `pages .` refuse (they used to delete the pages or crash); `site`
    refuses a folder inside the docs folder. Nothing is deleted."""
    project = copy_project(tmp_path / "project")
    for args in (("pages", "content"), ("pages", "."), ("site", "."), ("site", "content/x")):
        code, output = _cli_in_process(project, monkeypatch, capsys, *args)
        assert code == 2, (args, output)
        assert "internal error" not in output
        assert re.search(r"did not write \(.*\)|inside the docs folder", output), output
    assert (project / "content" / "about.md").is_file()
    assert not (project / "content" / "x").exists()


def test_a_failed_site_run_leaves_the_previous_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`site OUT` writes the config without the plugin (brand applied) and replaces OUT only
    once everything is written: broken rules leave it intact."""
    project = copy_project(tmp_path / "project")
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    site_name = re.search(r"^site_name: (.*)$", text, re.MULTILINE)[1]  # type: ignore[index]
    text, count = re.subn(
        r"^        name: .*$", '        name: "Contoso"', text, count=1, flags=re.MULTILINE
    )
    assert count == 1
    yml.write_text(text, encoding="utf-8")
    out = tmp_path / "tree"
    code, output = _cli_in_process(project, monkeypatch, capsys, "site", str(out))
    assert code == 0, output
    config = yaml.safe_load((out / "properdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == f"{site_name} – Contoso"
    assert config["plugins"] == [{"search": {"fields": {"title": {"boost": 10}}}}]
    assert config["extra"]["coop_portal"]["brand"]["name"] == "Contoso"
    assert config["extra_javascript"][0] == {"path": "assets/coop-portal/boot.js", "type": "module"}
    assert (out / "docs" / "exports" / "deadlines.ics").is_file()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    rules = project / "rules.yaml"
    broken, count = re.subn(r"rate_percent: (\d)", r"rate_percent: -\1", rules.read_text(), count=1)
    assert count == 1
    rules.write_text(broken)
    code, output = _cli_in_process(project, monkeypatch, capsys, "site", str(out))
    assert code == 1
    assert re.search(r"rules\.yaml:\d+:\d+: .*rate_percent", output), output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "tree"]  # no staging left


# ---------------------------------------------------------------- MkDocs and ProperDocs


@pytest.fixture(scope="module")
def engine_builds(
    built_site: Path, site_port: int, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path]:
    """(MkDocs build with the plugin, the CLI's tree, ProperDocs' build of that tree): the
    tree is written for the address the shared MkDocs build was made for."""
    base = tmp_path_factory.mktemp("engines")
    project = copy_project(base / "project")
    tree = base / "tree"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COOP_SITE_URL", f"http://127.0.0.1:{site_port}{PREFIX}")
        code, output = _run(project, "site", str(tree))
        assert code == 0, output
        done = subprocess.run(
            [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(base / "pd")],
            cwd=tree,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return built_site, tree, base / "pd"


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def _main(html: str) -> str:
    """A page's title and main content (Material's article, an embed's main), whitespace
    normalised: what the engine's own chrome does not change."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    main = re.search(r"<article\b.*?</article>|<main\b.*?</main>", html, re.S)
    assert title
    assert main
    return " ".join(f"{title.group(1)} {main.group(0)}".split())


def test_mkdocs_and_properdocs_build_the_same_pages(engine_builds: tuple[Path, Path, Path]) -> None:
    """The plugin's MkDocs build and ProperDocs' build of the CLI's tree have the same page
    paths, the same title and main content on each, and the same search entries and weights."""
    mkdocs_site, _, properdocs_site = engine_builds
    ours, theirs = _pages(mkdocs_site), _pages(properdocs_site)
    assert sorted(ours) == sorted(theirs)
    assert len(ours) >= len(site_pages(RULES)) + 2  # generated pages, about, 404
    different = [path for path in ours if _main(ours[path]) != _main(theirs[path])]
    assert different == []
    assert '<span class="cp-quote">USD 10,000</span>' in theirs["about/index.html"]

    def search(site: Path) -> list[str]:
        docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
        return sorted(json.dumps(d, sort_keys=True) for d in docs)

    assert search(mkdocs_site) == search(properdocs_site)
    for name in ("exports/activities.csv", "exports/deadlines.ics", "assets/coop-portal/boot.js"):
        assert (mkdocs_site / name).read_bytes() == (properdocs_site / name).read_bytes(), name


def test_the_guard_fails_a_build_that_lacks_the_generated_pages(
    engine_builds: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`verify` passes both builds against the tree's manifest, and fails loudly a build made
    by an engine that ignored the plugin (Zensical builds only content/'s pages)."""
    mkdocs_site, tree, properdocs_site = engine_builds
    for site in (mkdocs_site, properdocs_site):
        code, output = _cli_in_process(
            ROOT, monkeypatch, capsys, "verify", str(site), "--tree", str(tree)
        )
        assert code == 0, output
    ignored = tmp_path / "ignored"
    for page in ("index.html", "about/index.html"):
        (ignored / page).parent.mkdir(parents=True, exist_ok=True)
        (ignored / page).write_text(html_lib.escape("<p>Home</p>"), encoding="utf-8")
    code, output = _cli_in_process(
        ROOT, monkeypatch, capsys, "verify", str(ignored), "--tree", str(tree)
    )
    assert code == 1
    assert "lacks" in output
    assert "activities/print-advertising/index.html" in output
    assert "python -m generator site OUT" in output
