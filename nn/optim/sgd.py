"""Gradient descent and its momentum forms: SGD (PyTorch's rule), Momentum and Nesterov (Ruder's forms).

Ruder's overview ("An overview of gradient descent optimization algorithms", 2016) and PyTorch write
momentum differently. Ruder keeps a velocity that already includes the learning rate::

    v_t = γ·v_{t−1} + η·g_t,     θ_t = θ_{t−1} − v_t                       (Momentum)

PyTorch's ``SGD(momentum=μ)`` keeps a buffer without it::

    b_t = μ·b_{t−1} + g_t,       θ_t = θ_{t−1} − η·b_t

With a constant η the two are the same rule (v_t = η·b_t, so the parameters agree step by step, up to
rounding). They part when η changes during training: Ruder's velocity keeps the old η inside it, PyTorch
applies the new η to the whole buffer. This library offers both: `Momentum`/`Nesterov` follow Ruder,
`SGD(momentum=…, nesterov=…)` follows PyTorch exactly.
"""

from __future__ import annotations

from typing import Iterable

from autograd_mini import validate
from autograd_mini.engine import Value
from nn.optim.optimizer import Optimizer, check_hyperparameter

__all__ = ["SGD", "Momentum", "Nesterov"]


class SGD(Optimizer):
    """Gradient descent, PyTorch's ``torch.optim.SGD`` rule (matches it to rounding, step by step).

    Plain (``momentum=0``): ``θ ← θ − η·∂J/∂θ`` — Mazur: w5⁺ = 0.4 − 0.5 · 0.082167041 = 0.35891648;
    lecture 001: Θ_ij := Θ_ij − α·∂J(Θ)/∂Θ_ij.

    With ``weight_decay`` λ the gradient is g = ∂J/∂θ + λθ (L2 regularisation). With ``momentum`` μ::

        b_1 = g_1,   b_t = μ·b_{t−1} + (1 − dampening)·g_t
        θ ← θ − η·b_t                   (nesterov=False)
        θ ← θ − η·(g_t + μ·b_t)         (nesterov=True)

    See `Momentum` and `Nesterov` for Ruder's forms of the same rules.
    """

    def __init__(self, parameters: Iterable[Value], lr: float, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False) -> None:
        super().__init__(parameters, lr)
        self.momentum = check_hyperparameter("SGD", "momentum", momentum, 0.0, 1.0)
        self.dampening = check_hyperparameter("SGD", "dampening", dampening, 0.0, 1.0, high_open=False)
        self.weight_decay = check_hyperparameter("SGD", "weight_decay", weight_decay, 0.0)
        if validate.boolean(nesterov, "SGD", "nesterov") and (self.momentum == 0.0 or self.dampening != 0.0):
            raise ValueError("SGD: nesterov=True needs a momentum > 0 and dampening = 0 (as in PyTorch)")
        self.nesterov = validate.boolean(nesterov, "SGD", "nesterov")

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        if self.weight_decay:
            g = g + self.weight_decay * x
        if self.momentum:
            if "momentum_buffer" not in state:
                b = g
            else:
                b = self.momentum * state["momentum_buffer"] + (1.0 - self.dampening) * g
            state["momentum_buffer"] = b
            g = g + self.momentum * b if self.nesterov else b
        return x - self.lr * g


class Momentum(Optimizer):
    """Momentum, as Ruder writes it (Qian 1999)::

        v_t = γ·v_{t−1} + η·∂J/∂θ,     θ ← θ − v_t          (v_0 = 0, γ = ``momentum``, default 0.9)

    The velocity v accumulates past gradients, so steps grow along directions that stay consistent and
    oscillations across a ravine cancel. Equal to ``SGD(momentum=γ)`` while η is constant (v = η·b);
    under a learning-rate schedule the velocity keeps the η of the steps that built it (see module doc).
    """

    def __init__(self, parameters: Iterable[Value], lr: float, momentum: float = 0.9) -> None:
        super().__init__(parameters, lr)
        self.momentum = check_hyperparameter("Momentum", "momentum", momentum, 0.0, 1.0)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        v = self.momentum * state.get("velocity", 0.0) + self.lr * g
        state["velocity"] = v
        return x - v


class Nesterov(Optimizer):
    """Nesterov accelerated gradient, as Ruder writes it (Nesterov 1983)::

        v_t = γ·v_{t−1} + η·∇J(θ − γ·v_{t−1}),     θ ← θ − v_t

    The gradient is taken at the look-ahead point θ − γ·v_{t−1}, where momentum is about to carry θ.
    `step()` only sees the gradient at the parameters' current values, so the parameters hold that
    look-ahead point, θ̃ = θ − γ·v (Sutskever et al. 2013; Bengio et al. 2013). Substituting gives the
    update actually applied::

        v_t = γ·v_{t−1} + η·∇J(θ̃),     θ̃ ← θ̃ + γ·v_{t−1} − (1 + γ)·v_t

    So after each step the parameters equal Ruder's θ_t − γ·v_t (they coincide with θ once v → 0, at
    convergence). With a constant η this is exactly ``torch.optim.SGD(momentum=γ, nesterov=True)``.
    """

    def __init__(self, parameters: Iterable[Value], lr: float, momentum: float = 0.9) -> None:
        super().__init__(parameters, lr)
        self.momentum = check_hyperparameter("Nesterov", "momentum", momentum, 0.0, 1.0)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        gamma = self.momentum
        v_prev = state.get("velocity", 0.0)
        v = gamma * v_prev + self.lr * g
        state["velocity"] = v
        return x + (gamma * v_prev - (1.0 + gamma) * v)
