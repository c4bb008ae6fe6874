"""A Markdown table drawn as one widget. Textual's own table is a grid with one widget per cell
(31 for an options table of five rows) and keeps the parse's row and cell blocks too; every reply
carries such a table, so a long chat held thousands of widgets, each with its own task, styles and
rendered lines, and every layout walked them all. Here the table is one block: the same rows, the
header in the theme's primary colour, thin lines between cells, numbers right-aligned as the
Markdown says, long cells wrapped rather than cut. The text stays selectable; a click copies the
reply as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich import box
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widgets.markdown import MarkdownBlock

INLINE_STYLES = {".strong": "bold", ".em": "italic", ".s": "strike", ".code_inline": "bold"}


def cell_text(content: Content) -> Text:
    """A cell's Markdown (bold, italic, code, struck) as Rich text; links keep their words."""
    text = Text(content.plain)
    for span in content.spans:
        style = INLINE_STYLES.get(span.style) if isinstance(span.style, str) else None
        if style:
            text.stylize(style, span.start, span.end)
    return text


class TableBlock(MarkdownBlock):
    DEFAULT_CSS = """
    TableBlock {
        width: 1fr;
        height: auto;
        margin-bottom: 1;
        & > .table--header { color: $primary; text-style: bold; }
        & > .table--lines { color: $foreground 20%; }
    }
    """
    COMPONENT_CLASSES = MarkdownBlock.COMPONENT_CLASSES | {"table--header", "table--lines"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers: list[Content] = []
        self._rows: list[list[Content]] = []
        self._align: list[str] = []
        self._drawn: tuple[Any, Text] | None = None  # (key, text) of the last drawing

    def compose(self):  # type: ignore[override]
        self._read_blocks()
        return iter(())

    def _read_blocks(self) -> None:
        """Headers, rows and alignment from the parsed row and cell blocks, which are then let go."""
        cells = list(_cells(self))
        self._headers = [cell._content for cell in cells if cell._token.type == "th_open"]
        self._align = [_alignment(cell) for cell in cells if cell._token.type == "th_open"]
        self._rows = []
        for cell in cells:
            if cell._token.type == "tr_open":
                self._rows.append([])
            elif cell._token.type == "td_open" and self._rows:
                self._rows[-1].append(cell._content)
        self._rows = [row for row in self._rows if row]
        self._blocks.clear()
        self._drawn = None

    async def _update_from_block(self, block: MarkdownBlock) -> None:
        """A streamed reply re-parses its last block: take the new rows in place."""
        if not isinstance(block, TableBlock):
            await super()._update_from_block(block)
            return
        self._blocks = block._blocks
        self._read_blocks()
        self.refresh(layout=True)

    def drawing(self, width: int) -> Text:
        """The table as text lines for `width` cells (kept until the width, theme or rows change)."""
        header = self.get_component_rich_style("table--header")
        lines = self.get_component_rich_style("table--lines")
        key = (width, header, lines, len(self._rows))
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        table = Table(box=box.SQUARE, show_lines=True, header_style=header, border_style=lines, expand=False)
        for i, title in enumerate(self._headers):
            align = self._align[i] if i < len(self._align) else "left"
            table.add_column(cell_text(title), justify=align, overflow="fold", **self._figure_width(i, align))  # type: ignore[arg-type]
        for row in self._rows:
            table.add_row(*map(cell_text, row))
        console = Console(width=max(1, width), color_system="truecolor", legacy_windows=False, force_terminal=True)
        rendered = console.render_lines(table, console.options, pad=False)
        text = Text("\n").join(_line_text(line) for line in rendered)
        text.no_wrap = True
        self._drawn = (key, text)
        return text

    def _figure_width(self, column: int, align: str) -> dict[str, int]:
        """A column of figures (right-aligned) is as wide as its widest figure or header word: each
        figure keeps its line, the header wraps, and the words in the other columns get the room."""
        if align != "right":
            return {}
        figures = [row[column].cell_length for row in self._rows if column < len(row)]
        words = [len(word) for word in self._headers[column].plain.split()]
        width = max(figures + words, default=1)
        return {"min_width": width, "max_width": width}

    def render(self) -> Text:
        return self.drawing(self.content_size.width or self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.drawing(width).split("\n")) if width else 0


def _cells(block: MarkdownBlock) -> Iterator[MarkdownBlock]:
    """The parse's head, body, row and cell blocks, in document order."""
    for child in block._blocks:
        yield child
        yield from _cells(child)


def _alignment(header: MarkdownBlock) -> str:
    """`---:` in the Markdown is `text-align:right` on the header token."""
    style = str((header._token.attrs or {}).get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else "left"


def _line_text(segments: list[Any]) -> Text:
    text = Text()
    for segment in segments:
        text.append(segment.text, segment.style if isinstance(segment.style, Style) else None)
    return text
