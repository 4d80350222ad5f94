"""One walk over every page type, in Chromium, of the variant build (tests/portal.py: rules
texts laced with hostile strings, a brand, no COOP_SITE_URL) served by Debian's nginx with
deploy/nginx.conf: under a sub-path, with the strict Content-Security-Policy and no network.
Each page, as it first loads, must show no WCAG 2.1 A/AA violation (axe-core, npm); then every
element gets the events of a pointer and keyboard user, and no injected script may run. Over
the whole visit: no CSP violation, console error, failed request or request to another host.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from .browser import IDLE_SEARCH, WATCH_CSP, Trouble, origin_of, started
from .conftest import ROOT
from .portal import page_types

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every page type, an activity of another category whose core requirements do not apply,
# and the hand-written page.
PAGES = page_types("activities/partner-program-fee/", "about/")
WHEN = datetime(2026, 11, 24, 12, tzinfo=UTC)

HOVER_AND_FOCUS_ALL = """() => {
  const all = document.querySelectorAll("body *");
  for (const el of all) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin"]) {
      const event = type.startsWith("focus")
        ? new FocusEvent(type, { bubbles: type === "focusin" })
        : new MouseEvent(type, { bubbles: type !== "mouseenter" });
      el.dispatchEvent(event);
    }
  }
  return all.length;
}"""

AXE_RUN = (
    # resultTypes: full detail for violations only, which makes axe several times faster.
    "(tags) => axe.run(document,"
    " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
)


def _axe_violations(page: Any) -> list[str]:
    result = page.evaluate(AXE_RUN, TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _as_a_user_would(page: Any) -> int:
    """Every element gets the events a pointer and keyboard user would send, so an injected
    on* attribute anywhere would run; then one real Tab and one real click. Returns how many
    elements were touched."""
    touched: int = page.evaluate(HOVER_AND_FOCUS_ALL)
    page.keyboard.press("Tab")
    paragraphs = page.locator("main p:visible")  # the glossary and planning are lists
    (paragraphs if paragraphs.count() else page.locator("main h1")).first.click()
    return touched


@dataclass
class Walker:
    """One browser tab that visits every page type in turn, as a partner clicking through the
    portal would (a new tab per page costs Chromium about twice the CPU of the visit)."""

    page: Any
    trouble: Trouble
    dialogs: list[str]

    def fresh(self) -> None:
        """Forget what the previous page's visit recorded."""
        for seen in (self.trouble.console, self.trouble.failed, self.trouble.foreign):
            seen.clear()
        self.dialogs.clear()


@pytest.fixture(scope="module")
def walker(browser: Any, strict_url: str) -> Iterator[Walker]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing. Run bin/test, which installs axe-core with npm.")
    context = browser.new_context(timezone_id="Europe/Berlin")
    context.clock.set_fixed_time(WHEN)
    context.add_init_script(WATCH_CSP)
    # The search worker is the same on every page: it runs under the strict policy in
    # test_browser_csp.py, and idles here (tests/browser.py IDLE_SEARCH).
    context.add_init_script(IDLE_SEARCH)
    # axe comes in through the browser's own channel, as the page's CSP allows no injected
    # <script>; the page's own scripts are what the policy is tested on.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    walker = Walker(page, Trouble(origin_of(strict_url)), [])  # offline: any other host is recorded
    walker.trouble.watch(page)

    def dismiss(dialog: Any) -> None:
        walker.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield walker
    context.close()


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "home")
def test_page_type_is_accessible_inert_and_clean_under_the_strict_csp(
    walker: Walker, strict_url: str, path: str
) -> None:
    """Each page type: no axe violation as it first loads, no injected script runs when used,
    and no CSP violation, console error, failed request or other host along the way."""
    page, trouble = walker.page, walker.trouble
    walker.fresh()  # from here on, what this page does
    page.goto(strict_url + path)
    started(page)  # the page has loaded and its components have started (no wait for quiet)
    findings: dict[str, Any] = {"WCAG 2.1 A/AA violations (axe)": _axe_violations(page)}
    violations = page.evaluate("window.__cspViolations")
    touched = _as_a_user_would(page)
    findings["too few elements to use (the page did not render)"] = touched if touched <= 20 else 0
    findings["injected script ran (window.__pwned)"] = page.evaluate("window.__pwned")
    findings["dialogs opened"] = walker.dialogs
    # Read again after use (a click may have loaded another page, with its own record).
    after = page.evaluate("window.__cspViolations || []")
    findings["CSP violations"] = list(dict.fromkeys(violations + after))
    findings["console errors"] = trouble.console
    findings["failed requests"] = trouble.failed
    findings["requests to other hosts"] = trouble.foreign
    problems = [f"{kind}: {found}" for kind, found in findings.items() if found]
    assert problems == [], f"{path or 'home'}: " + "; ".join(problems)
