"""A worksheet: the graph's nodes as a Markdown table, optionally with the gradients left blank.

``worksheet(E_total, blank_grads=True)`` gives an exercise (every node with its op, inputs and forward
value; the ∂E_total/∂node column empty) and, separately, its answer key (the same table filled in from
the engine's ``.grad``, so call ``E_total.backward()`` first). Rows follow the forward pass: inputs and
weights first, E_total last, numbered as in the drawing and the tape.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograd_mini.graph import NumberFormat, formatter, names
from autograd_mini.engine import Value, topological_order

__all__ = ["worksheet", "Worksheet"]

BLANK = "\u2003" * 6  # a visible gap to write in (em spaces; Markdown would collapse ordinary ones)


@dataclass(frozen=True)
class Worksheet:
    """``exercise``: the table to hand out; ``answer_key``: the same table with every gradient filled in."""

    exercise: str
    answer_key: str

    def __str__(self) -> str:
        return self.exercise


def worksheet(
    root: Value,
    *,
    blank_grads: bool = False,
    constants: bool = True,
    number_format: NumberFormat = None,
    title: str | None = None,
) -> Worksheet:
    """The nodes of ``root``'s graph as a Markdown table: ``# | node | role | op | inputs | data | ∂root/∂node``.

    Args:
        blank_grads: leave the gradient column empty in ``exercise`` (the answer key always has it).
        constants: include the numbers wrapped as constants (targets, the ½ of the squared error).
        number_format: a format string or function; default: 9 decimals, as the Mazur post prints.
        title: a heading line above each table (default: none).
    """
    if not isinstance(root, Value):
        raise TypeError(f"worksheet: root must be a Value (the output or loss, e.g. E_total), got {type(root).__name__}: {root!r}")
    fmt = formatter(number_format)
    order = topological_order(root)
    name_of = names(order)
    rname = name_of[id(root)]
    rows = []
    for node in order:
        if node.role == "constant" and not constants:
            continue
        role = _role(node, root)
        inputs = ", ".join(name_of[id(c)] for c in node.children)
        rows.append((name_of[id(node)], role, node.op, inputs, fmt(node.data), fmt(node.grad)))

    def table(blank: bool) -> str:
        lines = [f"## {title}", ""] if title else []
        lines += [f"| node | role | op | inputs | data | ∂{_cell(rname)}/∂node |", "|---|---|---|---|---:|---:|"]
        for name, role, op, inputs, data, grad in rows:
            lines.append(f"| {_cell(name)} | {role} | {_cell(op)} | {_cell(inputs)} | {data} | {BLANK if blank else grad} |")
        return "\n".join(lines)

    return Worksheet(exercise=table(blank_grads), answer_key=table(False))


def _role(node: Value, root: Value) -> str:
    if node is root:
        return "output"
    if node.role == "parameter" and node.frozen:
        return "parameter (frozen)"
    return node.role


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
