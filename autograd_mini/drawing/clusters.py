"""Which box of a drawing each node goes in: layers, neurons, the loss.

A *cluster assignment* maps a node to a cluster path: a name (``"hidden layer"``), a tuple of names for
nested boxes (``("hidden layer", "h1")``), or None (no box). `draw_dot(clusters=...)` accepts:

* ``"layers"`` / ``"neurons"``: one box per layer (and one per neuron inside it), read from the labels
  the lectures and `nn.MLP` use, at ANY depth: ``net_h1 out_h1`` (one hidden layer "h": neurons h1, h2)
  go in "hidden layer"; ``net_h2_3 out_h2_3`` (layer "h2" of a deeper network: neuron h2_3) in "hidden
  layer 2"; ``net_o1 out_o1`` in "output layer"; ``E_o1 E_total`` (and ``J``) in "loss". The labels are
  read with the one neuron/layer grammar, `autograd_mini.neurons.neuron_label`;
* ``nn.layer_clusters(model)``: the same read from an `nn.MLP`'s own layers (``nn`` knows its layers;
  this package never imports ``nn``);
* ``clusters_by_label(rules)``: your own regular expressions over labels;
* a mapping ``{node: name}`` or any function ``node -> name | tuple | None``.

Nodes left without a box INHERIT from the nodes computed from them, when all of those agree (their
common outer boxes): ``w5`` goes where ``net_o1`` is, the shared bias ``b1`` in the hidden layer (not in
one neuron), the unlabelled ``0.5·(target − out_o1)²`` pieces in the loss. Inputs never inherit.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping, Optional, Sequence, Union

from autograd_mini import validate
from autograd_mini.engine import Value
from autograd_mini.graph import consumers
from autograd_mini.neurons import neuron_label

__all__ = ["clusters_by_label", "preset", "layer_box", "LOSS_LABEL", "PRESETS", "ClusterSpec", "assign_clusters"]

ClusterPath = tuple[str, ...]
ClusterName = Union[str, Sequence[str], None]
ClusterSpec = Union[str, Mapping[Value, ClusterName], Callable[[Value], ClusterName], None]

PRESETS = ("layers", "neurons")
#: Labels of the loss box: ``E``, ``E_o1``, ``E_total``, ``J``, ``J(Θ)``.
LOSS_LABEL = re.compile(r"(?:E|J)(?:_\w+|\(.*\))?")


def layer_box(layer: str) -> str:
    """The box of a layer named as `nn.MLP` names them: "o" → "output layer", "h" → "hidden layer",
    "h2" → "hidden layer 2", anything else → "layer <name>"."""
    if layer == "o":
        return "output layer"
    if layer == "h":
        return "hidden layer"
    m = re.fullmatch(r"h(\d+)", layer)
    return f"hidden layer {m.group(1)}" if m else f"layer {layer}"


def preset(name: str) -> Callable[[Value], ClusterName]:
    """The assignment of a preset: ``"layers"`` (a box per layer) or ``"neurons"`` (a box per neuron
    inside its layer's box), for networks of any depth named as in the module docstring."""
    name = validate.choice(name, PRESETS, "clusters", "the preset")
    by_neuron = name == "neurons"

    def assign(node: Value) -> ClusterName:
        label = node.label
        if not label:
            return None
        found = neuron_label(label)
        if found is not None:
            box = layer_box(found.layer)
            return (box, found.neuron) if by_neuron else box
        return "loss" if LOSS_LABEL.fullmatch(label) else None

    return assign


def clusters_by_label(rules: Union[Mapping[str, ClusterName], Iterable[tuple[str, ClusterName]]]) -> Callable[[Value], ClusterName]:
    """An assignment from ``(regex, cluster)`` rules, the first whose regex matches the WHOLE label wins.

    The cluster may use the regex's groups: ``(r"(?:net|out)_(h\\d+)", ("hidden layer", r"\\1"))`` puts
    ``net_h1`` and ``out_h1`` in the box ``h1`` inside the box ``hidden layer``.
    """
    where = "clusters_by_label"
    if isinstance(rules, Mapping):
        items = list(rules.items())
    else:
        items = validate.sequence(rules, where, "rules (a mapping regex -> cluster, or a list of (regex, cluster) pairs)")
    compiled = []
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError(f"{where}: each rule must be a (regex, cluster) pair, got {validate.shown(item)}")
        pattern, cluster = item
        validate.text(pattern, where, "a rule's regex")
        if not (cluster is None or isinstance(cluster, str) or (isinstance(cluster, (tuple, list)) and all(isinstance(c, str) for c in cluster))):
            raise TypeError(f"{where}: the cluster of the rule {pattern!r} must be a name, a tuple of names or None, got {validate.shown(cluster)}")
        try:
            compiled.append((re.compile(pattern), cluster))
        except re.error as error:
            raise ValueError(f"{where}: the rule {pattern!r} is not a valid regular expression: {error}") from None

    def assign(node: Value) -> ClusterName:
        for regex, cluster in compiled:
            m = regex.fullmatch(node.label)
            if m and node.label:
                try:
                    if cluster is None or isinstance(cluster, str):
                        return m.expand(cluster) if cluster else cluster
                    return tuple(m.expand(part) for part in cluster)
                except (re.error, IndexError) as error:
                    raise ValueError(f"{where}: the cluster {cluster!r} of the rule {regex.pattern!r} refers to a group the regex lacks: {error}") from None
        return None

    return assign


def assign_clusters(order: list[Value], spec: ClusterSpec, inherit: bool = True, where: str = "clusters") -> dict[int, ClusterPath]:
    """``id(node) -> cluster path`` for the nodes of a topological order that go in a box (``where``:
    the public call, which starts error messages)."""
    if spec is None:
        return {}
    assign = _assigner(spec, where)
    used_by = consumers(order)
    result: dict[int, ClusterPath] = {}
    for node in reversed(order):  # consumers before the nodes they were computed from
        path = _as_path(assign(node), node, where)
        if path is None and inherit and node.role != "input" and id(node) in used_by:
            path = _common_prefix([result.get(id(p)) for p in used_by[id(node)]])
        if path:
            result[id(node)] = path
    return result


def _assigner(spec: ClusterSpec, where: str) -> Callable[[Value], ClusterName]:
    if isinstance(spec, str):
        if spec not in PRESETS:
            raise ValueError(f"{where}: the clusters preset {spec!r} is unknown; use 'layers' or 'neurons', a mapping node -> name, or a function")
        return preset(spec)
    if isinstance(spec, Mapping):
        table = {id(k): v for k, v in spec.items()}
        return lambda node: table.get(id(node))
    if callable(spec):
        return spec
    raise TypeError(
        f"{where}: clusters must be 'layers', 'neurons', a mapping node -> name or a function node -> name, got {validate.shown(spec)}"
    )


def _as_path(name: ClusterName, node: Value, where: str) -> Optional[ClusterPath]:
    if name is None or name == "" or name == ():
        return None
    if isinstance(name, str):
        return (name,)
    if isinstance(name, (tuple, list)) and all(isinstance(part, str) and part for part in name):
        return tuple(name)
    raise TypeError(f"{where}: clusters: the cluster of {node!r} must be a name, a tuple of names or None, got {validate.shown(name)}")


def _common_prefix(paths: list[Optional[ClusterPath]]) -> Optional[ClusterPath]:
    known = [p for p in paths if p is not None]
    if not paths or len(known) != len(paths):
        return None
    prefix = known[0]
    for p in known[1:]:
        n = 0
        while n < min(len(prefix), len(p)) and prefix[n] == p[n]:
            n += 1
        prefix = prefix[:n]
    return prefix or None
