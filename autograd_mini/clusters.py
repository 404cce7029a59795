"""Which box of a drawing each node goes in: layers, neurons, the loss.

A *cluster assignment* maps a node to a cluster path: a name (``"hidden layer"``), a tuple of names for
nested boxes (``("hidden layer", "h1")``), or None (no box). `draw_dot(clusters=...)` accepts:

* ``"layers"`` / ``"neurons"``: the lectures' naming (``net_h1 out_h1`` in the hidden layer, ``net_o1 out_o1``
  in the output layer, ``E_o1 E_total`` in the loss), read from the labels;
* ``layer_clusters(model)``: the same for any `nn.MLP`, read from its layers and neurons' names;
* ``clusters_by_label(rules)``: your own regular expressions over labels;
* a mapping ``{node: name}`` or any function ``node -> name | tuple | None``.

Nodes left without a box INHERIT from the nodes computed from them, when all of those agree (their
common outer boxes): ``w5`` goes where ``net_o1`` is, the shared bias ``b1`` in the hidden layer (not in
one neuron), the unlabelled ``0.5·(target − out_o1)²`` pieces in the loss. Inputs never inherit.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Union

from autograd_mini.engine import Value

__all__ = ["clusters_by_label", "layer_clusters", "LAYER_RULES", "NEURON_RULES", "ClusterSpec", "assign_clusters"]

ClusterPath = tuple[str, ...]
ClusterName = Union[str, Sequence[str], None]
ClusterSpec = Union[str, Mapping[Value, ClusterName], Callable[[Value], ClusterName], None]

#: The lectures' names, one box per layer: (regex over the whole label, cluster template).
LAYER_RULES: tuple[tuple[str, ClusterName], ...] = (
    (r"(?:net|out)_h\w*", "hidden layer"),
    (r"(?:net|out)_o\w*", "output layer"),
    (r"E(?:_\w+)?", "loss"),
)
#: As `LAYER_RULES`, with a box per neuron inside each layer (``\1`` is the neuron's name).
NEURON_RULES: tuple[tuple[str, ClusterName], ...] = (
    (r"(?:net|out)_(h\w*)", ("hidden layer", r"\1")),
    (r"(?:net|out)_(o\w*)", ("output layer", r"\1")),
    (r"E(?:_\w+)?", "loss"),
)


def clusters_by_label(rules: Union[Mapping[str, ClusterName], Iterable[tuple[str, ClusterName]]]) -> Callable[[Value], ClusterName]:
    """An assignment from ``(regex, cluster)`` rules, the first whose regex matches the WHOLE label wins.

    The cluster may use the regex's groups: ``(r"(?:net|out)_(h\\d+)", ("hidden layer", r"\\1"))`` puts
    ``net_h1`` and ``out_h1`` in the box ``h1`` inside the box ``hidden layer``.
    """
    items = list(rules.items()) if isinstance(rules, Mapping) else list(rules)
    compiled = []
    for pattern, cluster in items:
        try:
            compiled.append((re.compile(pattern), cluster))
        except re.error as error:
            raise ValueError(f"clusters_by_label: the rule {pattern!r} is not a valid regular expression: {error}") from None

    def assign(node: Value) -> ClusterName:
        for regex, cluster in compiled:
            m = regex.fullmatch(node.label)
            if m and node.label:
                if cluster is None or isinstance(cluster, str):
                    return m.expand(cluster) if cluster else cluster
                return tuple(m.expand(part) for part in cluster)
        return None

    return assign


def layer_clusters(model: Any, by: str = "layer", loss: str = "loss") -> Callable[[Value], ClusterName]:
    """Boxes for an `nn.MLP`: one per layer (``by="layer"``) or per neuron inside its layer (``"neuron"``).

    Uses ``model.layers`` and each layer's ``neurons`` with their ``name`` (``net_<name>``, ``out_<name>``):
    the last layer is the "output layer", the others "hidden layer" (numbered when there are several).
    Labels ``E…`` (``E_o1``, ``E_total``) go in the ``loss`` box.
    """
    if by not in ("layer", "neuron"):
        raise ValueError(f"layer_clusters: by must be 'layer' or 'neuron', got {by!r}")
    layers = getattr(model, "layers", None)
    if not layers:
        raise TypeError(f"layer_clusters: expected an nn.MLP (with .layers), got {type(model).__name__}")
    where: dict[str, ClusterPath] = {}
    for k, layer in enumerate(layers):
        if k == len(layers) - 1:
            box = "output layer"
        else:
            box = "hidden layer" if len(layers) == 2 else f"hidden layer {k + 1}"
        for neuron in layer.neurons:
            path = (box, neuron.name) if by == "neuron" else (box,)
            where[f"net_{neuron.name}"] = where[f"out_{neuron.name}"] = path
    by_loss = re.compile(r"E(?:_\w+)?")

    def assign(node: Value) -> ClusterName:
        if node.label in where:
            return where[node.label]
        return loss if by_loss.fullmatch(node.label) else None

    return assign


def assign_clusters(order: list[Value], spec: ClusterSpec, inherit: bool = True) -> dict[int, ClusterPath]:
    """``id(node) -> cluster path`` for the nodes of a topological order that go in a box."""
    if spec is None:
        return {}
    assign = _assigner(spec)
    consumers: dict[int, list[Value]] = {}
    for node in order:
        for child in node.children:
            consumers.setdefault(id(child), []).append(node)
    result: dict[int, ClusterPath] = {}
    for node in reversed(order):  # consumers before the nodes they were computed from
        path = _as_path(assign(node), node)
        if path is None and inherit and node.role != "input" and id(node) in consumers:
            path = _common_prefix([result.get(id(p)) for p in consumers[id(node)]])
        if path:
            result[id(node)] = path
    return result


def _assigner(spec: ClusterSpec) -> Callable[[Value], ClusterName]:
    if isinstance(spec, str):
        presets = {"layers": LAYER_RULES, "neurons": NEURON_RULES}
        if spec not in presets:
            raise ValueError(f"clusters: the preset {spec!r} is unknown; use 'layers' or 'neurons', a mapping node -> name, or a function")
        return clusters_by_label(presets[spec])
    if isinstance(spec, Mapping):
        table = {id(k): v for k, v in spec.items()}
        return lambda node: table.get(id(node))
    if callable(spec):
        return spec
    raise TypeError(
        f"clusters must be 'layers', 'neurons', a mapping node -> name or a function node -> name, got {type(spec).__name__}"
    )


def _as_path(name: ClusterName, node: Value) -> Optional[ClusterPath]:
    if name is None or name == "" or name == ():
        return None
    if isinstance(name, str):
        return (name,)
    if isinstance(name, (tuple, list)) and all(isinstance(part, str) and part for part in name):
        return tuple(name)
    raise TypeError(f"clusters: the cluster of {node!r} must be a name, a tuple of names or None, got {name!r}")


def _common_prefix(paths: list[Optional[ClusterPath]]) -> Optional[ClusterPath]:
    if not paths or any(p is None for p in paths):
        return None
    prefix = paths[0]
    for p in paths[1:]:
        n = 0
        while n < min(len(prefix), len(p)) and prefix[n] == p[n]:
            n += 1
        prefix = prefix[:n]
    return prefix or None
