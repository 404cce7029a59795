"""`Neuron`, `Layer` and `MLP`, built only on `Value`.

A neuron computes, as in the lectures, ``net_h1 = w1·i1 + w2·i2 + b1`` (ONE `dot` node, whose
local derivatives are ``∂net_h1/∂w1 = i1`` …) and ``out_h1 = σ(net_h1)``. Every node is labelled:
inputs ``i1 i2``, weights ``w[i1→h1]``, biases ``b[h1]`` (one per neuron) or ``b[h]`` (one shared
by the layer), ``net_h1`` and ``out_h1``. A layer ALWAYS returns a list, also when it has one neuron.

    model = MLP(2, [2, 2], activation="sigmoid", bias="shared", seed=0)
    out_o1, out_o2 = model([0.05, 0.10])
"""

from __future__ import annotations

import math
import numbers
import random
from typing import Iterator, Sequence, Union

from autograd_mini.engine import Value, dot
from nn.module import Module

__all__ = ["Neuron", "Layer", "MLP", "ACTIVATIONS", "BIAS_MODES"]

ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
BIAS_MODES = ("neuron", "shared", "none")  # one bias per neuron, one shared by the layer, no bias
Seed = Union[int, random.Random, None]
Input = Union[Value, int, float]


def _choice(value: object, options: tuple[str, ...], what: str) -> str:
    if value not in options:
        raise ValueError(f"{what} must be one of {list(options)}, got {value!r}")
    return value  # type: ignore[return-value]


def _count(n: object, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what} must be a positive int, got {n!r}")
    return n


def _number(x: object, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or not math.isfinite(x):
        raise TypeError(f"{what} must be a finite real number, got {type(x).__name__}: {x!r}")
    return float(x)


def _rng(seed: Seed) -> random.Random:
    """The default initializer's random source: ``random.Random(seed)`` (seed None: unseeded)."""
    return seed if isinstance(seed, random.Random) else random.Random(seed)


def _suffix(layer: str, j: int) -> str:
    """Neuron j of layer "h" is "h1"; of layer "h2" it is "h2_1" (no clash with layer "h")."""
    return f"{layer}_{j + 1}" if layer[-1:].isdigit() else f"{layer}{j + 1}"


def as_inputs(x: Sequence[Input] | Input, names: Sequence[str], where: str) -> list[Value]:
    """The inputs as Values: each number becomes ONE node ``Value(x, label="i1", role="input")``
    for this forward pass (so a drawing shows it once); Values are used as they are."""
    if isinstance(x, (Value, numbers.Real)) and not isinstance(x, bool):
        x = [x]
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"{where}: inputs must be a list of numbers or Values, got {type(x).__name__}: {x!r}")
    if len(x) != len(names):
        raise ValueError(f"{where}: expected {len(names)} inputs (one per weight of a neuron), got {len(x)}")
    return [v if isinstance(v, Value) else Value(_number(v, f"{where}: input {n}"), n, role="input") for v, n in zip(x, names)]


class Neuron(Module):
    """One neuron: ``net = Σ w_i·x_i + b``, ``out = activation(net)``.

    Args:
        nin: number of inputs.
        activation: "sigmoid", "tanh", "relu" or "linear" (then ``out`` IS ``net``).
        weights: the nin initial weights; default ``uniform(−1/√nin, 1/√nin)`` from ``random.Random(seed)``.
        bias: a number (this neuron's own bias), a `Value` (a bias shared with other neurons),
            or None (no bias).
        name: the neuron's name in labels: "h1" gives ``net_h1``, ``out_h1``, ``b[h1]``.
        input_names: labels of the inputs, for the weights' labels ``w[i1→h1]`` and input nodes.
    """

    def __init__(
        self,
        nin: int,
        activation: str = "sigmoid",
        weights: Sequence[float] | None = None,
        bias: float | Value | None = 0.0,
        name: str = "n",
        input_names: Sequence[str] | None = None,
        seed: Seed = None,
    ) -> None:
        nin = _count(nin, "Neuron: nin")
        self.activation = _choice(activation, ACTIVATIONS, "activation")
        self.name = name
        self.input_names = list(input_names) if input_names is not None else [f"x{i + 1}" for i in range(nin)]
        if len(self.input_names) != nin:
            raise ValueError(f"Neuron {name}: {len(self.input_names)} input_names for {nin} inputs")
        if weights is None:
            bound, rng = 1.0 / math.sqrt(nin), _rng(seed)
            weights = [rng.uniform(-bound, bound) for _ in range(nin)]
        elif isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence) or len(weights) != nin:
            raise ValueError(f"Neuron {name}: weights must be a list of {nin} numbers (one per input), got {weights!r}")
        self.weight = [
            Value(_number(w, f"Neuron {name}: weight {i}"), f"w[{src}→{name}]", role="parameter")
            for i, (w, src) in enumerate(zip(weights, self.input_names))
        ]
        if bias is None or isinstance(bias, Value):
            self.bias = bias
        else:
            self.bias = Value(_number(bias, f"Neuron {name}: bias"), f"b[{name}]", role="parameter")

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for i, w in enumerate(self.weight):
            yield f"weight[{i}]", w
        if self.bias is not None:
            yield "bias", self.bias

    def net(self, x: Sequence[Value]) -> Value:
        """``net = Σ w_i·x_i + b`` as one node labelled ``net_<name>``; ``x`` are Values."""
        return dot(self.weight, x, self.bias, label=f"net_{self.name}")

    def activate(self, net: Value) -> Value:
        """``out = activation(net)``, labelled ``out_<name>`` (linear: ``net`` itself)."""
        if self.activation == "linear":
            return net
        out = getattr(net, self.activation)()
        out.label = f"out_{self.name}"
        return out

    def forward(self, x: Sequence[Input] | Input) -> Value:
        return self.activate(self.net(as_inputs(x, self.input_names, f"Neuron {self.name}")))

    def __repr__(self) -> str:
        return f"Neuron({self.name}: {len(self.weight)} inputs, {self.activation})"


class Layer(Module):
    """``nout`` neurons reading the same ``nin`` inputs; calling it returns a LIST of ``nout`` outputs.

    Args:
        bias: "neuron" (one bias each), "shared" (one bias for the layer, as in Mazur's post),
            or "none".
        weights: initial weights as ``nout`` rows of ``nin`` numbers (row j feeds neuron j);
            default: seeded ``uniform(−1/√nin, 1/√nin)``.
        biases: initial biases: one number when shared, ``nout`` numbers per neuron; default 0.0.
        name: the layer's name; its neurons are ``<name>1``, ``<name>2``, … ("h" → h1, h2).
    """

    def __init__(
        self,
        nin: int,
        nout: int,
        activation: str = "sigmoid",
        bias: str = "neuron",
        weights: Sequence[Sequence[float]] | None = None,
        biases: float | Sequence[float] | None = None,
        name: str = "h",
        input_names: Sequence[str] | None = None,
        seed: Seed = None,
    ) -> None:
        nin, nout = _count(nin, "Layer: nin"), _count(nout, "Layer: nout")
        self.bias_mode = _choice(bias, BIAS_MODES, "bias")
        self.name = name
        self.input_names = list(input_names) if input_names is not None else [f"x{i + 1}" for i in range(nin)]
        if weights is not None and (not isinstance(weights, Sequence) or len(weights) != nout):
            raise ValueError(f"Layer {name}: weights must be {nout} rows (one per neuron) of {nin} numbers, got {weights!r}")
        biases = self._biases(biases, nout)
        rng = _rng(seed)
        self.bias = Value(biases, f"b[{name}]", role="parameter") if self.bias_mode == "shared" else None
        self.neurons = [
            Neuron(
                nin,
                activation,
                weights=None if weights is None else weights[j],
                bias=self.bias if self.bias_mode == "shared" else (None if self.bias_mode == "none" else biases[j]),
                name=_suffix(name, j),
                input_names=self.input_names,
                seed=rng,
            )
            for j in range(nout)
        ]

    def _biases(self, biases: object, nout: int) -> float | list[float] | None:
        mode, name = self.bias_mode, self.name
        if mode == "none":
            if biases is not None:
                raise ValueError(f"Layer {name}: biases given but bias='none'; drop them or choose 'neuron'/'shared'")
            return None
        if mode == "shared":
            return 0.0 if biases is None else _number(biases, f"Layer {name}: the shared bias (one number)")
        if biases is None:
            return [0.0] * nout
        if isinstance(biases, (str, bytes)) or not isinstance(biases, Sequence) or len(biases) != nout:
            raise ValueError(f"Layer {name}: bias='neuron' needs {nout} biases (one per neuron), got {biases!r}")
        return [_number(b, f"Layer {name}: bias {j}") for j, b in enumerate(biases)]

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for j, n in enumerate(self.neurons):
            for i, w in enumerate(n.weight):
                yield f"weight[{j}][{i}]", w
        if self.bias_mode == "shared":
            yield "bias", self.bias
        elif self.bias_mode == "neuron":
            for j, n in enumerate(self.neurons):
                yield f"bias[{j}]", n.bias

    def forward(self, x: Sequence[Input] | Input) -> list[Value]:
        xs = as_inputs(x, self.input_names, f"Layer {self.name}")
        return [n.activate(n.net(xs)) for n in self.neurons]

    def __repr__(self) -> str:
        return f"Layer({self.name}: {len(self.input_names)} → {len(self.neurons)}, {self.neurons[0].activation}, bias={self.bias_mode})"


class MLP(Module):
    """Layers in sequence: ``MLP(2, [2, 2])`` is Mazur's 2-2-2 network shape.

    Args:
        nin: number of inputs, labelled ``<input_name>1`` … (``i1 i2``).
        sizes: neurons per layer; the last is the output layer.
        activation, bias: one value for every layer, or a list with one per layer.
        weights, biases: per layer, as `Layer` takes them (or None for the default init).
        names: layer names; default "h" and "o" for one hidden layer, "h1", "h2", …, "o" for several.
        seed: seeds ``random.Random`` for the default init of every layer, in order.
    """

    def __init__(
        self,
        nin: int,
        sizes: Sequence[int],
        activation: str | Sequence[str] = "sigmoid",
        bias: str | Sequence[str] = "neuron",
        weights: Sequence | None = None,
        biases: Sequence | None = None,
        names: Sequence[str] | None = None,
        input_name: str = "i",
        seed: Seed = None,
    ) -> None:
        nin = _count(nin, "MLP: nin")
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
            raise ValueError(f"MLP: sizes must be a non-empty list of layer widths, e.g. [2, 2], got {sizes!r}")
        depth = len(sizes)
        if names is None:
            names = ["h"] * (depth == 2) + [f"h{k + 1}" for k in range(depth - 1) if depth > 2] + ["o"]
        activations = self._per_layer(activation, depth, "activation")
        bias_modes = self._per_layer(bias, depth, "bias")
        weights = self._per_layer(weights, depth, "weights", plain=False)
        biases = self._per_layer(biases, depth, "biases", plain=False)
        names = self._per_layer(names, depth, "names", plain=False)
        rng = _rng(seed)
        self.layers: list[Layer] = []
        inputs = [f"{input_name}{i + 1}" for i in range(nin)]
        for k, width in enumerate(sizes):
            layer = Layer(len(inputs), width, activations[k], bias_modes[k], weights[k], biases[k], names[k], inputs, rng)
            self.layers.append(layer)
            inputs = [n.name for n in layer.neurons]

    @staticmethod
    def _per_layer(value: object, depth: int, what: str, plain: bool = True) -> list:
        """One value for every layer (a str when ``plain``; None for the optional lists) or a list of ``depth``."""
        if value is None or (plain and isinstance(value, str)):
            return [value] * depth
        if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != depth:
            raise ValueError(f"MLP: {what} must give one entry per layer ({depth} layers), got {value!r}")
        return list(value)

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for k, layer in enumerate(self.layers):
            for name, p in layer.named_parameters():
                yield f"layers.{k}.{name}", p

    def forward(self, x: Sequence[Input] | Input) -> list[Value]:
        """The output layer's outputs, always a list (``[out_o1]`` for one output)."""
        for layer in self.layers:
            x = layer(x)
        return x

    def __repr__(self) -> str:
        return "MLP(" + ", ".join(repr(layer) for layer in self.layers) + ")"
