"""`Neuron`, `Layer` and `MLP`, built only on `Value`.

A neuron computes, as in the lectures, ``net_h1 = w1·i1 + w2·i2 + b1`` (ONE `dot` node, whose
local derivatives are ``∂net_h1/∂w1 = i1`` …) and ``out_h1 = σ(net_h1)``. Every node is labelled:
inputs ``i1 i2``, weights ``w[i1→h1]``, biases ``b[h1]`` (one per neuron) or ``b[h]`` (one shared
by the layer), ``net_h1`` and ``out_h1``. A layer ALWAYS returns a list, also when it has one neuron.

    model = MLP(2, [2, 2], activation="sigmoid", bias="shared", seed=0)
    out_o1, out_o2 = model([0.05, 0.10])

Inputs, ``weights=`` and ``biases=`` may be lists, tuples, numpy arrays or numpy scalars. Arguments
are checked by `autograd_mini.validate` when a piece is built, and inputs once per forward pass (the
layers after the first receive Values and skip the check): TypeError for a non-number, ValueError for
nan/inf or a wrong count, each message starting with the call (``MLP: input i2 must be …``).
"""

from __future__ import annotations

import math
import random
from typing import Any, Iterator, Sequence, Union

from autograd_mini import validate
from autograd_mini.engine import Value, dot
from nn.module import Module

__all__ = ["Neuron", "Layer", "MLP", "ACTIVATIONS", "BIAS_MODES", "MAX_PARAMETERS"]

ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
BIAS_MODES = ("neuron", "shared", "none")  # one bias per neuron, one shared by the layer, no bias
Seed = Union[int, random.Random, None]
Input = Union[Value, int, float]


MAX_PARAMETERS = 10_000_000  # a scalar engine's practical limit: refused up front, not after a MemoryError


def _count(n: object, where: str, what: str) -> int:
    return validate.integer(n, where, what, low=1, high=MAX_PARAMETERS)


def _check_size(parameters: int, where: str) -> None:
    if parameters > MAX_PARAMETERS:
        raise ValueError(f"{where}: {parameters:,} parameters is more than this scalar engine can hold "
                         f"({MAX_PARAMETERS:,}, each a Python object); use smaller layers")


def _rng(seed: object, where: str) -> random.Random:
    """The default initializer's random source: ``random.Random(seed)`` (seed None: unseeded)."""
    if isinstance(seed, random.Random):
        return seed
    if seed is not None:
        validate.integer(seed, where, "seed")
    return random.Random(seed)  # type: ignore[arg-type]


def _names(x: object, n: int, where: str, what: str) -> list[str]:
    return [validate.text(v, where, f"{what}[{i}]", empty=False) for i, v in enumerate(validate.sequence(x, where, what, length=n))]


def _suffix(layer: str, j: int) -> str:
    """Neuron j of layer "h" is "h1"; of layer "h2" it is "h2_1" (no clash with layer "h")."""
    return f"{layer}_{j + 1}" if layer[-1:].isdigit() else f"{layer}{j + 1}"


def as_inputs(x: object, names: Sequence[str], where: str) -> list[Value]:
    """The inputs as Values: each number becomes ONE node ``Value(x, label="i1", role="input")``
    for this forward pass (so a drawing shows it once); Values are used as they are.

    ``x`` is a list, tuple or 1-D numpy array of numbers (numpy scalars too) and Values, or one
    number/Value for a single input. Checked once per forward pass: TypeError for a non-number,
    ValueError for nan/inf or the wrong count."""
    if type(x) is list and len(x) == len(names) and all(type(v) is Value for v in x):
        return x  # a layer's outputs feeding the next layer: nothing to convert
    if isinstance(x, Value) or validate.is_real(x):
        x = [x]
    items = validate.sequence(x, where, "inputs", length=len(names))
    return [v if isinstance(v, Value) else Value(validate.real(v, where, f"input {n}"), n, role="input")
            for v, n in zip(items, names)]


class Neuron(Module):
    """One neuron: ``net = Σ w_i·x_i + b``, ``out = activation(net)``.

    Args:
        nin: number of inputs.
        activation: "sigmoid", "tanh", "relu" or "linear" (then ``out = net``: ∂out/∂net = 1).
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
        weights: Sequence[float] | Any = None,
        bias: float | Value | None = 0.0,
        name: str = "n",
        input_names: Sequence[str] | None = None,
        seed: Seed = None,
    ) -> None:
        where = "Neuron"
        nin = _count(nin, where, "nin")
        self.activation = validate.choice(activation, ACTIVATIONS, where, "activation")
        self.name = validate.text(name, where, "name", empty=False)
        where = f"Neuron {name}"
        self.input_names = _names(input_names, nin, where, "input_names") if input_names is not None else [f"x{i + 1}" for i in range(nin)]
        if weights is None:
            bound, rng = 1.0 / math.sqrt(nin), _rng(seed, where)
            ws = [rng.uniform(-bound, bound) for _ in range(nin)]
        else:
            ws = validate.numbers_list(weights, where, "weights (one per input)", length=nin)
        self.weight = [Value(w, f"w[{src}→{name}]", role="parameter") for w, src in zip(ws, self.input_names)]
        self.bias: Value | None
        if bias is None or isinstance(bias, Value):
            self.bias = bias
        else:
            self.bias = Value(validate.real(bias, where, "bias"), f"b[{name}]", role="parameter")

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for i, w in enumerate(self.weight):
            yield f"weight[{i}]", w
        if self.bias is not None:
            yield "bias", self.bias

    def net(self, x: Sequence[Value]) -> Value:
        """``net = Σ w_i·x_i + b`` as one node labelled ``net_<name>``; ``x`` are Values."""
        return dot(self.weight, x, self.bias, label=f"net_{self.name}")

    def activate(self, net: Value) -> Value:
        """``out = activation(net)``, labelled ``out_<name>`` (linear: ``out = net``, a node of its own with
        ``∂out/∂net = 1``, so a linear network's outputs are ``out_o1`` … as every other's)."""
        if self.activation == "linear":
            return Value.from_op(net.data, (net,), (1.0,), "linear", f"out_{self.name}")
        out = getattr(net, self.activation)()
        out.label = f"out_{self.name}"
        return out

    def forward(self, x: Sequence[Input] | Input) -> Value:
        """``out = activation(Σ w_i·x_i + b)`` for the inputs ``x`` (numbers, Values or a 1-D array)."""
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
        where = "Layer"
        nin, nout = _count(nin, where, "nin"), _count(nout, where, "nout")
        _check_size(nout * (nin + 1), where)
        self.bias_mode = validate.choice(bias, BIAS_MODES, where, "bias")
        validate.choice(activation, ACTIVATIONS, where, "activation")
        self.name = validate.text(name, where, "name", empty=False)
        where = f"Layer {name}"
        self.input_names = _names(input_names, nin, where, "input_names") if input_names is not None else [f"x{i + 1}" for i in range(nin)]
        rows: list[Any] = [None] * nout
        if weights is not None:
            if getattr(weights, "ndim", None) == 2:  # a 2-D numpy array: its rows
                weights = list(weights)
            rows = validate.sequence(weights, where, f"weights ({nout} rows, one per neuron, of {nin} numbers)", length=nout)
            rows = [validate.numbers_list(r, where, f"weights[{j}]", length=nin) for j, r in enumerate(rows)]
        shared, own = self._biases(biases, nout, where)
        rng = _rng(seed, where)
        self.bias: Value | None = Value(shared, f"b[{name}]", role="parameter") if shared is not None else None
        self.neurons = [
            Neuron(
                nin,
                activation,
                weights=rows[j],
                bias=self.bias if self.bias_mode == "shared" else (None if own is None else own[j]),
                name=_suffix(name, j),
                input_names=self.input_names,
                seed=rng,
            )
            for j in range(nout)
        ]

    def _biases(self, biases: object, nout: int, where: str) -> tuple[float | None, list[float] | None]:
        """(the shared bias, or None; the per-neuron biases, or None), checked."""
        mode = self.bias_mode
        if mode == "none":
            if biases is not None:
                raise ValueError(f"{where}: biases given but bias='none'; drop them or choose 'neuron'/'shared'")
            return None, None
        if mode == "shared":
            return (0.0 if biases is None else validate.real(biases, where, "the shared bias (one number)")), None
        if biases is None:
            return None, [0.0] * nout
        return None, validate.numbers_list(biases, where, f"biases (bias='neuron': {nout}, one per neuron)", length=nout)

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for j, n in enumerate(self.neurons):
            for i, w in enumerate(n.weight):
                yield f"weight[{j}][{i}]", w
        if self.bias is not None:
            yield "bias", self.bias
        elif self.bias_mode == "neuron":
            for j, n in enumerate(self.neurons):
                if n.bias is not None:
                    yield f"bias[{j}]", n.bias

    def forward(self, x: Sequence[Input] | Input) -> list[Value]:
        """Every neuron's ``out`` for the inputs ``x`` (numbers, Values or a 1-D array), as a list."""
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
        where = "MLP"
        nin = _count(nin, where, "nin")
        widths = [_count(w, where, f"sizes[{k}]")
                  for k, w in enumerate(validate.sequence(sizes, where, "sizes (neurons per layer, e.g. [2, 2])", min_length=1))]
        depth = len(widths)
        _check_size(sum(w * (n + 1) for n, w in zip([nin, *widths], widths)), where)
        if names is None:
            names = ["h"] * (depth == 2) + [f"h{k + 1}" for k in range(depth - 1) if depth > 2] + ["o"]
        activations = self._per_layer(activation, depth, "activation")
        bias_modes = self._per_layer(bias, depth, "bias")
        weights = self._per_layer(weights, depth, "weights", plain=False)
        biases = self._per_layer(biases, depth, "biases", plain=False)
        layer_names = _names(names, depth, where, "names")
        if len(set(layer_names)) != depth:
            raise ValueError(f"MLP: names must differ from layer to layer, got {layer_names}")
        validate.text(input_name, where, "input_name", empty=False)
        rng = _rng(seed, where)
        self.layers: list[Layer] = []
        inputs = [f"{input_name}{i + 1}" for i in range(nin)]
        for k, width in enumerate(widths):
            validate.choice(activations[k], ACTIVATIONS, where, "activation" if isinstance(activation, str) else f"activation[{k}]")
            validate.choice(bias_modes[k], BIAS_MODES, where, "bias" if isinstance(bias, str) else f"bias[{k}]")
            try:
                layer = Layer(len(inputs), width, activations[k], bias_modes[k], weights[k], biases[k], layer_names[k], inputs, rng)
            except (TypeError, ValueError) as e:  # name the call the user made: "MLP: layer h: weights[0][1] …"
                message = str(e).removeprefix(f"Layer {layer_names[k]}: ")
                raise type(e)(f"MLP: layer {layer_names[k]}: {message}") from None
            self.layers.append(layer)
            inputs = [n.name for n in layer.neurons]

    @staticmethod
    def _per_layer(value: object, depth: int, what: str, plain: bool = True) -> list[Any]:
        """One value for every layer (a str when ``plain``; None for the optional lists) or a list of ``depth``."""
        if value is None or (plain and isinstance(value, str)):
            return [value] * depth
        if plain:
            return validate.sequence(value, "MLP", f"{what} (one entry per layer, or one for all)", length=depth)
        return validate.sequence(value, "MLP", f"{what} (one entry per layer, None for the default)", length=depth)

    def named_parameters(self) -> Iterator[tuple[str, Value]]:
        for k, layer in enumerate(self.layers):
            for name, p in layer.named_parameters():
                yield f"layers.{k}.{name}", p

    def forward(self, x: Sequence[Input] | Input) -> list[Value]:
        """The output layer's outputs, always a list (``[out_o1]`` for one output).

        ``x``: the inputs, a list/tuple/1-D numpy array of numbers (or Values), checked once here."""
        out = as_inputs(x, self.layers[0].input_names, "MLP")
        for layer in self.layers:
            out = layer.forward(out)
        return out

    def __repr__(self) -> str:
        return "MLP(" + ", ".join(repr(layer) for layer in self.layers) + ")"
