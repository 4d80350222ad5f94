"""A distributor's branding as plain data: name, logo, colours, support contact, the
distributor's own resources for partners and where its copy of the guidebook is downloaded.

Colours become CSS only after they parse as hex colours and pass WCAG AA contrast
(white text on the primary colour, the accent colour on white), so a brand can
neither inject CSS nor make the portal unreadable. Addresses must be https:// (or
mailto: for support); texts are plain. Every setting defaults to empty: a portal
without a brand names no distributor and links no distributor's services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_URL = re.compile(r"(?:https://|mailto:)[^\s<>\"'`]+")
_HTTPS = re.compile(r"https://[^\s<>\"'`]+")
MIN_CONTRAST = 4.5


class BrandError(ValueError):
    """A branding setting that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class BrandResource:
    """A distributor's own service for partners: a clinic, a content service, a help desk."""

    title: str
    url: str = ""
    text: str = ""


@dataclass(frozen=True)
class Brand:
    """The settings under ``plugins: coop-portal: brand:`` in mkdocs.yml."""

    name: str = ""
    """The distributor's name: in the header, every page title, embeds and printed forms."""
    logo: str = ""
    """Logo image inside content/ (for example brand/logo.svg)."""
    primary_color: str = ""
    accent_color: str = ""
    support: str = ""
    """Who to ask, in words: a desk, an email address, a phone number."""
    support_url: str = ""
    """An https:// or mailto: link for the support contact."""
    guidebook_url: str = ""
    """Where partners download the co-op guidebook (a PDF); citations of it link there."""
    resources: tuple[BrandResource, ...] = ()
    """The distributor's own services for partners (clinics, content services, help desks)."""

    def site_name(self, site_name: str) -> str:
        """The site name with the brand in it, for the header, page titles and embeds."""
        if not self.name or self.name.casefold() in site_name.casefold():
            return site_name
        return f"{site_name} – {self.name}"


def _luminance(color: str) -> float:
    digits = color[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two hex colours (1 to 21)."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def check_brand(brand: Brand, where: str = "plugins.coop-portal.brand") -> Brand:
    """Raise BrandError for a setting that is malformed or unreadable; return the brand."""
    for field, against, role in (
        ("primary_color", "#ffffff", "white header text on it"),
        ("accent_color", "#ffffff", "it as text on white"),
    ):
        value = getattr(brand, field)
        if not value:
            continue
        if not _HEX.fullmatch(value):
            raise BrandError(
                f"{where}.{field}: expected a hex colour like #0b5563, but got {value!r}. "
                "Write it as # and six hex digits, in quotes."
            )
        ratio = contrast(value, against)
        if ratio < MIN_CONTRAST:
            raise BrandError(
                f"{where}.{field}: expected a colour dark enough for {role} "
                f"(contrast {MIN_CONTRAST}:1), but {value} gives {ratio:.2f}:1. "
                "Choose a darker shade."
            )
    if brand.support_url and not _URL.fullmatch(brand.support_url):
        raise BrandError(
            f"{where}.support_url: expected an https:// or mailto: address, but got "
            f"{brand.support_url!r}. Write the full address."
        )
    if brand.guidebook_url and not _HTTPS.fullmatch(brand.guidebook_url):
        raise BrandError(
            f"{where}.guidebook_url: expected an https:// address, but got "
            f"{brand.guidebook_url!r}. Write the full address of the guidebook PDF."
        )
    for field in ("name", "support"):
        if re.search(r"[<>]", getattr(brand, field)):
            raise BrandError(f"{where}.{field}: expected plain text, but it contains < or >.")
    for index, resource in enumerate(brand.resources):
        at = f"{where}.resources[{index}]"
        if not resource.title.strip():
            raise BrandError(f"{at}.title: expected a name for the resource, but it is empty.")
        for field in ("title", "text"):
            if re.search(r"[<>]", getattr(resource, field)):
                raise BrandError(f"{at}.{field}: expected plain text, but it contains < or >.")
        if resource.url and not _HTTPS.fullmatch(resource.url):
            raise BrandError(
                f"{at}.url: expected an https:// address, but got {resource.url!r}. "
                "Write the full address."
            )
    return brand


def _six(color: str) -> str:
    digits = color[1:]
    return "#" + ("".join(ch * 2 for ch in digits) if len(digits) == 3 else digits).lower()


def brand_css(brand: Brand) -> str:
    """CSS variables for Material's custom palette; no rules when no colour is set."""
    rules = []
    if brand.primary_color:
        c = _six(brand.primary_color)
        rules.append(
            ":root, [data-md-color-primary=custom] {"
            f" --md-primary-fg-color: {c}; --md-primary-fg-color--light: {c};"
            f" --md-primary-fg-color--dark: {c}; }}"
        )
    if brand.accent_color:
        c = _six(brand.accent_color)
        rules.append(
            f":root, [data-md-color-accent=custom] {{ --md-accent-fg-color: {c};"
            f" --md-accent-fg-color--transparent: {c}1a; }}"
        )
    # Material hides the header's logo below 1220px and cuts the title off with an ellipsis,
    # so on phones a partner would see no distributor: show the logo, let the name wrap.
    phone = []
    if brand.logo:
        phone.append(".md-header__button.md-logo { display: inline-block; }")
    if brand.name:
        phone.append(
            ".md-header__title .md-header__topic:first-child .md-ellipsis {"
            " white-space: normal; line-height: 1.15; font-size: 0.7rem; }"
        )
    if phone:
        rules.append(PHONE + " { " + " ".join(phone) + " }")
    return (
        "/* Generated from plugins.coop-portal.brand in mkdocs.yml. */\n" + "\n".join(rules) + "\n"
    )


PHONE = "@media screen and (max-width: 76.234375em)"
