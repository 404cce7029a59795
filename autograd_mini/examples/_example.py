"""`Example`: one published worked example — its graph, its source and the figures it prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

from autograd_mini import validate
from autograd_mini.engine import Value

__all__ = ["Example"]


@dataclass(frozen=True)
class Example:
    """A published worked example, built from plain `Value`s with the source's own names.

    Attributes:
        name: the registry name, e.g. ``"mazur"`` (``autograd-mini --example mazur``).
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
    values: Mapping[str, str] = field(hash=False)
    grads: Mapping[str, str] = field(hash=False)
    local_grads: Mapping[tuple[str, str], str] = field(default_factory=dict, hash=False)
    other: Mapping[str, str] = field(default_factory=dict, hash=False)
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Check every field; store the figure tables read-only (the registry is shared)."""
        for what in ("name", "title", "source", "shows"):
            validate.text(getattr(self, what), "Example", what, empty=False)
        validate.function(self.build, "Example", "build")
        for what in ("values", "grads", "local_grads", "other"):
            table = getattr(self, what)
            if not isinstance(table, Mapping):
                raise TypeError(f"Example: {what} must be a mapping of label → figure as printed, got {validate.shown(table)}")
            for key, figure in table.items():
                labels = key if what == "local_grads" and isinstance(key, tuple) and len(key) == 2 else (key,)
                if not all(isinstance(k, str) for k in labels) or (what == "local_grads" and len(labels) != 2):
                    raise TypeError(f"Example: the key {validate.shown(key)} of {what} must be a label (str){' pair' if what == 'local_grads' else ''}")
                if not isinstance(figure, str):
                    raise TypeError(f"Example: {what}[{key!r}] must be the figure as printed, a str, got {validate.shown(figure)}")
            object.__setattr__(self, what, MappingProxyType(dict(table)))
        if isinstance(self.notes, str) or not all(isinstance(n, str) for n in validate.sequence(self.notes, "Example", "notes")):
            raise TypeError(f"Example: notes must be a tuple of str, got {validate.shown(self.notes)}")
        object.__setattr__(self, "notes", tuple(self.notes))
