"""Text for readers: the one place that cuts a long text and escapes text for each format it goes into.

Every text that reaches HTML, Markdown, LaTeX, SVG or DOT is escaped for that format by a function of this
module (DOT's own escapers live with the DOT builder, `autograd_mini.drawing.dot`).
"""

from __future__ import annotations

__all__ = ["cut"]


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when anything was left out.

        >>> cut("net_h1", 60), cut("abcdef", 4)
        ('net_h1', 'abc…')
    """
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"
