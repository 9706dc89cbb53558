"""An article as lines of text, whatever it came as: plain text, Markdown or a saved web page.

The importer reads lines, each with the line of the source it came from, so
every inference it reports can point back at the article. Web pages are read
with the standard library's HTML parser and Markdown with markdown-it; page
furniture that is never article text (scripts, navigation, footers, image
captions) is left out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from markdown_it import MarkdownIt

Format = Literal["text", "markdown", "html"]

#: Elements whose text is never the article's.
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "figcaption",
    "form",
    "button",
    "svg",
    "template",
    "iframe",
    "select",
}
#: Elements that end a line of text.
_BLOCKS = {
    "p", "div", "li", "br", "tr", "td", "th", "section", "article", "blockquote", "dt", "dd",
    "pre", "ul", "ol", "table", "header", "main", "figure", "hr", "title",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col"}


@dataclass(frozen=True)
class SourceLine:
    """One line of the article's text.

    Attributes:
        number: the line of the source file it starts on (1-based).
        text: the text, whitespace collapsed.
        heading: the heading level (1-6) when it is a heading.
        list_number: its number when it is an item of a numbered list.
    """

    number: int
    text: str
    heading: int | None = None
    list_number: int | None = None


@dataclass(frozen=True)
class Article:
    """The article's lines, its title, and the site that published it when a page says."""

    lines: tuple[SourceLine, ...]
    title: str | None
    format: Format
    site: str | None = None


def guess_format(text: str, name: str = "") -> Format:
    """By the file's extension, else by a look at the start of the text."""
    lowered = name.lower()
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return "html"
    starts = [line.lstrip()[:4] for line in text.splitlines()[:400]]
    if any(s.startswith(("# ", "## ", "### ")) for s in starts):
        return "markdown"
    return "text"


def read_article(text: str, name: str = "") -> Article:
    """Split an article into its lines of text, reading it as its format demands."""
    kind = guess_format(text, name)
    if kind == "html":
        return _html(text)
    if kind == "markdown":
        return _markdown(text)
    lines = [
        SourceLine(number, " ".join(line.split()))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    return Article(tuple(lines), None, "text")


def _markdown(text: str) -> Article:
    tokens = MarkdownIt("commonmark").parse(text)
    lines: list[SourceLine] = []
    title = None
    heading: int | None = None
    item_numbers: list[int | None] = []
    fresh_item = False
    for token in tokens:
        if token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = None
        elif token.type == "list_item_open":
            item_numbers.append(int(token.info) if token.info.isdigit() else None)
            fresh_item = True
        elif token.type == "list_item_close":
            item_numbers.pop()
        elif token.type == "inline" and token.map:
            number = item_numbers[-1] if item_numbers and fresh_item else None
            fresh_item = False
            for offset, part in enumerate(_inline_lines(token)):
                if part:
                    line = SourceLine(token.map[0] + 1 + offset, part, heading, number)
                    lines.append(line)
                    number = None
                    if heading == 1 and title is None:
                        title = part
    return Article(tuple(lines), title, "markdown")


def _inline_lines(token) -> list[str]:
    """An inline token's text, split where the source breaks lines; images left out."""
    parts = [""]
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("")
        elif child.type in ("text", "code_inline"):
            parts[-1] += child.content
    return [" ".join(part.split()) for part in parts]


class _PageText(HTMLParser):
    """Collects the text of a page's block elements, with the line each starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self.title: str | None = None
        self.site: str | None = None
        self._skipping: list[str] = []
        self._open: list[str] = []
        self._text: list[str] = []
        self._start = 1
        self._heading: int | None = None
        self._in_title = False
        self._counters: list[int | None] = []
        self._number: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _SKIPPED:
            self._flush()
            self._skipping.append(tag)
            return
        if tag == "meta":
            fields = dict(attrs)
            if fields.get("property") == "og:site_name" and fields.get("content"):
                self.site = " ".join((fields["content"] or "").split())[:120] or None
        if tag in _BLOCKS:
            self._flush()
        if tag == "title":
            self._in_title = True
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
        elif tag == "ol":
            start = dict(attrs).get("start") or "1"
            self._counters.append(int(start) if start.isdigit() else 1)
        elif tag == "ul":
            self._counters.append(None)
        elif tag == "li" and self._counters and self._counters[-1] is not None:
            self._number = self._counters[-1]
            self._counters[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "title":
            self._in_title = False
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = None
        elif tag in ("ol", "ul") and self._counters:
            self._counters.pop()

    def handle_data(self, data: str) -> None:
        if self._skipping or not data.strip():
            if data and self._text:
                self._text.append(" ")
            return
        if not self._text:
            leading = data[: len(data) - len(data.lstrip())]
            self._start = self.getpos()[0] + leading.count("\n")
        self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        if self._in_title:
            self.title = self.title or text
            return
        self.lines.append(SourceLine(self._start, text, self._heading, self._number))
        self._number = None

    def close(self) -> None:
        super().close()
        self._flush()


def _html(text: str) -> Article:
    parser = _PageText()
    parser.feed(text)
    parser.close()
    h1 = next((line.text for line in parser.lines if line.heading == 1), None)
    page_title, site = _site_name_split(parser.title)
    return Article(tuple(parser.lines), h1 or page_title, "html", parser.site or site)


def _site_name_split(title: str | None) -> tuple[str | None, str | None]:
    """ "Core Workout for Runners | Runner's World" -> ("Core Workout for Runners",
    "Runner's World")."""
    if not title:
        return None, None
    for separator in (" | ", " - ", " — ", " – "):
        if separator in title:
            head, _, tail = title.rpartition(separator)
            head = head.split(separator)[0].strip()
            return head or title, tail.strip()[:120] or None
    return title, None
