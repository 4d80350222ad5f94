"""What search sees: the activity filter's text per activity, and page HTML that the site
search indexes with words kept apart. No MkDocs here."""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from .model import Activity, Rules


def search_words_for(rules: Rules, activity: Activity) -> list[str]:
    """The extra search words rules.yaml gives this activity, directly or by its category."""
    return [
        word
        for entry in rules.search_words
        if activity.id in entry.activities or activity.category in entry.categories
        for word in entry.words
    ]


def activity_search_text(rules: Rules, activity: Activity) -> str:
    """The activity's names, definition, POE items, expenses and search words, lower-cased,
    each word once (the filter matches each typed word anywhere in it)."""
    parts = [
        activity.name,
        *activity.aliases,
        activity.definition,
        *(p.text for p in activity.poe),
        *(e.name for e in activity.expenses),
        *search_words_for(rules, activity),
        # The category's other names (a renamed category is still found by its old name).
        *(
            alias
            for c in rules.categories
            if c.id == activity.category or c.id in {p.category for p in activity.placements}
            for alias in c.aliases
        ),
    ]
    words = " ".join(parts).lower().split()
    return " ".join(dict.fromkeys(words))


# Block elements whose text Material's search index joins to the next element's text when no
# whitespace separates them (its parser keeps only paragraphs, lists and code as tags), so a
# table row becomes "Claim deadlineResolution deadline" in result snippets.
_BLOCK_END = re.compile(
    r"(</(?:address|blockquote|caption|dd|details|div|dl|dt|fieldset|figcaption|figure|h[1-6]"
    r"|legend|li|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)>|<br\s*/?>)(?=\S)",
    re.IGNORECASE,
)


def space_blocks(html: str) -> str:
    """``html`` with a line break after each block element or <br> that something follows
    directly; browsers render it the same, and the search index keeps words apart."""
    return _BLOCK_END.sub("\\1\n", html)


class _SpaceBlocks(Postprocessor):
    def run(self, text: str) -> str:
        return space_blocks(text)


class SpaceBlocksExtension(Extension):
    """Python-Markdown extension that applies space_blocks to each page's HTML, last.

    Any engine that renders with Python-Markdown loads it by name (``generator.search``)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Below the raw-HTML postprocessor (30), so the templates' HTML blocks are spaced too.
        md.postprocessors.register(_SpaceBlocks(md), "coop_space_blocks", 1)


def makeExtension(**kwargs: object) -> SpaceBlocksExtension:
    return SpaceBlocksExtension(**kwargs)
