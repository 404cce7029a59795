"""DOT text, written by hand: quoting, escaping for each kind of label, and a builder with nested cluster
boxes (the layout the ``graphviz`` package writes, so sources stay comparable). Every text that goes into a
drawing passes through one of the escapers here."""

from __future__ import annotations

import re
from typing import Optional

from autograd_mini.text import cut, visible

#: Labels longer than this are cut with "…" in a drawing (Graphviz chokes on 100,000-character labels).
MAX_LABEL = 60

_NUMERAL = re.compile(r"-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}


def quote(text: str) -> str:
    """A DOT id: bare when it is a plain name or number, else in double quotes. ``text`` must already be
    escaped (``"`` as ``\\"``) by the caller: labels are escaped where they are made."""
    if (text.isidentifier() or _NUMERAL.fullmatch(text)) and text.lower() not in _KEYWORDS:
        return text
    return f'"{text}"'


class Html(str):
    """An HTML-like label (Graphviz's ``<table>…</table>``), written between ``< >`` instead of quotes."""


def attributes(attrs: dict[str, str]) -> str:
    """``[label=… a=… b=…]``: the label first, then the others by name (the order the graphviz package uses)."""
    keys = (["label"] if "label" in attrs else []) + sorted(k for k in attrs if k != "label")
    return "[" + " ".join(f"{k}=<{attrs[k]}>" if isinstance(attrs[k], Html) else f"{k}={quote(str(attrs[k]))}" for k in keys) + "]"


def escape_record(text: str) -> str:
    r"""Text shown as written inside a record field: ``{ } | < >`` and ``\ "`` are escaped, newlines kept as
    spaces, unseen characters (NUL, U+202E …) as ``\uXXXX`` (`autograd_mini.text.visible`)."""
    out = []
    for ch in visible(text):
        if ch in "{}|<>\\\"":
            out.append("\\" + ch)
        else:
            out.append(" " if ch in "\n\r" else ch)
    return "".join(out)


def escape_plain(text: str) -> str:
    r"""Text shown as written in a plain label (op, cluster, legend, title): ``\`` and ``"`` escaped, never HTML;
    unseen characters (NUL, U+202E …) as ``\uXXXX`` (`autograd_mini.text.visible`)."""
    return visible(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")


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
        g.attr(**(box_attrs if box_attrs.get("style") == "invis" else {**box_attrs, "label": escape_plain(cut(name, MAX_LABEL))}))
        for node_id, attrs in child["items"][::-1] if mirror else child["items"]:
            g.node(node_id, attrs)
        todo.append(("close", cid, name, child))
        todo += [("open", f"{cid}_{k}", n, c) for k, (n, c) in enumerate(child["children"].items())][::-1]


def html_text(text: str) -> str:
    """Text for an HTML-like label: ``& < > "`` escaped, unseen characters as ``\\uXXXX`` (`autograd_mini.text.visible`),
    and ``\\`` doubled (Graphviz reads ``\\\\`` as one backslash even inside an HTML-like label)."""
    return visible(text).replace("\\", "\\\\").replace("\n", " ").replace("\r", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
