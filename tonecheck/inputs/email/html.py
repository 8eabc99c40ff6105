"""HTML mail bodies to text, with the quoted thread and signature taken out
first (where mail clients mark them in the markup).

The converter is inscriptis (Apache-2.0, like tonecheck; maintained): it
lays the page out as plain text (paragraphs, line breaks, list bullets,
table cells side by side) and emits nothing else. html2text was the other
candidate; it writes Markdown (``**bold**``, ``[link](url)``, escaped
underscores) that would be checked as if the agent had typed it, wraps lines
at 78 columns, and is GPL-3.0.
"""
from __future__ import annotations

import re

#: Elements that hold quoted mail, by client: Gmail, Apple Mail and
#: Thunderbird (``blockquote type=cite``), Yahoo, Outlook on the web.
QUOTE_XPATH = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote_container ')]",
    "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]",
    "//blockquote[@type='cite']",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' yahoo_quoted ')]",
    "//div[@id='divRplyFwdMsg']",
)
#: Elements that are the sender's signature.
SIGNATURE_XPATH = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' gmail_signature ')]",
    "//*[@data-smartmail='gmail_signature']",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' moz-signature ')]",
    "//div[@id='Signature']",
)
#: The attribution just above a quote ("On ..., Anna wrote:"): Thunderbird's
#: class, or an element whose text ends in "wrote:" right before the quote.
ATTRIBUTION_CLASS = "moz-cite-prefix"
_WROTE = re.compile(r"\b(?:wrote|schrieb|a écrit|escribió|escreveu|ha scritto|schreef|skrev)"
                    r"\b[^:]{0,80}:\s*$", re.IGNORECASE)


class HtmlBody:
    __slots__ = ("text", "quotes")

    def __init__(self, text: str, quotes: list[str]):
        self.text = text      # the page as text, quotes and signature removed
        self.quotes = quotes  # the text of each removed quote, outermost first


def _text(tree) -> str:
    from inscriptis import Inscriptis
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    return Inscriptis(tree, ParserConfig(css=CSS_PROFILES["strict"])).get_text()


def _drop(el) -> None:
    """Remove ``el`` but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def html_to_text(html: str) -> HtmlBody:
    """The agent's part of an HTML body as text, and the quoted messages."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):  # empty or nothing but comments
        return HtmlBody("", [])
    for bad in tree.xpath("//script|//style|//head"):
        _drop(bad)
    quotes = []
    found = [el for xp in QUOTE_XPATH for el in tree.xpath(xp)]
    # Outermost first; a quote inside another goes with it.
    outer = [el for el in found if not any(o is not el and _inside(el, o) for o in found)]
    outer.sort(key=lambda el: _document_order(tree, el))
    for el in outer:
        # Nested quotes are older mail; the customer's latest words are the rest.
        copy = lxml.html.fromstring(lxml.html.tostring(el))
        # Gmail wraps the attribution and the quote in div.gmail_quote: the
        # message is its first blockquote; blockquotes inside that are older.
        message = copy if copy.tag == "blockquote" else (copy.xpath(".//blockquote") or [copy])[0]
        for inner in message.xpath(".//blockquote")[::-1]:
            _drop(inner)
        for attr in message.xpath(".//*[contains(@class, 'gmail_attr')]"):
            _drop(attr)
        quotes.append(_text(message).strip())
        prev = el.getprevious()
        if prev is not None and (ATTRIBUTION_CLASS in (prev.get("class") or "")
                                 or _WROTE.search(prev.text_content() or "")):
            _drop(prev)
        _drop(el)
    for xp in SIGNATURE_XPATH:
        for el in tree.xpath(xp):
            _drop(el)
    return HtmlBody(_text(tree), quotes)


def _inside(el, other) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is other:
            return True
        parent = parent.getparent()
    return False


def _document_order(tree, el) -> int:
    for i, node in enumerate(tree.iter()):
        if node is el:
            return i
    return 0
