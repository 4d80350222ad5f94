"""The MkDocs build: a strict build of the skeleton portal in a temp folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_strict_build_makes_an_offline_site(tmp_path: Path) -> None:
    """mkdocs build --strict succeeds and the pages name no other host (no fonts, no CDN)."""
    work = tmp_path / "portal"
    shutil.copytree(ROOT / "content", work / "content")
    shutil.copytree(ROOT / "site_overrides", work / "site_overrides")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        capture_output=True,
        text=True,
        cwd=work,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # Material's end-of-life banner
    )
    assert done.returncode == 0, done.stderr
    assert not re.search(r"^WARNING\s+-", done.stderr, re.MULTILINE), done.stderr
    pages = list((work / "site").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r'(?:src|href)="(?:https?:)?//', html), page
        assert "fonts.googleapis" not in html
