"""The graph walks behind `explain`, each linear in the graph (plus what it lists), each iterative.

* `count_and_sum`: paths from ``wrt`` to every node (dynamic programming, exact big ints) and
  ∂root/∂wrt in forward mode, each node's terms summed exactly (``math.fsum``);
* `enumerate_paths`: every path, depth first, each partial path a parent pointer (an edge and the
  path above it), so a path of n edges costs n steps to build, not n² (no tuple copied per step);
* `intermediate_hint`: what to say when there are too many paths to list.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterator, TypeVar

from autograd_mini.engine import Value

Namer = Callable[[Value], str]
E = TypeVar("E")


def count_and_sum(order: list[Value], wrt: Value, reach: set[int]) -> tuple[dict[int, int], float]:
    """Paths from wrt to each node of ``reach``, and ∂root/∂wrt in forward mode (independent of backward())."""
    counts: dict[int, int] = {id(wrt): 1}
    deriv: dict[int, float] = {id(wrt): 1.0}
    for node in order:
        key = id(node)
        if key not in reach or node is wrt:
            continue
        n = 0
        terms = []
        for child, local in zip(node.children, node.local_grads):
            c = id(child)
            if c in reach:
                n += counts[c]
                terms.append(local * deriv[c])
        counts[key] = n
        deriv[key] = terms[0] if len(terms) == 1 else math.fsum(terms)
    return counts, deriv[id(order[-1])]


def enumerate_paths(
    root: Value,
    wrt: Value,
    reach: set[int],
    name_of: dict[int, str],
    make_edge: Callable[[Value, Value, int, float, str, str], E],
) -> Iterator[tuple[E, ...]]:
    """Every path from root to wrt as a tuple of edges, root first, children in their recorded order."""
    stack: list[tuple[Value, Any]] = [(root, None)]  # (node, link): link = (edge, the link above) or None
    pop, push = stack.pop, stack.append
    while stack:
        node, link = pop()
        if node is wrt:
            edges = []
            while link is not None:
                edges.append(link[0])
                link = link[1]
            edges.reverse()
            yield tuple(edges)
            continue
        kids, locals_ = node.children, node.local_grads
        pname = name_of[id(node)]
        for position in range(len(kids) - 1, -1, -1):  # pushed last-first, so the first child is explored first
            child = kids[position]
            if id(child) in reach:
                push((child, (make_edge(node, child, position, locals_[position], pname, name_of[id(child)]), link)))


def intermediate_hint(
    order: list[Value],
    root: Value,
    wrt: Value,
    reach: set[int],
    path_count: int,
    max_paths: int,
    max_listed: int,
    name_of: dict[int, str],
) -> str:
    """The advice when ``path_count`` paths are more than ``max_paths``: list them (when that is
    possible), or explain an intermediate node with fewer paths (named when one is labelled)."""
    if path_count <= max_listed:
        return (
            f"(list them with explain(..., max_paths={path_count}), or explain the gradient with respect to "
            "an intermediate node, which has fewer paths)"
        )
    up: dict[int, int] = {id(root): 1}  # paths from each node up to the root
    for node in reversed(order):
        k = up.get(id(node), 0)
        if k:
            for child in node.children:
                if id(child) in reach:
                    up[id(child)] = up.get(id(child), 0) + k
    candidates = [n for n in order if id(n) in reach and n is not wrt and n is not root and n.label and up.get(id(n), 0) <= max_paths]
    rname = name_of[id(root)]
    if candidates:
        best = candidates[0]
        return (
            f"(too many to list: explain lists at most {max_listed:,} paths; explain the gradient with respect "
            f"to an intermediate node instead, e.g. explain({rname}, {best.label!r}), which has "
            f"{up[id(best)]:,} path{'s' if up[id(best)] != 1 else ''} to {rname})"
        )
    return (
        f"(too many to list: explain lists at most {max_listed:,} paths; label an intermediate node "
        "(node.label = 'h') and explain the gradient with respect to it, which has fewer paths)"
    )
