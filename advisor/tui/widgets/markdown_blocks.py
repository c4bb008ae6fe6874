"""Markdown tables and lists drawn as one widget each. Textual's Markdown makes a widget per table
cell (31 for an options table of five rows) and four per list item, and keeps the parse's row and
cell blocks besides; every reply carries a table and a list, so a long chat held thousands of
widgets, each with its own task, styles and rendered lines, and every layout walked them all.

Here each table or list is one block that draws its text for the width it is given (a Rich table
or grid, turned into text lines): the header in the theme's primary colour, thin lines between
cells, figures right-aligned as the Markdown's `---:` says, long cells wrapped rather than cut;
bullets and numbers with the wrapped lines hanging under the text. The text stays selectable; a
click copies the reply as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widgets.markdown import MarkdownBlock

INLINE = (".strong", ".em", ".s", ".code_inline")  # the parse's span styles: MarkdownBlock's component classes


class DrawnBlock(MarkdownBlock):
    """A block whose content is a Rich renderable drawn to text lines for the widget's width."""

    DEFAULT_CSS = "DrawnBlock { width: 1fr; height: auto; margin: 0 0 1 0; }"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple[Any, Text] | None = None  # (key, text) of the last drawing

    def compose(self):  # type: ignore[override]
        self._read_blocks()
        return iter(())

    def _read_blocks(self) -> None:
        """Take what to draw from the parsed child blocks, which are then let go."""
        raise NotImplementedError

    def renderable(self) -> RenderableType:
        raise NotImplementedError

    def style_key(self) -> tuple[Any, ...]:
        """What the drawing depends on besides the width and the content (the theme's styles)."""
        return tuple(self.get_component_rich_style(name[1:], partial=True) for name in INLINE)

    async def _update_from_block(self, block: MarkdownBlock) -> None:
        """A streamed reply re-parses its last block: take the new content in place."""
        if type(block) is not type(self) or block._token.type != self._token.type:
            await super()._update_from_block(block)
            return
        self._blocks = block._blocks
        self._read_blocks()
        self._drawn = None
        self.refresh(layout=True)

    def text(self, content: Content) -> Text:
        """Inline Markdown (bold, italic, struck, code) as Rich text in this block's styles."""
        text = Text(content.plain)
        for span in content.spans:
            if isinstance(span.style, str) and span.style in INLINE:
                text.stylize(self.get_component_rich_style(span.style[1:], partial=True), span.start, span.end)
        return text

    def drawing(self, width: int) -> Text:
        """The block as text lines `width` cells wide at most (kept until the width, theme or content change)."""
        key = (width, self.style_key())
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        console = Console(width=max(1, width), color_system="truecolor", legacy_windows=False, force_terminal=True)
        lines = console.render_lines(self.renderable(), console.options, pad=False)
        text = Text("\n").join(_line_text(line) for line in lines)
        text.no_wrap = True
        self._drawn = (key, text)
        return text

    def render(self) -> Text:
        return self.drawing(self.content_size.width or self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.drawing(width).split("\n")) if width else 0


class TableBlock(DrawnBlock):
    DEFAULT_CSS = """
    TableBlock {
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

    def _read_blocks(self) -> None:
        cells = list(_descendants(self))
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

    def style_key(self) -> tuple[Any, ...]:
        lines = (self.get_component_rich_style("table--header"), self.get_component_rich_style("table--lines"))
        return (*super().style_key(), *lines, len(self._rows))

    def renderable(self) -> RenderableType:
        table = Table(
            box=box.SQUARE,
            show_lines=True,
            header_style=self.get_component_rich_style("table--header"),
            border_style=self.get_component_rich_style("table--lines"),
        )
        for i, title in enumerate(self._headers):
            align = self._align[i] if i < len(self._align) else "left"
            table.add_column(self.text(title), justify=align, overflow="fold", **self._figure_width(i, align))  # type: ignore[arg-type]
        for row in self._rows:
            table.add_row(*map(self.text, row))
        return table

    def _figure_width(self, column: int, align: str) -> dict[str, int]:
        """A column of figures (right-aligned) is as wide as its widest figure or header word: each
        figure keeps its line, the header wraps, and the words in the other columns get the room."""
        if align != "right":
            return {}
        figures = [row[column].cell_length for row in self._rows if column < len(row)]
        words = [len(word) for word in self._headers[column].plain.split()]
        width = max(figures + words, default=1)
        return {"min_width": width, "max_width": width}


class ListBlock(DrawnBlock):
    """A bullet or numbered list: each item's paragraphs beside its mark, nested lists indented."""

    DEFAULT_CSS = "ListBlock { & > .list--mark { color: $text-primary; } }"
    COMPONENT_CLASSES = MarkdownBlock.COMPONENT_CLASSES | {"list--mark"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._items: list[tuple[str, list[MarkdownBlock]]] = []

    def _read_blocks(self) -> None:
        self._items = _items(self)
        self._blocks.clear()

    def style_key(self) -> tuple[Any, ...]:
        return (*super().style_key(), self.get_component_rich_style("list--mark"), len(self._items))

    def renderable(self) -> RenderableType:
        return self._grid(self._items)

    def _grid(self, items: list[tuple[str, list[MarkdownBlock]]]) -> Table:
        grid = Table.grid()
        grid.add_column(no_wrap=True, style=self.get_component_rich_style("list--mark"))
        grid.add_column(overflow="fold")
        for mark, blocks in items:
            grid.add_row(mark, Group(*(self._part(block) for block in blocks)))
        return grid

    def _part(self, block: MarkdownBlock) -> RenderableType:
        if block._token.type in ("bullet_list_open", "ordered_list_open"):
            return self._grid(_items(block))
        if block._token.type in ("fence", "code_block"):
            return Text(str(getattr(block, "code", block._token.content)).rstrip("\n"))
        return self.text(block._content)


def _items(block: MarkdownBlock) -> list[tuple[str, list[MarkdownBlock]]]:
    """(mark, child blocks) of a parsed list: '• ' or '3. ', numbered from the list's own start."""
    items = [child for child in block._blocks if child._token.type == "list_item_open"]
    if block._token.type != "ordered_list_open":
        return [(str(getattr(item, "bullet", "• ")), item._blocks) for item in items]
    try:
        start = int(getattr(items[0], "bullet", 1)) if items else 1
    except ValueError:
        start = 1
    marks = [f"{number}. " for number in range(start, start + len(items))]
    width = max(map(len, marks), default=0)
    return [(mark.rjust(width + 1), item._blocks) for mark, item in zip(marks, items, strict=True)]


def _descendants(block: MarkdownBlock) -> Iterator[MarkdownBlock]:
    """The parse's child blocks, in document order."""
    for child in block._blocks:
        yield child
        yield from _descendants(child)


def _alignment(header: MarkdownBlock) -> str:
    """`---:` in the Markdown is `text-align:right` on the header token."""
    style = str((header._token.attrs or {}).get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else "left"


def _line_text(segments: list[Any]) -> Text:
    text = Text()
    for segment in segments:
        text.append(segment.text, segment.style if isinstance(segment.style, Style) else None)
    return text
