"""Derivatives as values, to any order: `grad(output, inputs, create_graph=…)` and `hessian(output, inputs)`.

    >>> from autograd_mini import Value, grad, hessian
    >>> x = Value(1.0, "x"); y = x * x * x
    >>> [dy] = grad(y, [x], create_graph=True); dy.data     # dy/dx = 3x²
    3.0
    >>> grad(dy, [x])[0].data                              # d²y/dx² = 6x
    6.0
    >>> hessian(y, [x])
    [[6.0]]

`grad` is reverse mode like `Value.backward`, but it returns the derivatives instead of adding them to
``.grad`` (which it never touches). With ``create_graph=False`` it reads the floats the engine stored
(``node.local_grads``, exactly what ``backward()`` would use) and returns leaves. With
``create_graph=True`` it writes each local derivative as ops on Values (the one table of rules,
`autograd_mini.calculus.derivatives`) and each node's total derivative Σ local·upstream as ONE `dot` node, so the
results are nodes of a graph made of the engine's own ops: differentiate them again, ``backward()``
through them (a gradient penalty), `explain` them, draw them. Only the paths from ``output`` down to the
``inputs`` are walked; the work is linear in the graph's size, without recursion.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

from autograd_mini import operators as ops
from autograd_mini import validate
from autograd_mini.calculus.derivatives import Local, local_derivatives
from autograd_mini.engine import Value, dot, sum_values, topological_order

__all__ = ["grad", "hessian"]


def _inputs(output: object, inputs: object, where: str) -> list[Value]:
    if not isinstance(output, Value):
        raise TypeError(f"{where}: output must be a Value (the result to differentiate), got {validate.shown(output)}")
    if isinstance(inputs, Value):
        raise TypeError(f"{where}: inputs must be a list or tuple of Values, got one Value; write [x]")
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"{where}: inputs must be a list or tuple of Values, got {validate.shown(inputs)}")
    if not inputs:
        raise ValueError(f"{where}: inputs is empty; give the Values to differentiate with respect to, e.g. [x, w]")
    for i, v in enumerate(inputs):
        if not isinstance(v, Value):
            raise TypeError(f"{where}: inputs[{i}] must be a Value, got {validate.shown(v)}")
    return list(inputs)


def _times(local: Local, g: Local) -> Local:
    """local · g, without a node where a constant makes one needless (1·g is g itself)."""
    if type(local) is float:
        if type(g) is float:
            return local * g
        return g if local == 1.0 else -g if local == -1.0 else g * local
    return local * g if type(g) is not float or g != 1.0 else local


def _total(locals_: list[Local], gs: list[Local], leaf: Callable[[float], Value]) -> Local:
    """Σ local·g over a node's uses as one node: a `dot` (a `sum` when every local is 1), or a float.
    ``leaf`` gives the constant leaf of a number, one per number (a derivative reused by many inputs)."""
    if len(locals_) == 1:
        return _times(locals_[0], gs[0])
    if float not in map(type, gs):  # the usual cases, checked at C speed: Values only, or 1·g each
        if float not in map(type, locals_):
            return dot(locals_, gs)  # type: ignore[arg-type]
        if locals_.count(1.0) == len(locals_):
            return sum_values(gs)
    ws: list[Value] = []
    xs: list[Value] = []
    constant = 0.0
    ones = True
    for local, g in zip(locals_, gs):
        if type(local) is float:
            if type(g) is float:
                constant += local * g
                continue
            ones = ones and local == 1.0
            ws.append(leaf(local))
            xs.append(g)  # type: ignore[arg-type]
        else:
            ones = False
            ws.append(local)  # type: ignore[arg-type]
            xs.append(g if type(g) is not float else leaf(g))  # type: ignore[arg-type]
    if not ws:
        return constant
    if len(ws) == 1 and constant == 0.0:
        return ws[0] * xs[0]
    if ones:
        return sum_values(xs + [leaf(constant)] if constant else xs)
    return dot(ws, xs, leaf(constant) if constant else None)


def _needed(order: list[Value], wanted: set[Value]) -> set[Value]:
    """The nodes on a path down to an input: only their derivatives are worth computing (Values hash by
    identity, so they key sets and dicts directly)."""
    needed = set(wanted)
    add = needed.add
    for node in order:  # inputs first: a node is needed when an input is, or one of its children
        if node.children and node not in needed:
            for child in node.children:
                if child in needed:
                    add(node)
                    break
    return needed


def grad(output: Value, inputs: Sequence[Value], *, create_graph: bool = False) -> list[Value]:
    """∂output/∂input for each of ``inputs`` (a list or tuple of Values: leaves, inner nodes, ``output``
    itself), in their order, as Values; ``.grad`` of every node stays as it was.

    ``create_graph=False``: the results are new leaves holding the numbers ``backward()`` would give.
    ``create_graph=True``: the results are nodes of a graph built from the engine's ops (the table
    `autograd_mini.calculus.derivatives`), so they can be differentiated again, to any order, or back-propagated.
    An input ``output`` does not depend on gets ``Value(0.0)``; ∂y/∂y is 1.

    Raises:
        TypeError: ``output`` is not a Value, ``inputs`` not a list/tuple of Values, ``create_graph`` not a bool.
        ValueError: no inputs; with ``create_graph=True``, an op without a rule (a `Value.from_op` node)
            or a graph changed after it was built.
        ArithmeticError: a derivative beyond the float range (e.g. the second derivative of √x at 1e-310).
    """
    where = "grad"
    xs = _inputs(output, inputs, where)
    if type(create_graph) is not bool:
        raise TypeError(f"{where}: create_graph must be True or False, got {validate.shown(create_graph)}")
    order = topological_order(output)
    wanted = set(xs)
    needed = _needed(order, wanted)
    totals = _build(order, output, needed, wanted, where) if create_graph else _floats(order, output, needed)
    in_graph = set(order) if create_graph else set()
    results: list[Value] = []
    for x in xs:
        d = totals.get(x, 0.0)
        if type(d) is float:
            results.append(Value(d))
        elif d in in_graph:  # a node of the graph itself (∂(a·b)/∂a is b): a new node equal to it
            results.append(sum_values([d]))
        else:
            results.append(d)  # type: ignore[arg-type]
    return results


def _floats(order: list[Value], output: Value, needed: set[Value]) -> dict[Value, Local]:
    """The first-order path: the floats backward() would add, in backward()'s order (same rounding)."""
    totals: dict[Value, Local] = {output: 1.0}
    get = totals.get
    for node in reversed(order):
        g = get(node, 0.0)
        if not g or not node.children:
            continue
        for child, local in zip(node.children, node.local_grads):
            if child in needed:
                totals[child] = get(child, 0.0) + local * g
    for node, value in totals.items():  # an overflow is an error, as in backward()
        if not -math.inf < value < math.inf:  # type: ignore[operator]
            raise OverflowError(f"grad: the derivative with respect to {ops.describe(node)} is {value!r}; derivatives "
                                "overflowed the float range. Scale the inputs or the output down.")
    return totals


def _build(order: list[Value], output: Value, needed: set[Value], inputs: set[Value], where: str) -> dict[Value, Local]:
    """The differentiable path: each needed node's derivative as a node (or a float when constant).
    Each needed node collects the local derivatives and upstream derivatives of its uses in two lists
    (no object per edge: fewer allocations, fewer collector passes)."""
    terms: dict[Value, tuple[list[Local], list[Local]]] = {output: ([1.0], [1.0])}
    totals: dict[Value, Local] = {}
    leaves: dict[float, Value] = {}

    def leaf(x: float) -> Value:
        c = leaves.get(x)
        if c is None:
            c = leaves[x] = Value(x, role="constant")
        return c

    pop, get = terms.pop, terms.get
    for node in reversed(order):
        parts = pop(node, None)
        if parts is None:
            continue
        g = totals[node] = _total(parts[0], parts[1], leaf)
        kids = node.children
        if not kids or (type(g) is float and g == 0.0):
            continue
        if node in inputs and not any(c in needed for c in kids):
            continue  # an input whose own inputs lead nowhere: nothing below it to pass on to
        for child, d in zip(kids, local_derivatives(node, where)):
            if child in needed and (type(d) is not float or d != 0.0):
                parts = get(child)
                if parts is None:
                    terms[child] = ([d], [g])
                else:
                    parts[0].append(d)
                    parts[1].append(g)
    return totals


def hessian(output: Value, inputs: Sequence[Value]) -> list[list[float]]:
    """The matrix of second derivatives ∂²output/∂inputs[i]∂inputs[j] as a list of lists of floats,
    symmetric by construction (row i's entries from column i on, mirrored). ``.grad`` stays untouched.

    Raises as `grad` does (with ``create_graph=True``)."""
    xs = _inputs(output, inputs, "hessian")
    first = grad(output, xs, create_graph=True)
    n = len(xs)
    h = [[0.0] * n for _ in range(n)]
    for i in range(n):
        row = grad(first[i], xs[i:])
        for j, d in enumerate(row, start=i):
            h[i][j] = h[j][i] = d.data
    return h
