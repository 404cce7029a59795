"""What the two views of `draw_dot` share: node roles and their colours, escaping, a DOT text builder
with nested cluster boxes, and the legend."""

from __future__ import annotations

from typing import Optional

from autograd_mini.engine import Value
from autograd_mini.render import Html, attributes, quote

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

#: Labels longer than this are cut with "…" in a drawing (Graphviz chokes on 100,000-character labels).
MAX_LABEL = 60


def role_key(node: Value, root: Value) -> str:
    """The role a node is drawn in: output, frozen, parameter, input, constant or "" (computed)."""
    if node is root:
        return "output"
    if node.role == "parameter" and node.frozen:
        return "frozen"
    return node.role if node.role in ROLES else ""


def short(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape_record(text: str) -> str:
    r"""Text shown as written inside a record field: ``{ } | < >`` and ``\ "`` are escaped, newlines kept as spaces."""
    out = []
    for ch in text:
        if ch in "{}|<>\\\"":
            out.append("\\" + ch)
        else:
            out.append(" " if ch in "\n\r" else ch)
    return "".join(out)


def escape_plain(text: str) -> str:
    r"""Text shown as written in a plain label (op, cluster, legend, title): ``\`` and ``"`` escaped, never HTML."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")


class Dot:
    """A DOT digraph written line by line, in the layout the ``graphviz`` package writes (tabs, the
    label first in an attribute list), so sources stay comparable."""

    def __init__(self, name: str) -> None:
        self.lines = [f"digraph {quote(escape_plain(name))} {{"]
        self.depth = 1

    def attr(self, **attrs: str) -> None:
        for k, v in attrs.items():
            self.lines.append("\t" * self.depth + f"{k}={quote(v)}")

    def defaults(self, kind: str, **attrs: str) -> None:
        self.lines.append("\t" * self.depth + f"{kind} {attributes(attrs)}")

    def node(self, node_id: str, attrs: dict[str, str]) -> None:
        self.lines.append("\t" * self.depth + f"{node_id} {attributes(attrs)}" if attrs else "\t" * self.depth + node_id)

    def edge(self, tail: str, head: str, attrs: Optional[dict[str, str]] = None) -> None:
        text = f"{tail} -> {head}" + (f" {attributes(attrs)}" if attrs else "")
        self.lines.append("\t" * self.depth + text)

    def raw(self, text: str) -> None:
        self.lines.append("\t" * self.depth + text)

    def open(self, name: str) -> None:
        self.lines.append("\t" * self.depth + f"subgraph {name} {{")
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1
        self.lines.append("\t" * self.depth + "}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n}\n"


def emit_clusters(g: Dot, statements: dict, box_attrs: dict[str, str], mirror: bool = False) -> list[str]:
    """Write node statements, nesting ``subgraph cluster_…`` boxes by cluster path, in first-seen order.
    ``statements`` maps a cluster path (or None) to ``(node id, attributes)`` pairs. Returns the ids of
    the boxes written, outermost first. ``mirror``: write each box's nodes in reverse order (top to
    bottom, dot mirrors the order inside boxes; this undoes it)."""
    tree: dict = {"items": [], "children": {}}
    for path, items in statements.items():
        branch = tree
        for part in path or ():
            branch = branch["children"].setdefault(part, {"items": [], "children": {}})
        branch["items"].extend(items)
    for node_id, attrs in tree["items"]:
        g.node(node_id, attrs)
    written: list[str] = []
    _write_boxes(g, list(tree["children"].items()), "cluster", box_attrs, written, mirror)
    return written


def _write_boxes(g: Dot, children: list, prefix: str, box_attrs: dict[str, str], written: list[str], mirror: bool) -> None:
    """Open, fill and close each box, its inner boxes inside it (iterative: the nesting is the user's)."""
    todo: list = [("open", f"{prefix}_{k}", name, child) for k, (name, child) in enumerate(children)][::-1]
    while todo:
        action, cid, name, child = todo.pop()
        if action == "close":
            g.close()
            continue
        g.open(cid)
        written.append(cid)
        g.attr(**(box_attrs if box_attrs.get("style") == "invis" else {**box_attrs, "label": escape_plain(short(name))}))
        for node_id, attrs in child["items"][::-1] if mirror else child["items"]:
            g.node(node_id, attrs)
        todo.append(("close", cid, name, child))
        todo += [("open", f"{cid}_{k}", n, c) for k, (n, c) in enumerate(child["children"].items())][::-1]


def html_text(text: str) -> str:
    """Text for an HTML-like label: ``& < > "`` escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


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
    table = '<table border="0" cellborder="1" cellspacing="4" cellpadding="3">' + "".join(rows) + "</table>"
    return Html(f'<font point-size="{fontsize}">{table}</font>')
