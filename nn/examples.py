"""Worked examples as ready-made networks.

`mazur()` builds the network of Matt Mazur's "A Step by Step Backpropagation Example" (2015) with
the post's own names on every node::

    net = mazur()
    E_total = net.forward()          # i1 i2 → net_h1 out_h1 … → E_o1 E_o2 → E_total
    E_total.backward()
    net.parameter("w5").grad         # ∂E_total/∂w5
    net.node("out_h1").grad          # ∂E_total/∂out_h1

The network: inputs i1 = 0.05, i2 = 0.10; targets 0.01 (o1), 0.99 (o2); logistic activations;
w1: i1→h1, w2: i2→h1, w3: i1→h2, w4: i2→h2, w5: h1→o1, w6: h2→o1, w7: h1→o2, w8: h2→o2, initially
.15 .20 .25 .30 .40 .45 .50 .55; ONE bias per layer shared by its neurons, b1 = .35 and b2 = .60,
frozen (the post never updates them); E_total = Σ ½(target − out)²; learning rate η = 0.5.
"""

from __future__ import annotations

from autograd_mini import validate
from autograd_mini.engine import Value, sum_values, topological_order
from nn.layers import MLP
from nn.losses import quadratic_cost
from nn.optim import SGD

__all__ = ["Mazur", "mazur", "VARIANTS"]

VARIANTS = ("standard", "sequential")

# the post's names for the parameters of MLP(2, [2, 2], bias="shared")
_LABELS = {
    "layers.0.weight[0][0]": "w1", "layers.0.weight[0][1]": "w2",
    "layers.0.weight[1][0]": "w3", "layers.0.weight[1][1]": "w4",
    "layers.0.bias": "b1",
    "layers.1.weight[0][0]": "w5", "layers.1.weight[0][1]": "w6",
    "layers.1.weight[1][0]": "w7", "layers.1.weight[1][1]": "w8",
    "layers.1.bias": "b2",
}  # fmt: skip


class Mazur:
    """Mazur's 2-2-2 network with its inputs, targets and learning rate.

    Attributes:
        model: the `nn.MLP` (hidden layer "h": h1 h2; output layer "o": o1 o2).
        inputs: [i1, i2]; targets: [target_o1, target_o2]; lr: η.
    """

    def __init__(self) -> None:
        self.model = MLP(
            2, [2, 2], activation="sigmoid", bias="shared",
            weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
            biases=[0.35, 0.60], names=["h", "o"], input_name="i",
        )  # fmt: skip
        self.model.freeze("layers.0.bias", "layers.1.bias")
        self._parameters: dict[str, Value] = {}
        for name, p in self.model.named_parameters():
            p.label = _LABELS[name]
            self._parameters[p.label] = p
        self.inputs = [0.05, 0.10]
        self.targets = [0.01, 0.99]
        self.lr = 0.5
        self._nodes: dict[str, Value] = {}
        self._ambiguous: set[str] = set()

    def forward(self) -> Value:
        """One forward pass: ``E_total = E_o1 + E_o2`` with ``E_o1 = ½(target_o1 − out_o1)²``.

        Returns the E_total node; every node under it is labelled (read them with `node`).
        """
        total = quadratic_cost(self.model(self.inputs), self.targets)  # labels E_o1, target_o1 − out_o1, …
        assert isinstance(total, Value)  # reduction "sum"
        self._nodes, self._ambiguous = {}, set()
        for node in topological_order(total):
            if node.label in self._nodes:
                self._ambiguous.add(node.label)
            self._nodes[node.label] = node
        return total

    def parameter(self, name: str) -> Value:
        """The parameter Value named as in the post: "w1" … "w8", "b1", "b2"."""
        validate.text(name, "Mazur.parameter", "name")
        if name not in self._parameters:
            raise ValueError(f"Mazur.parameter: no parameter {name!r}; the post's parameters are {list(self._parameters)}")
        return self._parameters[name]

    def node(self, name: str) -> Value:
        """The node labelled ``name`` in the graph of the last `forward` (e.g. "out_h1", "E_o2", "i1")."""
        validate.text(name, "Mazur.node", "name")
        if not self._nodes:
            raise ValueError("Mazur.node: no graph yet; call forward() first")
        if name in self._ambiguous:
            raise ValueError(f"Mazur.node: several nodes are labelled {name!r}; pick a uniquely labelled one")
        if name not in self._nodes:
            raise ValueError(f"Mazur.node: no node labelled {name!r}; labels are {sorted(self._nodes)}")
        return self._nodes[name]

    def train(self, iterations: int = 10_000, variant: str = "standard") -> list[float]:
        """Train in place with gradient descent and return the error history.

        ``history[n]`` is E_total after ``n`` updates, so ``history[0]`` is the initial error and
        the list has ``iterations + 1`` entries. One iteration is a forward pass, then:

        * ``variant="standard"`` (the convention the post describes, and the correct one):
          ``backward()`` from E_total, then every weight is updated — the hidden-layer gradients
          use the ORIGINAL w5..w8.
        * ``variant="sequential"`` (reproduces the first version of the post's companion code):
          the output layer's weights are updated FIRST, and the hidden-layer gradients are then
          taken through the UPDATED w5..w8, i.e. ``∂E/∂out_h1 = δ_o1·w5⁺ + δ_o2·w7⁺`` with the
          node deltas ``δ_o = ∂E_total/∂net_o`` of this pass.

        The biases stay frozen in both.
        """
        iterations = validate.integer(iterations, "Mazur.train", "iterations", low=0, high=1_000_000_000)
        variant = validate.choice(variant, VARIANTS, "Mazur.train", "variant")
        params = self.model.parameters()
        layer_opts = [SGD(layer.parameters(), self.lr) for layer in self.model.layers]
        opt = SGD(params, self.lr)
        error = self.forward()
        history = [error.data]
        for _ in range(iterations):
            opt.zero_grad()
            error.backward()
            if variant == "standard":
                opt.step()
            else:
                self._sequential_update(layer_opts)
            error = self.forward()
            history.append(error.data)
        return history

    def _sequential_update(self, layer_opts: list[SGD]) -> None:
        """Update layers from the output down; each layer below gets δ through the updated weights."""
        layers = self.model.layers
        for k in range(len(layers) - 1, -1, -1):
            deltas = [self.node(f"net_{n.name}").grad for n in layers[k].neurons]  # δ = ∂E_total/∂net
            layer_opts[k].step()
            if k == 0:
                break
            below = [self.node(f"out_{n.name}") for n in layers[k - 1].neurons]
            # Σ δ_j·net_j(updated weights, same inputs): its gradient at `below` is Σ δ_j·w_j⁺
            surrogate = sum_values([d * n.net(below) for d, n in zip(deltas, layers[k].neurons)])
            for opt in layer_opts[:k]:
                opt.zero_grad()
            surrogate.backward()


def mazur() -> Mazur:
    """A fresh copy of Mazur's 2-2-2 network, inputs, targets and η (see `Mazur`)."""
    return Mazur()
