"""The per-layer summary of one backward pass, in the post's order: the output layer first, then hidden.

``summary(E_total, lr=0.5)`` on Mazur's network gives, per neuron, δ = ∂E_total/∂net and, per weight,
∂E_total/∂w = δ × input and the update w⁺ = w − η·∂E_total/∂w::

    layer o
      δ_o1 = ∂E_total/∂net_o1 = 0.138498562
        ∂E_total/∂w5 = δ_o1 × out_h1 = 0.138498562 × 0.593269992 = 0.082167041; w5⁺ = 0.4 − 0.5 × 0.082167041 = 0.35891648

Neurons are found from labels (``net_o1``, ``out_o1``) and the weights from the ``dot`` node's children
(see `autograd_mini.neurons`). The numbers come from a replay of ``backward()`` (the graph's ``.grad``
fields are only read), so the summary is right even before ``backward()`` was called. A weight that feeds
several neurons (a shared bias) gets its TOTAL gradient in the update, and a frozen one no update.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import NumberFormat, check_root, formatter, names, paused_gc, replay
from autograd_mini.neurons import find_layers
from autograd_mini.text import markdown_cell, markdown_code
from autograd_mini.tracing import maths as m

__all__ = ["summary", "Summary", "LayerSummary", "NeuronSummary", "WeightSummary"]


@dataclass(frozen=True)
class WeightSummary:
    """One weight (or bias) of a neuron: ``gradient = δ × input``; ``total_grad`` its full ∂E/∂w
    (different only when it feeds several neurons); ``updated`` = w − η·total_grad (None without lr or frozen)."""

    name: str
    input_name: str
    input_value: float
    data: float
    gradient: float
    total_grad: float
    frozen: bool
    updated: Optional[float]


@dataclass(frozen=True)
class NeuronSummary:
    name: str
    delta: float
    weights: tuple[WeightSummary, ...]


@dataclass(frozen=True)
class LayerSummary:
    name: str
    neurons: tuple[NeuronSummary, ...]


@dataclass(frozen=True)
class Summary:
    """Per layer (output first), per neuron δ, per weight ∂E/∂w = δ × input and w⁺. ``str()`` is the text."""

    root_name: str
    layers: tuple[LayerSummary, ...]
    lr: Optional[float]
    fmt: Callable[[float], str] = field(repr=False)

    def __str__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _weight_terms(self, n: NeuronSummary, w: WeightSummary) -> tuple[m.Term, Optional[m.Term]]:
        grad = m.eq(("partial", self.root_name, w.name), m.prod([("delta", n.name), m.name(w.input_name)]),
                    m.prod([m.num(n.delta), m.num(w.input_value)]), m.num(w.gradient))  # fmt: skip
        if w.updated is None or self.lr is None:
            return grad, None
        update = m.eq(("upd", w.name), ("diff", m.num(w.data), m.prod([m.num(self.lr), m.num(w.total_grad)])), m.num(w.updated))
        return grad, update

    def text(self) -> str:
        """The summary as plain text, one block per layer, the output layer first."""
        f = self.fmt
        rate = f"; η = {f(self.lr)}" if self.lr is not None else ""
        lines = [f"per-layer summary of {self.root_name} (output layer first{rate})"]
        if not self.layers:
            lines.append("(no neurons: no node is labelled net_<name>)")
        for layer in self.layers:
            lines.append(f"layer {layer.name}")
            for n in layer.neurons:
                lines.append("  " + m.text(m.eq(("delta", n.name), ("partial", self.root_name, f"net_{n.name}"), m.num(n.delta)), f))
                for w in n.weights:
                    grad, update = self._weight_terms(n, w)
                    line = "    " + m.text(grad, f)
                    if update is not None:
                        line += "; " + m.text(update, f)
                    elif w.frozen and self.lr is not None:
                        line += f"; {w.name} is frozen (not updated)"
                    if w.total_grad != w.gradient:
                        line += f" ({w.name} feeds several neurons: ∂{self.root_name}/∂{w.name} = {f(w.total_grad)} in all)"
                    lines.append(line)
        return "\n".join(lines)

    def markdown(self) -> str:
        """The summary as Markdown: one table per layer with LaTeX maths, the output layer first."""
        f = self.fmt

        def c(x: float) -> str:  # a number in a cell or prose: a number_format's own text escaped
            return markdown_cell(f(x))

        root = m.latex(m.name(self.root_name), f)
        rate = "" if self.lr is None else r"; $\eta$ = " + c(self.lr)
        out = [f"**Per-layer summary of ${root}$** (output layer first{rate})"]
        for layer in self.layers:
            out += ["", f"Layer {markdown_code(layer.name)}", ""]
            head = f"| neuron | $\\delta = \\partial {root}/\\partial \\mathrm{{net}}$ | weight | input | $\\partial {root}/\\partial w = \\delta \\times$ input |"
            rule = "|---|---:|---|---:|---:|"
            if self.lr is not None:
                head += " $w^{+} = w - \\eta \\cdot \\partial " + root + "/\\partial w$ |"
                rule += "---:|"
            out += [head, rule]
            for n in layer.neurons:
                delta = f"${m.latex(('delta', n.name), f)}$ = {c(n.delta)}"
                if not n.weights:
                    out.append(f"| {markdown_cell(n.name)} | {delta} |  |  |  |" + (" |" if self.lr is not None else ""))
                for i, w in enumerate(n.weights):
                    first = f"| {markdown_cell(n.name)} | {delta} " if i == 0 else "|  |  "
                    shown_input = "1" if w.input_name == "1" else f"{markdown_cell(w.input_name)} = {c(w.input_value)}"
                    row = first + f"| {markdown_cell(w.name)} | {shown_input} | {c(w.gradient)} |"
                    if self.lr is not None:
                        row += f" {'frozen' if w.updated is None else c(w.updated)} |"
                    out.append(row)
        return "\n".join(out)


def summary(root: Value, lr: Optional[float] = None, *, number_format: NumberFormat = None) -> Summary:
    """Per layer, output first: each neuron's δ = ∂root/∂net, each weight's ∂root/∂w = δ × input and,
    with a learning rate ``lr`` (η), its update w⁺ = w − η·∂root/∂w.

    Raises:
        TypeError: ``root`` is not a Value, ``lr`` not a number, a bad ``number_format``.
        ValueError: ``lr`` is nan, infinite or not positive.
    """
    check_root(root, "summary")
    rate = None if lr is None else validate.positive(lr, "summary", "lr")
    fmt = formatter(number_format, "summary")
    with paused_gc():
        order = topological_order(root)
        name_of = names(order, "summary")
        validate.node_data(order, "summary")  # a .data set to nan or a str after the graph was built
        grads = replay(order, root)
        layers = []
        for layer in reversed(find_layers(order)):
            neurons = []
            for n in layer.neurons:
                delta = grads[id(n.net)]
                pairs: list[tuple[Value, Optional[Value]]] = [(w, x) for w, x in n.weights if w.role == "parameter"]
                if n.bias is not None and n.bias.role == "parameter":
                    pairs.append((n.bias, None))
                weights = []
                for w, x in pairs:
                    x_value = 1.0 if x is None else x.data
                    total = grads[id(w)]
                    frozen = bool(w.frozen)
                    updated = None if rate is None or frozen else w.data - rate * total
                    x_name = "1" if x is None else name_of[id(x)]
                    weights.append(WeightSummary(name_of[id(w)], x_name, x_value, w.data, delta * x_value, total, frozen, updated))
                neurons.append(NeuronSummary(n.name, delta, tuple(weights)))
            layers.append(LayerSummary(layer.name, tuple(neurons)))
    return Summary(name_of[id(root)], tuple(layers), rate, fmt)
