"""mkdocs.yml problems name their line and setting (``python -m generator config``, which
bin/build runs before MkDocs, whose own YAML errors name neither), and the brand's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

from .portal import copy_project
from .test_brand import brand_setting


def _config(tmp_path: Path, field: str, new: str) -> tuple[Path, int]:
    """The project's mkdocs.yml with the brand setting ``field``'s line replaced by ``new``."""
    project = copy_project(tmp_path)
    yml = project / "mkdocs.yml"
    text = re.sub(
        rf"^        {field}: .*$", new, yml.read_text(encoding="utf-8"), count=1, flags=re.M
    )
    yml.write_text(text, encoding="utf-8")
    return yml, text.split("\n").index(new) + 1


def test_bad_indentation_names_the_line_and_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yml, line = _config(tmp_path, "logo", '         logo: ""')
    assert main(["config", str(yml)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"{yml}:{line}: logo (below plugins.coop-portal.brand.name): ")
    assert "9 spaces where the line above has 8" in error
    assert "Hint:" in error
    assert "Traceback" not in error


def test_a_missing_logo_and_a_bad_colour_name_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yml, line = _config(tmp_path, "logo", '        logo: "brand/gone.svg"')
    assert main(["config", str(yml)]) == 1
    error = capsys.readouterr().err
    assert f"{yml}:{line}: plugins.coop-portal.brand.logo: expected an image file" in error
    yml.write_text(yml.read_text().replace("gone.svg", "logo.svg"))
    (yml.parent / "content" / "brand").mkdir(exist_ok=True)
    (yml.parent / "content" / "brand" / "logo.svg").write_text("<svg/>")
    assert main(["config", str(yml)]) == 0
    assert "OK" in capsys.readouterr().out
    text = brand_setting(yml.read_text(), "primary_color", '"#eeeeee"')
    yml.write_text(text)
    colour = text.split("\n").index('        primary_color: "#eeeeee"') + 1
    assert main(["config", str(yml)]) == 1
    assert f"{yml}:{colour}: plugins.coop-portal.brand.primary_color:" in capsys.readouterr().err
