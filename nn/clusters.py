"""Drawing boxes for an `nn.MLP`, read from its own layers and neurons (the engine's drawing knows no `nn`).

    from nn import MLP, layer_clusters
    draw_dot(E_total, clusters=layer_clusters(model))             # one box per layer
    draw_dot(E_total, clusters=layer_clusters(model, by="neuron")) # and one per neuron inside it

For the networks `nn.MLP` names itself, the presets ``clusters="layers"`` / ``"neurons"`` give the
same boxes from the labels alone; `layer_clusters` also works for layers you named yourself.
"""

from __future__ import annotations

from typing import Any, Callable

from autograd_mini import validate
from autograd_mini.drawing.clusters import LOSS_LABEL, ClusterName, layer_box
from autograd_mini.engine import Value

__all__ = ["layer_clusters"]


def layer_clusters(model: Any, by: str = "layer", loss: str = "loss") -> Callable[[Value], ClusterName]:
    """Boxes for an `nn.MLP`: one per layer (``by="layer"``) or per neuron inside its layer (``"neuron"``).

    Uses ``model.layers`` and each layer's ``neurons`` with their ``name`` (``net_<name>``, ``out_<name>``):
    the last layer is the "output layer", the others "hidden layer" (numbered from 1 when there are
    several: "hidden layer 1", "hidden layer 2", …). Labels ``E…``/``J…`` (``E_o1``, ``E_total``) go in
    the ``loss`` box. Weights and biases join their neuron's (or shared: their layer's) box by inheritance.
    """
    where = "layer_clusters"
    by = validate.choice(by, ("layer", "neuron"), where, "by")
    validate.text(loss, where, "loss", empty=False)
    layers = getattr(model, "layers", None)
    if not isinstance(layers, list) or not layers or not all(hasattr(layer, "neurons") for layer in layers):
        raise TypeError(f"{where}: expected an nn.MLP (with .layers of neurons), got {validate.shown(model)}")
    where_of: dict[str, tuple[str, ...]] = {}
    hidden = len(layers) - 1
    for k, layer in enumerate(layers):
        if k == hidden:
            box = layer_box("o")
        else:
            box = layer_box("h" if hidden == 1 else f"h{k + 1}")
        for neuron in layer.neurons:
            path = (box, neuron.name) if by == "neuron" else (box,)
            where_of[f"net_{neuron.name}"] = where_of[f"out_{neuron.name}"] = path

    def assign(node: Value) -> ClusterName:
        if node.label in where_of:
            return where_of[node.label]
        return loss if LOSS_LABEL.fullmatch(node.label) else None

    return assign
