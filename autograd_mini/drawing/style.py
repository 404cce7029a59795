"""What the two views of `draw_dot` share: node roles and their colours, the label length, and the caption
with its legend (the DOT text itself is written by `autograd_mini.drawing.dot`)."""

from __future__ import annotations

from typing import Optional

from autograd_mini.drawing.dot import MAX_LABEL, Html, html_text
from autograd_mini.engine import Value
from autograd_mini.text import cut

# role -> (legend text, node attributes)
ROLES: dict[str, tuple[str, dict[str, str]]] = {
    "parameter": ("parameter", {"style": "filled", "fillcolor": "#cfe2ff"}),
    "frozen": ("frozen parameter", {"style": "filled,dashed", "fillcolor": "#e9ecef", "color": "#4a6fa5"}),
    "input": ("input", {"style": "filled", "fillcolor": "#d4edda"}),
    "constant": ("constant", {"style": "filled,dotted", "fillcolor": "#f8f9fa", "fontcolor": "#555555"}),
    "output": ("output / loss", {"style": "filled,bold", "fillcolor": "#ffe0b3", "penwidth": "2"}),
    "": ("computed value", {}),
}
HIGHLIGHT = {"color": "#d62728", "penwidth": "2.5"}
NOTE_COLOR = "#b00020"



def role_key(node: Value, root: Value) -> str:
    """The role a node is drawn in: output, frozen, parameter, input, constant or "" (computed)."""
    if node is root:
        return "output"
    if node.role == "parameter" and node.frozen:
        return "frozen"
    return node.role if node.role in ROLES else ""


def short(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a drawing's label length)."""
    return cut(text, limit)


def caption(title: Optional[str], notes: list[str], legend: list[tuple[str, dict[str, str]]], fontsize: str) -> Optional[Html]:
    """The drawing's caption above the graph, as one HTML-like table: the title, the notes (in red) and
    the legend as ONE strip of coloured cells. None when there is nothing to show."""
    rows = []
    if title:
        rows.append(f'<tr><td colspan="{max(1, len(legend))}" border="0"><b>{html_text(short(title, 200))}</b></td></tr>')
    for note in notes:
        rows.append(f'<tr><td colspan="{max(1, len(legend))}" border="0"><font color="{NOTE_COLOR}">{html_text(note)}</font></td></tr>')
    if legend:
        cells = []
        for text, attrs in legend:
            colour = attrs.get("fillcolor") or attrs.get("color") or "#ffffff"
            border = f' color="{attrs["color"]}"' if "color" in attrs else ""
            cells.append(f'<td bgcolor="{colour}"{border}>{html_text(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        return None
    table = '<table border="0" cellborder="1" cellspacing="4" cellpadding="5">' + "".join(rows) + "</table>"
    return Html(f'<font point-size="{fontsize}">{table}</font>')
