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
from typing import Any

from autograd_mini.engine import Value

__all__ = [
    "zeros_", "constant_", "uniform_", "normal_", "calculate_gain", "fans",
    "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_",
]


def _values(target: Any, fn: str) -> list[Value]:
    if isinstance(target, Value):
        return [target]
    if hasattr(target, "parameters") and callable(target.parameters):
        target = target.parameters()
    if isinstance(target, (str, bytes)) or not hasattr(target, "__iter__"):
        raise TypeError(f"{fn}: expected a Value, a list of Values or a model, got {type(target).__name__}: {target!r}")
    values = list(target)
    for v in values:
        if not isinstance(v, Value):
            raise TypeError(f"{fn}: expected Values, got {type(v).__name__}: {v!r}")
    return values


def _number(x: Any, name: str, fn: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise TypeError(f"{fn}: {name} must be a finite number, got {type(x).__name__}: {x!r}")
    return float(x)


def _rng(generator: random.Random | None, seed: int | None, fn: str) -> random.Random:
    if generator is not None and seed is not None:
        raise ValueError(f"{fn}: give a seed or a generator, not both")
    if generator is not None:
        if not isinstance(generator, random.Random):
            raise TypeError(f"{fn}: generator must be a random.Random, got {type(generator).__name__}")
        return generator
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise TypeError(f"{fn}: seed must be an int, got {type(seed).__name__}: {seed!r}")
    return random.Random(seed)


def zeros_(target: Any) -> Any:
    """Θ = 0 for every parameter. Lecture 001: this makes every hidden unit identical, for ever."""
    return constant_(target, 0.0)


def constant_(target: Any, val: float) -> Any:
    """Θ = ``val`` for every parameter (symmetric: see the module docstring)."""
    val = _number(val, "val", "constant_")
    for v in _values(target, "constant_"):
        v.data = val
    return target


def uniform_(target: Any, a: float = 0.0, b: float = 1.0, *, generator: random.Random | None = None,
             seed: int | None = None) -> Any:
    """Each Θ drawn independently from U(a, b). The lecture's symmetry breaking is ``uniform_(model, -ε, ε)``:
    Θ ∈ [−ε, ε], like ``random(3, 4) * (2 * EPSILON) - EPSILON``. (A common ε is √6/√(L_in + L_out),
    which is `xavier_uniform_`.)"""
    fn = "uniform_"
    a, b = _number(a, "a", fn), _number(b, "b", fn)
    if not a <= b:
        raise ValueError(f"{fn}: the interval [a, b] = [{a!r}, {b!r}] is empty; give a ≤ b, e.g. uniform_(model, -0.12, 0.12)")
    rng = _rng(generator, seed, fn)
    for v in _values(target, fn):
        v.data = rng.uniform(a, b)
    return target


def normal_(target: Any, mean: float = 0.0, std: float = 1.0, *, generator: random.Random | None = None,
            seed: int | None = None) -> Any:
    """Each Θ drawn independently from N(mean, std²)."""
    fn = "normal_"
    mean, std = _number(mean, "mean", fn), _number(std, "std", fn)
    if std < 0:
        raise ValueError(f"{fn}: std must be ≥ 0, got {std!r}")
    rng = _rng(generator, seed, fn)
    for v in _values(target, fn):
        v.data = rng.gauss(mean, std)
    return target


_GAINS = {"linear": 1.0, "identity": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """PyTorch's recommended gains: linear/sigmoid 1, tanh 5/3, relu √2, leaky_relu √(2/(1 + a²))."""
    if nonlinearity == "leaky_relu":
        a = 0.01 if param is None else _number(param, "param (the negative slope)", "calculate_gain")
        return math.sqrt(2.0 / (1.0 + a * a))
    if nonlinearity not in _GAINS:
        raise ValueError(f"calculate_gain: unknown nonlinearity {nonlinearity!r}; use one of {sorted(_GAINS) + ['leaky_relu']}")
    return _GAINS[nonlinearity]


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


def xavier_uniform_(layer: Any, gain: float = 1.0, *, generator: random.Random | None = None,
                    seed: int | None = None) -> Any:
    """Glorot & Bengio (2010): W ~ U(−a, a), a = gain·√(6 / (fan_in + fan_out)); keeps the variance of
    activations and gradients about equal across layers (for tanh/sigmoid)."""
    rng = _rng(generator, seed, "xavier_uniform_")
    gain = _number(gain, "gain", "xavier_uniform_")
    for weights, fan_in, fan_out in _weight_groups(layer, "xavier_uniform_"):
        uniform_(weights, -gain * math.sqrt(6.0 / (fan_in + fan_out)), gain * math.sqrt(6.0 / (fan_in + fan_out)), generator=rng)
    return layer


def xavier_normal_(layer: Any, gain: float = 1.0, *, generator: random.Random | None = None,
                   seed: int | None = None) -> Any:
    """Glorot & Bengio (2010), normal form: W ~ N(0, σ²), σ = gain·√(2 / (fan_in + fan_out))."""
    rng = _rng(generator, seed, "xavier_normal_")
    gain = _number(gain, "gain", "xavier_normal_")
    for weights, fan_in, fan_out in _weight_groups(layer, "xavier_normal_"):
        normal_(weights, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), generator=rng)
    return layer


def _kaiming_std(fan_in: int, fan_out: int, a: float, mode: str, nonlinearity: str, fn: str) -> float:
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"{fn}: mode must be 'fan_in' (preserve the forward variance) or 'fan_out' (the backward), got {mode!r}")
    fan = fan_in if mode == "fan_in" else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_uniform_(layer: Any, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu", *,
                     generator: random.Random | None = None, seed: int | None = None) -> Any:
    """He et al. (2015), for relu networks: W ~ U(−b, b), b = gain·√(3 / fan), gain = `calculate_gain`
    (√2 for relu, and for PyTorch's default leaky_relu with a = 0), fan = fan_in or fan_out per ``mode``."""
    fn = "kaiming_uniform_"
    rng = _rng(generator, seed, fn)
    for weights, fan_in, fan_out in _weight_groups(layer, fn):
        bound = math.sqrt(3.0) * _kaiming_std(fan_in, fan_out, a, mode, nonlinearity, fn)
        uniform_(weights, -bound, bound, generator=rng)
    return layer


def kaiming_normal_(layer: Any, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu", *,
                    generator: random.Random | None = None, seed: int | None = None) -> Any:
    """He et al. (2015), normal form: W ~ N(0, σ²), σ = gain / √fan."""
    fn = "kaiming_normal_"
    rng = _rng(generator, seed, fn)
    for weights, fan_in, fan_out in _weight_groups(layer, fn):
        normal_(weights, 0.0, _kaiming_std(fan_in, fan_out, a, mode, nonlinearity, fn), generator=rng)
    return layer
