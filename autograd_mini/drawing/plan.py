"""A validated drawing plan: what both views of `draw_dot` (the full view and the slide) draw from."""

from __future__ import annotations

from typing import Callable, Iterable, Literal, NamedTuple, Optional, Union

from autograd_mini.engine import Value

__all__ = ["Plan", "EdgeLabels", "Highlight"]

EdgeLabels = Literal["local", "contribution", "both", None]
Highlight = Union[Value, str, Iterable[Union[Value, str]], None]

class Plan(NamedTuple):
    """Everything a view needs, validated: the graph in topological order and the choices made."""

    root: Value
    order: list[Value]
    name_of: dict[int, str]
    fmt: Callable[[float], str]
    fields: tuple[str, ...]
    rankdir: str
    edge_labels: EdgeLabels
    boxes: dict[int, tuple[str, ...]]
    lit: set[int]
    lit_sources: str
    legend: bool
    title: Optional[str]
    notes: list[str]
