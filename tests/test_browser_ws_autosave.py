"""Saving My co-op to a file the partner chose, after each change, in Debian's Chromium (the
File System Access API): the file holds the workspace with the edit, the page says where and
when it saved and the reminder counts it as saved to a file; after a reload the page asks to
resume saving to the same file; a write the browser refuses is named and offers to choose the
file again; where the browser has no such API the control is not shown and Save to a file is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from .browser import add_claim, started

# The picker gives a real file handle (in the site's private file system, which a test can
# read back), so it can be kept in IndexedDB like one the partner picked. The browser asks
# again for permission after a reload ("prompt") and grants it when asked from a click. What
# is written is also collected in window.__written; with window.__failWrite set, writing is
# refused as when the permission is lost.
PICKER = """
window.showSaveFilePicker = async (options) => {
  window.__picked = (window.__picked || 0) + 1;
  const dir = await navigator.storage.getDirectory();
  return dir.getFileHandle(options.suggestedName, { create: true });
};
FileSystemHandle.prototype.queryPermission = async () => "prompt";
FileSystemHandle.prototype.requestPermission = async () => "granted";
const realWritable = FileSystemFileHandle.prototype.createWritable;
FileSystemFileHandle.prototype.createWritable = async function (...args) {
  if (window.__failWrite)
    return {
      write: () => Promise.reject(new DOMException("Not allowed.", "NotAllowedError")),
      close: async () => {},
      abort: async () => {},
    };
  const writable = await realWritable.apply(this, args);
  const write = writable.write.bind(writable);
  writable.write = (data) => {
    (window.__written = window.__written || []).push(String(data));
    return write(data);
  };
  return writable;
};
"""
NO_API = "delete window.showSaveFilePicker; delete Window.prototype.showSaveFilePicker;"


def _in_file(page: Page) -> dict[str, Any]:
    """What the chosen file holds now (read back from the browser's file system)."""
    # A write in progress has a swap file beside the chosen one until it closes: not the file.
    text = page.evaluate(
        """async () => {
          const dir = await navigator.storage.getDirectory();
          for await (const [n, h] of dir.entries())
            if (!n.endsWith(".crswap")) return await (await h.getFile()).text();
        }"""
    )
    file: dict[str, Any] = json.loads(text)
    return file


def _file_holds(page: Page, text: str) -> None:
    """Waits (up to 10 s) until the chosen file holds ``text``, its write closed: a write the
    page has started is in window.__written before the file holds it."""
    held = page.evaluate(
        """async (text) => {
          const dir = await navigator.storage.getDirectory();
          for (let tries = 0; tries < 200; tries += 1) {
            const entries = [];
            for await (const entry of dir.entries()) entries.push(entry);
            if (!entries.some(([n]) => n.endsWith(".crswap")))
              for (const [, h] of entries)
                if ((await (await h.getFile()).text()).includes(text)) return true;
            await new Promise((done) => setTimeout(done, 50));
          }
          return false;
        }""",
        text,
    )
    assert held, f"the chosen file never held {text!r}"


def _note(page: Page, field: str, value: str) -> None:
    box = page.locator("#cp-ws-c-" + field)
    box.fill(value)
    box.press("Tab")


def test_saves_to_the_chosen_file_after_each_change_and_names_a_refused_write(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    context = context_factory(timezone_id="UTC")
    context.add_init_script(PICKER)
    page = context.new_page()
    page.goto(site_url + "workspace/")
    started(page)
    other = context.new_page()  # a second tab, open before the file is chosen
    other.goto(site_url + "workspace/")
    started(other)
    other_auto = other.locator("[data-cp-ws-autosave]")
    expect(other_auto).to_have_attribute("data-cp-ws-autosave", "off")
    auto = page.locator("[data-cp-ws-autosave]")
    expect(auto).to_have_attribute("data-cp-ws-autosave", "off")
    auto.get_by_role("button", name="Save automatically to a file\u2026").click()
    expect(auto).to_have_attribute("data-cp-ws-autosave", "on")
    add_claim(page, "INV1 print ad", "print-advertising", "2026-09-01", "2026-09-30", "100")
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: INV1 print ad")
    _file_holds(page, "INV1 print ad")
    file = _in_file(page)
    assert file["format"] == "coop-portal/workspace"
    assert [c["name"] for c in file["claims"]] == ["INV1 print ad"]
    assert json.loads(page.evaluate("() => window.__written.at(-1)")) == file, "written whole"
    name = page.evaluate(
        "async () => { for await (const n of (await navigator.storage.getDirectory()).keys())"
        " if (!n.endsWith('.crswap')) return n; }"
    )
    assert name.endswith(".json")
    expect(auto).to_contain_text("Saving automatically to " + name + " after each change.")
    expect(auto).to_contain_text(re.compile(r"Last saved there at \d{1,2}:\d{2}:\d{2}"))
    where = page.locator("[data-cp-ws-where]")
    expect(where).to_contain_text("Last saved to a file on ")
    expect(where).to_contain_text("Saved automatically to " + name)
    expect(where).not_to_contain_text("There are changes since then")
    expect(where.get_by_role("button", name="Save to a file")).to_have_count(0)
    # The other tab learnt of the file without a reload, and asks to resume saving to it.
    expect(other_auto).to_have_attribute("data-cp-ws-autosave", "paused")
    expect(other_auto.get_by_role("button", name="Resume saving to " + name)).to_be_visible()
    other.close()

    # After a reload the same file is kept, and the browser asks for permission again.
    page.reload()
    started(page)
    expect(auto).to_have_attribute("data-cp-ws-autosave", "paused")
    auto.get_by_role("button", name="Resume saving to " + name).click()
    expect(auto).to_have_attribute("data-cp-ws-autosave", "on")
    page.get_by_role("button", name=re.compile("INV1 print ad")).first.click()
    _note(page, "notes", "Proof in the shared drive")
    _file_holds(page, "Proof in the shared drive")
    file = _in_file(page)
    assert [c.get("notes") for c in file["claims"]] == ["Proof in the shared drive"]
    assert page.evaluate("() => window.__picked || 0") == 0, "the kept file, not a new pick"

    # The browser refuses the next write: said, with the way out.
    page.evaluate("() => { window.__failWrite = true; }")
    _note(page, "notes", "Not kept in the file")
    expect(auto).to_have_attribute("data-cp-ws-autosave", "failed")
    expect(auto).to_have_attribute("role", "alert")
    expect(auto).to_contain_text("could not be saved to " + name)
    expect(auto).to_contain_text("the browser no longer lets this page write to it")
    assert [c.get("notes") for c in _in_file(page)["claims"]] == ["Proof in the shared drive"]
    page.evaluate("() => { window.__failWrite = false; }")
    auto.get_by_role("button", name="Choose the file again\u2026").click()
    expect(auto).to_have_attribute("data-cp-ws-autosave", "on")
    _file_holds(page, "Not kept in the file")
    assert [c.get("notes") for c in _in_file(page)["claims"]] == ["Not kept in the file"]
    auto.get_by_role("button", name="Stop saving automatically").click()
    expect(auto).to_have_attribute("data-cp-ws-autosave", "off")


def test_without_the_api_only_save_to_a_file_is_offered(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    context = context_factory(timezone_id="UTC")
    context.add_init_script(NO_API)
    page = context.new_page()
    page.goto(site_url + "workspace/")
    started(page)
    expect(page.locator("#cp-ws-save-file")).to_be_visible()
    expect(page.locator("[data-cp-ws-autosave]")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("automatically"))).to_have_count(0)
