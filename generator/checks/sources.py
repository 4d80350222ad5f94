"""The source register: Microsoft pages are cited at their English address, and a copy kept
elsewhere is published only when graded mirror and labelled with the original's address."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Loc
from ..model import Rules
from .registry import Issue, check, issue

_MICROSOFT_URL = re.compile(
    r"^https?://(?:[a-z0-9-]+\.)*microsoft\.com(?:[:/?#]|$)"
    r"|^https?://github\.com/MicrosoftDocs/",
    re.IGNORECASE,
)
# A locale in the path (/ru-ru/, /sr-latn-rs/, /en-sg/) or in a MicrosoftDocs repository
# name (partner-center-pr.de-de).
_LOCALE = re.compile(r"[/.]([a-z]{2}(?:-[a-z]{4})?-[a-z]{2})(?=[/?#.]|$)", re.IGNORECASE)


def non_english_locale(url: str) -> str | None:
    """The locale of a Microsoft address that is not the English (en-us) one, else None."""
    if not _MICROSOFT_URL.match(url):
        return None
    for found in _LOCALE.finditer(url.split("://", 1)[1]):
        if found.group(1).lower() != "en-us":
            return found.group(1)
    return None


@check(
    "source-addresses",
    "Microsoft pages are cited at their English address; copies are graded mirror",
)
def _source_addresses(rules: Rules) -> Iterator[Issue]:
    for index, source in enumerate(rules.sources):
        base: Loc = ("sources", index)
        locale = non_english_locale(source.url) if source.url else None
        if locale and source.reliability != "mirror":
            yield issue(
                source.id,
                (*base, "url"),
                f"expected the English (en-us) address of a Microsoft page, but got a "
                f"'{locale}' copy",
                "Cite the en-us address (learn.microsoft.com/en-us/...) and note the copy you "
                "read in review_note, or grade the source mirror and set copy_of.",
            )
        if source.reliability == "mirror" and source.copy_of is None:
            yield issue(
                source.id,
                (*base, "copy_of"),
                "expected copy_of, the original's address, on a source graded mirror, but got none",
                "Add copy_of with the address of the page this is a copy of.",
            )
        original = non_english_locale(source.copy_of) if source.copy_of else None
        if original:
            yield issue(
                source.id,
                (*base, "copy_of"),
                f"expected the English (en-us) address of the original, but got a "
                f"'{original}' copy",
                "Give the en-us address of the original page.",
            )
    for index, resource in enumerate(rules.resources):
        locale = non_english_locale(resource.url) if resource.url else None
        if locale:
            yield issue(
                resource.id,
                ("resources", index, "url"),
                f"expected the English (en-us) address of a Microsoft page, but got a "
                f"'{locale}' copy",
                "Link the en-us address (learn.microsoft.com/en-us/...).",
            )
