"""Reading what My co-op keeps in the browser, as a test sees it: the workspace's records in
IndexedDB put together as the workspace file (or, where an older version saved it, the text in
localStorage), without ever making the database itself."""

from __future__ import annotations

import json
from typing import Any

LEGACY_KEY = "coop-portal:v1:workspace"


def seed_once(context: Any, claims: list[dict[str, Any]]) -> None:
    """Gives ``context``'s pages a workspace of ``claims`` as an older version kept it (the page
    moves it to IndexedDB on its first load), once per tab: a reload keeps what the test did."""
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": claims}
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem({LEGACY_KEY!r}, {json.dumps(json.dumps(workspace))});"
        " sessionStorage.setItem('seeded', '1'); }"
    )


READ = """async (legacyKey) => {
  const names = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : null;
  const known = !names || names.includes('coop-portal');
  if (known) {
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('coop-portal');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    if (db.objectStoreNames.contains('workspace')) {
      const store = db.transaction('workspace').objectStore('workspace');
      const get = (r) => new Promise((ok) => { r.onsuccess = () => ok(r.result); });
      const [keys, values] = await Promise.all([get(store.getAllKeys()), get(store.getAll())]);
      db.close();
      const at = keys.indexOf('meta');
      if (at >= 0) {
        const out = { ...values[at], funds: [], claims: [], deleted: [] };
        keys.forEach((k, i) => {
          if (k.startsWith('c:')) out.claims.push(values[i]);
          else if (k.startsWith('f:')) out.funds.push(values[i]);
          else if (k.startsWith('d:')) out.deleted.push(values[i]);
        });
        return { medium: 'indexeddb', text: JSON.stringify(out) };
      }
    } else db.close();
  }
  const text = localStorage.getItem(legacyKey);
  return text === null ? null : { medium: 'localStorage', text };
}"""


def settled(page: Any) -> None:
    """Waits until what the page was told has reached storage: a field enters its value one
    task after its change event, then the save runs, marking the workspace while it does (a
    timer queued now runs after that task; waiting on the mark alone raced it under load)."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    page.wait_for_function("() => !document.querySelector('[data-cp-ws-saving]')")


def stored(page: Any) -> tuple[str, dict[str, Any]] | None:
    """(where, workspace) as the browser keeps it now for ``page``'s site, or None."""
    settled(page)
    found = page.evaluate(READ, LEGACY_KEY)
    if not found:
        return None
    return found["medium"], json.loads(found["text"])


def saved(page: Any) -> dict[str, Any]:
    """The workspace kept in the browser (asserting there is one)."""
    found = stored(page)
    assert found, "nothing saved in the browser"
    return found[1]


BACKUPS = """async (legacyKey) => {
  const names = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : null;
  if (!names || names.includes('coop-portal')) {
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('coop-portal');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    if (db.objectStoreNames.contains('kv')) {
      const r = db.transaction('kv').objectStore('kv').get('backups');
      const list = await new Promise((ok) => { r.onsuccess = () => ok(r.result); });
      db.close();
      if (list) return list;
    } else db.close();
  }
  return JSON.parse(localStorage.getItem(legacyKey + '-backup') || '[]');
}"""


def backups(page: Any) -> list[dict[str, Any]]:
    """The backups My co-op keeps for ``page``'s site ({at, errors, text}), oldest first."""
    settled(page)
    return list(page.evaluate(BACKUPS, LEGACY_KEY))
