"""The read-only graph API: node names, number formats, lookups by label, reachability (public).

The drawing (`draw.py`), the chain-rule tracer (`trace.py`), the backward tape (`tape.py`) and the
worksheet (`worksheet.py`) all number the nodes by `topological_order` (inputs first), so one node has
one name everywhere: its label (``w5``, ``net_o1``, ``E_total``) or, when it has none, ``#i`` with
``i`` its position in that order.
"""

from __future__ import annotations

import re
from typing import Callable, Union

from autograd_mini.engine import Value, topological_order

NumberFormat = Union[str, Callable[[float], str], None]

#: The decimals the Mazur post prints (0.593269992, 0.082167041, 0.000438568).
POST_DECIMALS = 9


def post_format(x: float, decimals: int = POST_DECIMALS) -> str:
    """A number as the worked examples print it: ``decimals`` decimals, trailing zeros dropped.

    ``post_format(0.7413650700)`` is ``'0.74136507'`` and ``post_format(0.4)`` is ``'0.4'``, as in the
    Mazur post. Numbers too small to show 3 significant digits that way use 6 significant digits
    (``1.5e-08``) rather than print as 0.
    """
    if x != 0.0 and abs(x) < 10.0 ** (2 - decimals):
        return f"{x:.6g}"
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def formatter(spec: NumberFormat) -> Callable[[float], str]:
    """A float formatter from a spec: a format string (``"{:.4f}"``), a callable, or None (`post_format`)."""
    if spec is None:
        return post_format
    if callable(spec):
        return spec
    if isinstance(spec, str):
        try:
            spec.format(0.5)
        except (IndexError, KeyError, ValueError) as error:
            raise ValueError(
                f"number_format {spec!r} is not a format string for one float ({error}); "
                "write it like '{:.4f}' or '{:.6g}', or pass a function float -> str"
            ) from None
        return spec.format
    raise TypeError(f"number_format must be a format string like '{{:.4f}}' or a function float -> str, got {spec!r}")


def node_name(node: Value, index: int) -> str:
    """The name a node goes by: its label, or ``#index`` (its position in topological order)."""
    return node.label if node.label else f"#{index}"


_EXPRESSION = re.compile(r"[\s()+\-−*/×÷·²³^=]")


def is_expression(name: str) -> bool:
    """Does a label describe an expression (``target_o1 − out_o1``) rather than name a quantity (``out_o1``)?
    It does when it contains a space, a parenthesis or an operator sign."""
    return bool(_EXPRESSION.search(name))


def partial(top: str, bottom: str) -> str:
    """``∂top/∂bottom``, expressions in parentheses: ``∂E_o1/∂(target_o1 − out_o1)``."""
    return f"∂{_operand(top)}/∂{_operand(bottom)}"


def _operand(name: str) -> str:
    if not is_expression(name) or (name.startswith("(") and name.endswith(")") and name.count("(") == 1):
        return name
    return f"({name})"


def names(order: list[Value]) -> dict[int, str]:
    """``id(node) -> name`` for every node of a topological order."""
    return {id(node): node_name(node, i) for i, node in enumerate(order)}


def find_node(root: Value, wanted: Union[Value, str], order: list[Value] | None = None, what: str = "wrt") -> Value:
    """The node of ``root``'s graph given as a Value or by its label; a clear error otherwise.

    A label must name exactly one node: two nodes labelled ``"x"`` are ambiguous (pass the Value).
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value (the output or loss, e.g. E_total), got {type(root).__name__}: {root!r}")
    order = topological_order(root) if order is None else order
    if isinstance(wanted, Value):
        if any(node is wanted for node in order):
            return wanted
        label = f" {wanted.label!r}" if wanted.label else ""
        raise ValueError(
            f"{what}: the Value{label} (data={wanted.data!r}) is not in the graph of {_root_name(root)}: "
            "the root does not depend on it; pass a node the root was computed from"
        )
    if not isinstance(wanted, str):
        raise TypeError(f"{what} must be a Value or a node's label (str), got {type(wanted).__name__}: {wanted!r}")
    matches = [node for node in order if node.label == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        labels = sorted({node.label for node in order if node.label})
        shown = ", ".join(labels[:30]) + (" …" if len(labels) > 30 else "")
        raise ValueError(f"{what}: no node labelled {wanted!r} in the graph of {_root_name(root)}; labelled nodes: {shown or '(none)'}")
    raise ValueError(
        f"{what}: {len(matches)} nodes are labelled {wanted!r} in the graph of {_root_name(root)}; "
        "pass the Value itself, or give the nodes distinct labels"
    )


def _root_name(root: Value) -> str:
    return repr(root.label) if root.label else f"the root (data={root.data!r})"


def dependents(order: list[Value], source: Value) -> set[int]:
    """``id``s of the nodes that depend on ``source`` (``source`` included): the nodes on some path
    from ``source`` to the root, since every node of ``order`` reaches the root."""
    reached = {id(source)}
    for node in order:
        if any(id(child) in reached for child in node.children):
            reached.add(id(node))
    return reached
