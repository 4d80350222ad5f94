"""My co-op's files in Debian's Chromium: the claim list as XLSX, written in the browser and
read back with openpyxl, agrees with the CSV; amounts are numbers, claim numbers text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from .browser import started

WHEN = datetime(2026, 9, 1, 12, tzinfo=UTC)
KEY = "coop-portal:v1:workspace"


def _claim(claim_id: str, name: str, amount: float, number: str) -> dict[str, Any]:
    return {
        "id": claim_id,
        "name": name,
        "activity": "print-advertising",
        "start": "2026-09-01",
        "end": "2026-09-30",
        "amount": amount,
        "claim_number": number,
        "status": "gathering proof",
        "ticked": [],
    }


def _download(page: Page, selector: str) -> tuple[str, bytes]:
    """The suggested file name and the bytes of the download a click starts."""
    with page.expect_download() as download:
        page.click(selector)
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def _workbook(page: Page, selector: str) -> Any:
    name, data = _download(page, selector)
    assert name.endswith(".xlsx")
    return load_workbook(io.BytesIO(data))


def test_claim_list_xlsx_reads_back_with_the_csv_amounts_and_text_claim_numbers(
    context_factory: Callable[..., Any], site_url: str, built_site: Path
) -> None:
    claims = [
        _claim("x1", "Autumn print ad", 184287.71, "0001234567"),
        _claim("x2", "=1+1 spring ad", 1500, "0000000042"),
    ]
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": claims}
    context = context_factory(clock=WHEN, timezone_id="UTC", accept_downloads=True)
    context.add_init_script(f"localStorage.setItem({KEY!r}, {json.dumps(json.dumps(workspace))});")
    page: Page = context.new_page()
    page.goto(site_url + "workspace/")
    started(page)
    expect(page.locator("[data-cp-ws-export=xlsx]")).to_be_visible()
    book = _workbook(page, "[data-cp-ws-export=xlsx]")
    text = _download(page, "[data-cp-ws-export=csv]")[1].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header == list(rows[0])
    table = [dict(zip(header, line, strict=True)) for line in sheet.iter_rows(min_row=2)]
    assert [r["Claim name"].value for r in table] == [c["name"] for c in claims]
    for cells, row, claim in zip(table, rows, claims, strict=True):
        amount = cells["Planned amount"]
        assert amount.data_type == "n"
        assert amount.value == float(row["Planned amount"]) == claim["amount"]
        number = cells["Claim number"]
        assert number.data_type == "s"
        assert number.value == row["Claim number"] == claim["claim_number"]
        assert all(c.data_type != "f" for c in cells.values())
    assert sum(r["Planned amount"].value for r in table) == sum(c["amount"] for c in claims)
    assert f',"{claims[0]["claim_number"]}",' in text  # quoted, for importers that keep it text
    assert rows[1]["Claim name"] == "'" + claims[1]["name"]  # the CSV's formula guard
    assert table[1]["Claim name"].value == claims[1]["name"]  # the XLSX: a text cell as it is
    brand = json.loads((built_site / "assets/coop-portal/data.json").read_text("utf-8"))["brand"]
    assert book.properties.creator == (brand or "coop-portal")
    evidence = _workbook(page, "[data-cp-ws-export=evidence-xlsx]").active
    assert evidence is not None
    names = {line[0].value for line in evidence.iter_rows(min_row=2)}
    assert names == {c["name"] for c in claims}
