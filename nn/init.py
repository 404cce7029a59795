"""Parameter initialization, in place, with PyTorch's names (``nn.init.uniform_`` …).

Lecture 001's point: start from zero, or from any symmetric values, and the hidden units of a layer
compute the same thing, receive the same gradient and so stay identical after every update: the layer
is as good as one unit. Symmetry breaking: initialize each Θ to a random value in [−ε, ε]::

    Theta1 = random(3, 4) * (2 * EPSILON) - EPSILON        # the lecture
    nn.init.uniform_(model, -eps, eps, seed=0)              # here

Every function takes a `Value`, an iterable of Values, or anything with ``parameters()`` (a model),
sets ``data`` in place (frozen parameters too), and returns what it was given. Random ones take
``seed`` (an int) or ``generator`` (a ``random.Random``) so a run repeats exactly; with neither, an
unseeded generator is used. Xavier and Kaiming need a layer's fan-in and fan-out, so they take a
`Layer`, an `MLP` (each layer with its own fans) or a `Neuron`, and set the WEIGHTS only (biases keep
their values, as in PyTorch, where these functions are applied to the weight tensor).
"""

from __future__ import annotations

import math
import random
from typing import Any, Callable

from autograd_mini import validate
from autograd_mini.engine import Value
from nn.module import parameters_of

__all__ = [
    "zeros_", "constant_", "uniform_", "normal_", "calculate_gain", "fans",
    "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_",
]




def _rng(generator: random.Random | None, seed: int | None, fn: str) -> random.Random:
    if generator is not None and seed is not None:
        raise ValueError(f"{fn}: give a seed or a generator, not both")
    if generator is not None:
        if not isinstance(generator, random.Random):
            raise TypeError(f"{fn}: generator must be a random.Random, got {validate.shown(generator)}")
        return generator
    return random.Random(None if seed is None else validate.integer(seed, fn, "seed"))


def _write(values: list[Value], new: list[float], fn: str, hint: str) -> None:
    """Set every ``values[i].data = new[i]``, but only if all are finite (else nothing changes)."""
    for v, x in zip(values, new):
        if not -math.inf < x < math.inf:
            raise ValueError(f"{fn}: a drawn value is {x!r} (for {v.label or 'a parameter'}); {hint}. Nothing was changed")
    for v, x in zip(values, new):
        v.data = x


def _uniform(values: list[Value], a: float, b: float, rng: random.Random, fn: str) -> list[float]:
    """U(a, b) draws, computed as a + (b − a)·u like random.uniform, with b − a checked for overflow."""
    width = b - a
    if not width < math.inf:
        raise ValueError(f"{fn}: the interval [{a!r}, {b!r}] is wider than the float range (b − a overflows); "
                         "use bounds within about ±8.9e307")
    return [a + width * rng.random() for _ in values]


def zeros_(target: Any) -> Any:
    """Θ = 0 for every parameter. Lecture 001: this makes every hidden unit identical, for ever."""
    return _constant(target, 0.0, "zeros_")


def constant_(target: Any, val: float) -> Any:
    """Θ = ``val`` for every parameter (symmetric: see the module docstring)."""
    return _constant(target, val, "constant_")


def _constant(target: Any, val: object, fn: str) -> Any:
    x = validate.real(val, fn, "val")
    for v in parameters_of(target, fn, "target", allow_empty=True):
        v.data = x
    return target


def uniform_(target: Any, a: float = 0.0, b: float = 1.0, *, generator: random.Random | None = None,
             seed: int | None = None) -> Any:
    """Each Θ drawn independently from U(a, b). The lecture's symmetry breaking is ``uniform_(model, -ε, ε)``:
    Θ ∈ [−ε, ε], like ``random(3, 4) * (2 * EPSILON) - EPSILON``. (A common ε is √6/√(L_in + L_out),
    which is `xavier_uniform_`.) Every argument is checked and every value drawn before any is written."""
    fn = "uniform_"
    lo, hi = validate.real(a, fn, "a"), validate.real(b, fn, "b")
    if not lo <= hi:
        raise ValueError(f"{fn}: the interval [a, b] = [{lo!r}, {hi!r}] is empty; give a ≤ b, e.g. uniform_(model, -0.12, 0.12)")
    values, rng = parameters_of(target, fn, "target", allow_empty=True), _rng(generator, seed, fn)
    _write(values, _uniform(values, lo, hi, rng, fn), fn, "narrow the interval")
    return target


def normal_(target: Any, mean: float = 0.0, std: float = 1.0, *, generator: random.Random | None = None,
            seed: int | None = None) -> Any:
    """Each Θ drawn independently from N(mean, std²); all drawn (and checked finite) before any is written."""
    fn = "normal_"
    mu, sigma = validate.real(mean, fn, "mean"), validate.non_negative(std, fn, "std")
    values, rng = parameters_of(target, fn, "target", allow_empty=True), _rng(generator, seed, fn)
    _write(values, [rng.gauss(mu, sigma) for _ in values], fn, "the std is too large for a float; lower it")
    return target


_GAINS = {"linear": 1.0, "identity": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """PyTorch's recommended gains: linear/sigmoid 1, tanh 5/3, relu √2, leaky_relu √(2/(1 + a²))."""
    name = validate.choice(nonlinearity, [*_GAINS, "leaky_relu"], "calculate_gain", "nonlinearity")
    if name == "leaky_relu":
        a = 0.01 if param is None else validate.real(param, "calculate_gain", "param (the negative slope)")
        return math.sqrt(2.0 / (1.0 + a * a)) if abs(a) < 1e154 else math.sqrt(2.0) / abs(a)
    return _GAINS[name]


def _weight_groups(target: Any, fn: str) -> list[tuple[list[Value], int, int]]:
    """``(weights, fan_in, fan_out)`` for each layer in ``target`` (an MLP, a Layer or a Neuron)."""
    if hasattr(target, "layers"):
        return [g for layer in target.layers for g in _weight_groups(layer, fn)]
    if hasattr(target, "neurons"):
        neurons = list(target.neurons)
        weights = [w for n in neurons for w in n.weight]
        return [(weights, len(neurons[0].weight), len(neurons))]
    if hasattr(target, "weight") and isinstance(target.weight, list):
        return [(list(target.weight), len(target.weight), 1)]
    raise TypeError(
        f"{fn}: needs a layer's fan-in and fan-out, so pass an nn.Layer, nn.MLP or nn.Neuron "
        f"(got {type(target).__name__}); for a plain list of Values use uniform_ or normal_"
    )


def fans(layer: Any) -> tuple[int, int]:
    """(fan_in, fan_out) of a `Layer` (inputs per neuron, neurons) or a `Neuron` (inputs, 1)."""
    groups = _weight_groups(layer, "fans")
    if len(groups) != 1:
        raise ValueError(f"fans: {type(layer).__name__} has {len(groups)} layers; ask one layer at a time")
    return groups[0][1], groups[0][2]


def _draw_groups(layer: Any, fn: str, generator: random.Random | None, seed: int | None,
                 draw: Callable[[list[Value], int, int, random.Random], list[float]]) -> Any:
    """Draw every layer's weights (``draw(weights, fan_in, fan_out, rng)``), check all, then write all."""
    groups = _weight_groups(layer, fn)
    rng = _rng(generator, seed, fn)
    values: list[Value] = []
    new: list[float] = []
    for weights, fan_in, fan_out in groups:
        values += weights
        new += draw(weights, fan_in, fan_out, rng)
    _write(values, new, fn, "the gain is too large for a float; lower it")
    return layer


def xavier_uniform_(layer: Any, gain: float = 1.0, *, generator: random.Random | None = None,
                    seed: int | None = None) -> Any:
    """Glorot & Bengio (2010): W ~ U(−a, a), a = gain·√(6 / (fan_in + fan_out)); keeps the variance of
    activations and gradients about equal across layers (for tanh/sigmoid)."""
    fn = "xavier_uniform_"
    g = validate.real(gain, fn, "gain")

    def draw(weights: list[Value], fan_in: int, fan_out: int, rng: random.Random) -> list[float]:
        bound = abs(g) * math.sqrt(6.0 / (fan_in + fan_out))
        return _uniform(weights, -bound, bound, rng, fn)
    return _draw_groups(layer, fn, generator, seed, draw)


def xavier_normal_(layer: Any, gain: float = 1.0, *, generator: random.Random | None = None,
                   seed: int | None = None) -> Any:
    """Glorot & Bengio (2010), normal form: W ~ N(0, σ²), σ = gain·√(2 / (fan_in + fan_out))."""
    fn = "xavier_normal_"
    g = validate.real(gain, fn, "gain")

    def draw(weights: list[Value], fan_in: int, fan_out: int, rng: random.Random) -> list[float]:
        sigma = abs(g) * math.sqrt(2.0 / (fan_in + fan_out))
        return [rng.gauss(0.0, sigma) for _ in weights]
    return _draw_groups(layer, fn, generator, seed, draw)


def _kaiming_std(fan_in: int, fan_out: int, a: float, mode: str, nonlinearity: str, fn: str) -> float:
    fan = fan_in if mode == "fan_in" else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def _kaiming_args(a: object, mode: object, nonlinearity: object, fn: str) -> tuple[float, str, str]:
    slope = validate.real(a, fn, "a (the negative slope)")
    m = validate.choice(mode, ["fan_in", "fan_out"], fn, "mode ('fan_in' preserves the forward variance, 'fan_out' the backward)")
    nl = validate.choice(nonlinearity, [*_GAINS, "leaky_relu"], fn, "nonlinearity")
    return slope, m, nl


def kaiming_uniform_(layer: Any, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu", *,
                     generator: random.Random | None = None, seed: int | None = None) -> Any:
    """He et al. (2015), for relu networks: W ~ U(−b, b), b = gain·√(3 / fan), gain = `calculate_gain`
    (√2 for relu, and for PyTorch's default leaky_relu with a = 0), fan = fan_in or fan_out per ``mode``."""
    fn = "kaiming_uniform_"
    slope, m, nl = _kaiming_args(a, mode, nonlinearity, fn)

    def draw(weights: list[Value], fan_in: int, fan_out: int, rng: random.Random) -> list[float]:
        bound = math.sqrt(3.0) * _kaiming_std(fan_in, fan_out, slope, m, nl, fn)
        return _uniform(weights, -bound, bound, rng, fn)
    return _draw_groups(layer, fn, generator, seed, draw)


def kaiming_normal_(layer: Any, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu", *,
                    generator: random.Random | None = None, seed: int | None = None) -> Any:
    """He et al. (2015), normal form: W ~ N(0, σ²), σ = gain / √fan."""
    fn = "kaiming_normal_"
    slope, m, nl = _kaiming_args(a, mode, nonlinearity, fn)

    def draw(weights: list[Value], fan_in: int, fan_out: int, rng: random.Random) -> list[float]:
        return [rng.gauss(0.0, _kaiming_std(fan_in, fan_out, slope, m, nl, fn)) for _ in weights]
    return _draw_groups(layer, fn, generator, seed, draw)
