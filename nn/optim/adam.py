"""Adaptive moment estimation: Adam, AdaMax, Ruder's Nadam (`RuderNadam`) and PyTorch's `NAdam`.

All keep two running averages per parameter, of the gradient (first moment, m) and of its square
(second moment, v), and divide the first by the root of the second. A gradient whose square overflows
(|g| above ~1.3e154) would make v infinite and freeze the parameter for ever: `Optimizer.step` detects
the infinite state and raises OverflowError naming the parameter, changing nothing.
"""

from __future__ import annotations

import math
from typing import Iterable

from autograd_mini import validate
from autograd_mini.engine import Value
from nn.optim.optimizer import Optimizer, check_hyperparameter

__all__ = ["Adam", "Adamax", "AdaMax", "RuderNadam", "NAdam"]


def _betas_eps(owner: str, betas: tuple[float, float], eps: float) -> tuple[tuple[float, float], float]:
    """The checked (β1, β2) and ε every optimizer of this family takes."""
    pair = validate.sequence(betas, owner, "betas (a pair β1, β2)", length=2)
    checked = (check_hyperparameter(owner, "betas[0]", pair[0], 0.0, 1.0),
               check_hyperparameter(owner, "betas[1]", pair[1], 0.0, 1.0))
    return checked, check_hyperparameter(owner, "eps", eps, 0.0)


def _moments(state: dict[str, float], g: float, beta1: float, beta2: float) -> tuple[float, float]:
    """m_t = β1·m_{t−1} + (1 − β1)·g_t and v_t = β2·v_{t−1} + (1 − β2)·g_t², stored in ``state``."""
    m = beta1 * state.get("exp_avg", 0.0) + (1.0 - beta1) * g
    v = beta2 * state.get("exp_avg_sq", 0.0) + (1.0 - beta2) * g * g
    state["exp_avg"], state["exp_avg_sq"] = m, v
    return m, v


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015), as Ruder writes it and ``torch.optim.Adam`` computes it::

        m_t = β1·m_{t−1} + (1 − β1)·g_t,       m̂_t = m_t / (1 − β1^t)
        v_t = β2·v_{t−1} + (1 − β2)·g_t²,      v̂_t = v_t / (1 − β2^t)
        θ ← θ − η · m̂_t / (√v̂_t + ε)

    Defaults as PyTorch: η = 1e-3, (β1, β2) = (0.9, 0.999), ε = 1e-8. (AMSGrad is not implemented.)
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        super().__init__(parameters, lr)
        self.betas, self.eps = _betas_eps(type(self).__name__, betas, eps)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        beta1, beta2 = self.betas
        t = state["step"]
        m, v = _moments(state, g, beta1, beta2)
        denom = math.sqrt(v) / math.sqrt(1.0 - beta2 ** t) + self.eps
        return x - self.lr / (1.0 - beta1 ** t) * m / denom if denom > 0.0 else x


class Adamax(Optimizer):
    """AdaMax (Kingma & Ba 2015, §7.1): Adam with the ∞-norm in place of the root of v::

        m_t = β1·m_{t−1} + (1 − β1)·g_t
        u_t = max(β2·u_{t−1}, |g_t| + ε)
        θ ← θ − η/(1 − β1^t) · m_t / u_t

    This is ``torch.optim.Adamax`` (defaults η = 2e-3, β = (0.9, 0.999), ε = 1e-8). Difference from
    Ruder and the paper, who write u_t = max(β2·u_{t−1}, |g_t|): PyTorch adds ε to |g_t| so that u is
    never 0. ``eps=0`` gives the published rule exactly (a parameter whose gradients have all been 0 so
    far then has u = m = 0 and is not moved). ``AdaMax`` is the same class under Ruder's spelling.
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 2e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        super().__init__(parameters, lr)
        self.betas, self.eps = _betas_eps(type(self).__name__, betas, eps)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        beta1, beta2 = self.betas
        m = beta1 * state.get("exp_avg", 0.0) + (1.0 - beta1) * g
        u = max(beta2 * state.get("exp_inf", 0.0), abs(g) + self.eps)
        state["exp_avg"], state["exp_inf"] = m, u
        return x - self.lr / (1.0 - beta1 ** state["step"]) * m / u if u > 0.0 else x


AdaMax = Adamax


class RuderNadam(Optimizer):
    """Nadam (Dozat 2016) as Ruder's overview writes it: Adam with a Nesterov look-ahead in its momentum::

        m_t, v_t, m̂_t, v̂_t as in Adam
        θ ← θ − η/(√v̂_t + ε) · (β1·m̂_t + (1 − β1)·g_t/(1 − β1^t))

    This is the lectures' rule. PyTorch's ``torch.optim.NAdam`` computes a different one, Dozat's
    scheduled momentum: that is `NAdam`. The two are not a reparametrisation of each other: even with
    a constant μ the torch form bias-corrects the momentum term with 1 − β1^(t+1) where Ruder's uses
    1 − β1^t, and torch's μ_t starts near β1/2. Defaults η = 2e-3, β = (0.9, 0.999), ε = 1e-8.
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 2e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        super().__init__(parameters, lr)
        self.betas, self.eps = _betas_eps(type(self).__name__, betas, eps)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        beta1, beta2 = self.betas
        t = state["step"]
        m, v = _moments(state, g, beta1, beta2)
        denom = math.sqrt(v / (1.0 - beta2 ** t)) + self.eps
        if not denom > 0.0:
            return x
        bias1 = 1.0 - beta1 ** t
        return x - self.lr / denom * (beta1 * m / bias1 + (1.0 - beta1) * g / bias1)


class NAdam(Optimizer):
    """PyTorch's ``torch.optim.NAdam``: Dozat's rule with the momentum schedule ψ = ``momentum_decay``::

        μ_t = β1·(1 − ½·0.96^(tψ)),     Π_t = μ_1·…·μ_t
        θ ← θ − η·(1 − μ_t)/(1 − Π_t) · g_t/(√v̂_t + ε) − η·μ_{t+1}/(1 − Π_t·μ_{t+1}) · m_t/(√v̂_t + ε)

    Defaults as PyTorch: η = 2e-3, β = (0.9, 0.999), ε = 1e-8, ψ = 0.004. For the formula in Ruder's
    overview (the lectures') use `RuderNadam`.
    """

    def __init__(self, parameters: Iterable[Value], lr: float = 2e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, momentum_decay: float = 4e-3) -> None:
        super().__init__(parameters, lr)
        owner = type(self).__name__
        self.betas, self.eps = _betas_eps(owner, betas, eps)
        self.momentum_decay = check_hyperparameter(owner, "momentum_decay", momentum_decay, 0.0)

    def _update(self, x: float, g: float, state: dict[str, float]) -> float:
        beta1, beta2 = self.betas
        t, psi = state["step"], self.momentum_decay
        m, v = _moments(state, g, beta1, beta2)
        mu = beta1 * (1.0 - 0.5 * 0.96 ** (t * psi))
        mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
        mu_product = state.get("mu_product", 1.0) * mu
        state["mu_product"] = mu_product
        denom = math.sqrt(v / (1.0 - beta2 ** t)) + self.eps
        if not denom > 0.0:
            return x
        x = x - self.lr * (1.0 - mu) / (1.0 - mu_product) * g / denom
        return x - self.lr * mu_next / (1.0 - mu_product * mu_next) * m / denom
