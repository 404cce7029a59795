"""The same network in matrix form, with numpy: lecture 000's formulas, a whole batch at once.

For a network with one hidden layer, inputs X (one example per row) and targets y::

    z2 = X·W1            a2 = f(z2)            z3 = a2·W2            ŷ = a3 = f(z3)
    J  = Σ ½(y − ŷ)²                                        (summed over examples and outputs)

    δ3 = −(y − ŷ) ∘ f'(z3)           ∂J/∂W2 = a2ᵀ·δ3
    δ2 = (δ3·W2ᵀ) ∘ f'(z2)           ∂J/∂W1 = Xᵀ·δ2

(∘ is the element-wise product; the lecture writes δ as σ.) With biases, z gains "+ b" and
∂J/∂b = the column sums of δ (all of δ summed, for a bias shared by the layer). Deeper networks repeat
the middle line. `MatrixMLP.from_mlp` copies an `nn.MLP`'s weights into these matrices, so a student
can check that the scalar engine's per-weight chain rule and these formulas compute the same numbers.

Numbering follows the lecture: layer l's activations are a[l] (a[1] = X), W[l] maps a[l] to z[l+1].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from autograd_mini import validate

__all__ = ["MatrixMLP", "MatrixPass", "engine_gradients"]


def _f(name: str, z: np.ndarray) -> np.ndarray:
    """The activation f, element-wise."""
    if name == "sigmoid":  # the stable two-branch form, as the engine's
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "linear":
        return z
    raise ValueError(f"matrix form: unknown activation {name!r}")


def _f_prime(name: str, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """f'(z), from z or from a = f(z): σ' = a(1 − a), tanh' = 1 − a², relu' = [z > 0], linear' = 1."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (z > 0).astype(float)
    return np.ones_like(z)


@dataclass
class MatrixPass:
    """One forward and backward pass, keyed by the lecture's layer numbers.

    a[1] = X, z[l] and a[l] for l = 2 … L (a[L] = ŷ); delta[l] = δ_l = ∂J/∂z[l]; dW[l] = ∂J/∂W[l];
    db[l] = ∂J/∂b[l] (None for a layer without bias); J the quadratic cost.
    """

    z: dict[int, np.ndarray]
    a: dict[int, np.ndarray]
    delta: dict[int, np.ndarray]
    dW: dict[int, np.ndarray]
    db: dict[int, np.ndarray | float | None]
    J: float


class MatrixMLP:
    """An MLP as weight matrices: W[l] has shape (units in layer l, units in layer l + 1).

    Attributes:
        W: {1: W1, 2: W2, …}; b: {1: b1, …} (a vector, a float for a shared bias, or None);
        activations: {2: f of layer 2, …}; bias_modes: {1: "neuron" | "shared" | "none", …}.
    """

    def __init__(self, W: Sequence[np.ndarray], b: Sequence[Any], activations: Sequence[str],
                 bias_modes: Sequence[str] | None = None) -> None:
        if not (len(W) == len(b) == len(activations)) or not W:
            raise ValueError(f"MatrixMLP: need one weight matrix, bias and activation per layer, got {len(W)}, {len(b)}, {len(activations)}")
        self.W = {k + 1: np.array(w, dtype=float) for k, w in enumerate(W)}
        for k, w in self.W.items():
            if w.ndim != 2 or not np.isfinite(w).all():
                raise ValueError(f"MatrixMLP: W{k} must be a 2-D matrix of finite numbers, got shape {w.shape}")
        for k in range(1, len(W)):
            if self.W[k].shape[1] != self.W[k + 1].shape[0]:
                raise ValueError(f"MatrixMLP: W{k} has {self.W[k].shape[1]} columns but W{k + 1} has {self.W[k + 1].shape[0]} rows")
        modes = bias_modes or ["none" if x is None else "shared" if np.ndim(x) == 0 else "neuron" for x in b]
        self.bias_modes = {k + 1: m for k, m in enumerate(modes)}
        self.b = {k + 1: (None if x is None else float(x) if np.ndim(x) == 0 else np.array(x, dtype=float))
                  for k, x in enumerate(b)}
        self.activations = {k + 2: f for k, f in enumerate(activations)}
        for f in activations:
            _f(f, np.zeros(1))  # refuse an unknown activation now

    @classmethod
    def from_mlp(cls, mlp: Any) -> "MatrixMLP":
        """Copy an `nn.MLP`'s weights: W[l][i, j] is the weight from unit i of layer l to unit j of layer l+1."""
        if not hasattr(mlp, "layers"):
            raise TypeError(f"MatrixMLP.from_mlp: expected an nn.MLP, got {type(mlp).__name__}")
        W, b, acts, modes = [], [], [], []
        for layer in mlp.layers:
            W.append(np.array([[w.data for w in n.weight] for n in layer.neurons]).T)
            mode = layer.bias_mode
            modes.append(mode)
            b.append(None if mode == "none" else layer.bias.data if mode == "shared"
                     else np.array([n.bias.data for n in layer.neurons]))
            acts.append(layer.neurons[0].activation)
        return cls(W, b, acts, modes)

    @property
    def L(self) -> int:
        """The number of layers counting the input layer (2-2-2: L = 3)."""
        return len(self.W) + 1

    def forward(self, X: Any) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
        """z[l] = a[l−1]·W[l−1] (+ b), a[l] = f(z[l]) for l = 2 … L; returns (z, a) with a[1] = X."""
        a = {1: self._matrix(X, self.W[1].shape[0], "X", "MatrixMLP.forward")}
        z: dict[int, np.ndarray] = {}
        for k in range(2, self.L + 1):
            z[k] = a[k - 1] @ self.W[k - 1]
            if self.b[k - 1] is not None:
                z[k] = z[k] + self.b[k - 1]
            a[k] = _f(self.activations[k], z[k])
        return z, a

    def backward(self, X: Any, y: Any) -> MatrixPass:
        """Forward, J = Σ ½(y − ŷ)², then the lecture's δ and ∂J/∂W for every layer."""
        where, L = "MatrixMLP.backward", self.L
        X = self._matrix(X, self.W[1].shape[0], "X", where)
        y = self._matrix(y, self.W[L - 1].shape[1], "y", where)
        z, a = self.forward(X)
        if y.shape[0] != a[L].shape[0]:
            raise ValueError(f"{where}: X has {a[L].shape[0]} rows (examples) but y has {y.shape[0]}")
        delta = {L: -(y - a[L]) * _f_prime(self.activations[L], z[L], a[L])}       # δ_L = −(y − ŷ) ∘ f'(z_L)
        for k in range(L - 1, 1, -1):
            delta[k] = (delta[k + 1] @ self.W[k].T) * _f_prime(self.activations[k], z[k], a[k])  # δ_l = δ_{l+1}W_lᵀ ∘ f'(z_l)
        dW = {k: a[k].T @ delta[k + 1] for k in range(1, L)}                          # ∂J/∂W_l = a_lᵀ δ_{l+1}
        db: dict[int, np.ndarray | float | None] = {}
        for k in range(1, L):
            mode = self.bias_modes[k]
            db[k] = None if mode == "none" else float(delta[k + 1].sum()) if mode == "shared" else delta[k + 1].sum(axis=0)
        J = float(0.5 * np.sum((y - a[L]) ** 2))
        if not np.isfinite(J):
            raise OverflowError(f"{where}: the cost J overflowed to {J!r}; the inputs or weights are too large")
        return MatrixPass(z, a, delta, dW, db, J)

    @staticmethod
    def _matrix(x: Any, columns: int, name: str, where: str) -> np.ndarray:
        """``x`` as a finite float matrix with ``columns`` columns: TypeError for non-numbers, ValueError
        for nan/inf (which would give J = nan silently) or the wrong shape."""
        if isinstance(x, (str, bytes)) or x is None:
            raise TypeError(f"{where}: {name} must be a matrix of numbers (a list of rows or a numpy array), got {validate.shown(x)}")
        try:
            m = np.array(x, dtype=float)
        except OverflowError:
            raise ValueError(f"{where}: {name} holds a number too large for a float (at most about 1.8e308)") from None
        except (TypeError, ValueError) as e:
            raise TypeError(f"{where}: {name} must be a matrix of numbers (one row per example): {e}") from None
        if m.ndim == 1:
            m = m.reshape(1, -1) if m.shape[0] == columns else m.reshape(-1, 1)
        if m.ndim != 2 or m.shape[1] != columns:
            raise ValueError(f"{where}: {name} must have {columns} columns (one row per example), got shape {m.shape}")
        if m.shape[0] == 0:
            raise ValueError(f"{where}: {name} has no rows; give at least one example")
        bad = np.argwhere(~np.isfinite(m))
        if len(bad):
            r, c = (int(i) for i in bad[0])
            raise ValueError(f"{where}: {name}[{r}, {c}] is {float(m[r, c])!r}; every entry must be a finite number")
        return m


def engine_gradients(mlp: Any) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray | float | None]]:
    """The scalar engine's ``.grad`` of an `nn.MLP`'s parameters, arranged like `MatrixPass` dW and db."""
    dW, db = {}, {}
    for k, layer in enumerate(mlp.layers, start=1):
        dW[k] = np.array([[w.grad for w in n.weight] for n in layer.neurons]).T
        mode = layer.bias_mode
        db[k] = None if mode == "none" else layer.bias.grad if mode == "shared" else np.array([n.bias.grad for n in layer.neurons])
    return dW, db
