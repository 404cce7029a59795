"""`Example`: one published worked example — its graph, its source and the figures it prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from autograd_mini.engine import Value

__all__ = ["Example"]


@dataclass(frozen=True)
class Example:
    """A published worked example, built from plain `Value`s with the source's own names.

    Attributes:
        name: the registry name, e.g. ``"mazur"`` (``python -m autograd_mini --example mazur``).
        title: a one-line title.
        source: the citation: author, title, year, URL.
        shows: one line: what the example shows.
        build: makes a FRESH graph and returns its root after the forward AND the backward pass.
        values: node label → forward value as printed in the source (a string: ``"0.75136507"``).
        grads: node label → ∂root/∂node as printed (``{"w5": "0.082167041"}``).
        local_grads: (node label, child label) → the local derivative ∂node/∂child as printed,
            e.g. ``("net_o1", "w5"): "0.593269992"`` (read with `autograd_mini.testing.local_grad`).
        other: any other figure the source prints (a gradient of another root, an updated weight),
            keyed by what it is, e.g. ``"w5+ (η = 0.5)"``; the tests compute each one.
        notes: documented slips: where a printed figure disagrees with the exact value, and why;
            and any figure that could not be checked against the source.

    Every figure is a string as printed, so its precision is the printed one:
    ``assert_figures(example.build(), example.values, example.grads)`` checks them all.
    """

    name: str
    title: str
    source: str
    shows: str
    build: Callable[[], Value]
    values: Mapping[str, str]
    grads: Mapping[str, str]
    local_grads: Mapping[tuple[str, str], str] = field(default_factory=dict)
    other: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
