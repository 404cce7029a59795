"""Neurons and layers found from labels and graph structure alone (no `nn` import).

A neuron ``n`` is a node labelled ``net_<n>`` (its net input; a `dot` node gives its weights: the
parameters among the even-position children, each paired with the input after it, and the bias) and,
when there is one, the node labelled ``out_<n>``. Neurons form layers by name: ``h1``, ``h2`` → layer
``h``; ``h1_1``, ``h1_2`` → layer ``h1``; ``o1`` → layer ``o``. Layers are ordered by graph depth, the
inputs' side first, and neurons within a layer by their index (``h1_2`` before ``h1_10``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

from autograd_mini.engine import Value

__all__ = ["Neuron", "Layer", "NeuronLabel", "find_layers", "layer_name", "natural_key", "neuron_label", "neuron_of"]

_TRAILING_DIGITS = re.compile(r"(.*?)(\d+)$")
#: The one grammar of a neuron's labels: ``net_<neuron>`` (its net input) or ``out_<neuron>`` (its activation).
_LABEL = re.compile(r"(net|out)_(.+)", re.S)


class NeuronLabel(NamedTuple):
    """A label read with the grammar: ``part`` "net" or "out", the ``neuron`` and its ``layer``."""

    part: str
    neuron: str
    layer: str


def neuron_label(label: str) -> NeuronLabel | None:
    """``net_h2_3`` → ("net", "h2_3", "h2"); ``out_o1`` → ("out", "o1", "o"); None for any other label.

    >>> neuron_label("out_o1")
    NeuronLabel(part='out', neuron='o1', layer='o')
    """
    if not (label.startswith("net_") or label.startswith("out_")):
        return None
    m = _LABEL.fullmatch(label)
    return NeuronLabel(m.group(1), m.group(2), layer_name(m.group(2))) if m else None


def neuron_of(label: str) -> str | None:
    """``"o1"`` for a node labelled ``net_o1`` (whose gradient is δ_o1), else None."""
    found = neuron_label(label)
    return found.neuron if found is not None and found.part == "net" else None


@dataclass(frozen=True)
class Neuron:
    """One neuron: ``net`` (and ``out``), its weights as (weight, input) pairs, and its bias."""

    name: str
    layer: str
    net: Value = field(repr=False)
    out: Optional[Value] = field(repr=False)
    weights: tuple[tuple[Value, Value], ...] = field(repr=False)
    bias: Optional[Value] = field(repr=False)


@dataclass(frozen=True)
class Layer:
    """The neurons of one layer, in index order; ``depth``: the longest path from a leaf to a net node."""

    name: str
    depth: int
    neurons: tuple[Neuron, ...]


def layer_name(neuron: str) -> str:
    """``h1_2`` → ``h1``; ``h2`` → ``h``; ``o1`` → ``o``; a name without an index is its own layer."""
    if "_" in neuron:
        return neuron.rsplit("_", 1)[0]
    m = _TRAILING_DIGITS.fullmatch(neuron)
    return m.group(1) if m and m.group(1) else neuron


def natural_key(name: str) -> tuple:
    """Sort key reading digit runs as numbers: ``h1_2`` < ``h1_10``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def find_layers(order: list[Value]) -> list[Layer]:
    """The layers of a topologically ordered graph (see the module docstring); [] when no node is a ``net_``."""
    depth: dict[int, int] = {}
    nets: dict[str, Value] = {}
    outs: dict[str, Value] = {}
    for node in order:
        d = 0
        for child in node.children:
            cd = depth[id(child)] + 1
            if cd > d:
                d = cd
        depth[id(node)] = d
        found = neuron_label(node.label)
        if found is None:
            continue
        if found.part == "out":
            outs.setdefault(found.neuron, node)
        elif node.children:
            nets.setdefault(found.neuron, node)
    groups: dict[str, list[Neuron]] = {}
    for n, net in nets.items():
        groups.setdefault(layer_name(n), []).append(_neuron(n, net, outs.get(n)))
    layers = [
        Layer(name, max(depth[id(x.net)] for x in members), tuple(sorted(members, key=lambda x: natural_key(x.name))))
        for name, members in groups.items()
    ]
    return sorted(layers, key=lambda layer: (layer.depth, natural_key(layer.name)))


def _neuron(name: str, net: Value, out: Optional[Value]) -> Neuron:
    kids = net.children
    weights: list[tuple[Value, Value]] = []
    bias = None
    if net.op == "dot":
        for i in range(0, len(kids) - 1, 2):
            weights.append((kids[i], kids[i + 1]))
        if len(kids) % 2 == 1:
            bias = kids[-1]
    if out is not None and not any(c is net for c in out.children):
        out = None  # an out_ label elsewhere in the graph is not this neuron's activation
    return Neuron(name, layer_name(name), net, out, tuple(weights), bias)
