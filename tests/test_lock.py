"""requirements.lock is the install: every package pinned with hashes, made from pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import ROOT

REFRESH = "Run bin/lock to refresh requirements.lock from pyproject.toml."


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def _locked() -> dict[str, tuple[Version, list[str], str]]:
    """name -> (pinned version, hashes, 'via' comment) for every entry of the lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries: dict[str, tuple[Version, list[str], str]] = {}
    for block in re.split(r"\n(?=[a-z0-9])", text, flags=re.IGNORECASE):
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", block)
        if match:
            name = canonicalize_name(match.group(1))
            via = " ".join(re.findall(r"#\s+(?:via\s+)?(.*)", block))
            entries[name] = (Version(match.group(2)), re.findall(r"--hash=sha256:\w+", block), via)
    return entries


def test_lock_pins_every_declared_package_within_its_range() -> None:
    """Each range in pyproject.toml is pinned in the lock at a version the range allows."""
    locked = _locked()
    for name, requirement in _declared().items():
        assert name in locked, f"{name} is in pyproject.toml but not in the lock. {REFRESH}"
        version = locked[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} in the lock is outside '{requirement.specifier}'. {REFRESH}"
        )


def test_lock_has_no_package_that_pyproject_no_longer_asks_for() -> None:
    """Packages the lock says come from pyproject.toml are exactly the declared ones."""
    direct = {n for n, (_, _, via) in _locked().items() if "coop-portal (pyproject.toml)" in via}
    assert direct == set(_declared()), REFRESH


def test_every_locked_package_has_hashes() -> None:
    """pip installs with --require-hashes, so every entry carries at least one hash."""
    locked = _locked()
    assert len(locked) > len(_declared())
    assert all(hashes for _, hashes, _ in locked.values())
