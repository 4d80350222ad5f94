"""What the activity filter searches: one lower-case text per activity. No MkDocs here."""

from __future__ import annotations

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
    ]
    words = " ".join(parts).lower().split()
    return " ".join(dict.fromkeys(words))
