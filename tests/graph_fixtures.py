"""Small graphs built by hand with the engine, for the drawing, tracing and CLI tests.

`hand_mazur()` builds the Mazur 2-2-2 network exactly as the post describes it (shared, frozen biases
b1 and b2; logistic activations; E_total = Σ ½(target − out)²), with every node labelled with the
post's names, independently of `nn.examples`.
"""

from __future__ import annotations

from types import SimpleNamespace

from autograd_mini import Value, dot, sum_values

try:  # the project's helper, once it exists
    from autograd_mini.testing import assert_published  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - until autograd_mini/testing.py lands

    def assert_published(computed: float, printed: str) -> None:
        """``computed`` rounded to the decimals of ``printed`` gives ``printed`` (half a unit in its last place)."""
        decimals = len(printed.split(".")[1]) if "." in printed else 0
        tolerance = 0.5 * 10.0 ** -decimals
        assert abs(computed - float(printed)) <= tolerance * (1 + 1e-9), (
            f"computed {computed!r} does not reproduce the published {printed} (tolerance {tolerance:g})"
        )


def _param(data: float, label: str, frozen: bool = False) -> Value:
    v = Value(data, label, role="parameter")
    v.frozen = frozen
    return v


def hand_mazur(backward: bool = True) -> SimpleNamespace:
    """The Mazur graph; ``.E_total`` is the root, every named node is an attribute (``.w5``, ``.out_h1``)."""
    g = SimpleNamespace()
    g.i1, g.i2 = Value(0.05, "i1", role="input"), Value(0.10, "i2", role="input")
    for k, w in enumerate((0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55), 1):
        setattr(g, f"w{k}", _param(w, f"w{k}"))
    g.b1, g.b2 = _param(0.35, "b1", frozen=True), _param(0.60, "b2", frozen=True)
    g.net_h1 = dot([g.w1, g.w2], [g.i1, g.i2], g.b1, "net_h1")
    g.net_h2 = dot([g.w3, g.w4], [g.i1, g.i2], g.b1, "net_h2")
    g.out_h1, g.out_h2 = g.net_h1.sigmoid(), g.net_h2.sigmoid()
    g.out_h1.label, g.out_h2.label = "out_h1", "out_h2"
    g.net_o1 = dot([g.w5, g.w6], [g.out_h1, g.out_h2], g.b2, "net_o1")
    g.net_o2 = dot([g.w7, g.w8], [g.out_h1, g.out_h2], g.b2, "net_o2")
    g.out_o1, g.out_o2 = g.net_o1.sigmoid(), g.net_o2.sigmoid()
    g.out_o1.label, g.out_o2.label = "out_o1", "out_o2"
    g.E_o1 = 0.5 * (0.01 - g.out_o1) ** 2
    g.E_o2 = 0.5 * (0.99 - g.out_o2) ** 2
    g.E_o1.label, g.E_o2.label = "E_o1", "E_o2"
    g.E_total = sum_values([g.E_o1, g.E_o2], "E_total")
    if backward:
        g.E_total.backward()
    g.parameters = [getattr(g, f"w{k}") for k in range(1, 9)] + [g.b1, g.b2]
    return g


def square() -> tuple[Value, Value]:
    """``y = x * x`` with x = 3: the smallest graph with a repeated edge."""
    x = Value(3.0, "x", role="input")
    y = x * x
    y.label = "y"
    y.backward()
    return x, y


def require_dot() -> None:
    """Rendering tests call this first: they FAIL when Graphviz's dot is missing, and skip only when
    the environment asks for it explicitly with AUTOGRAD_MINI_SKIP_RENDER=1."""
    import os
    import shutil

    import pytest

    if shutil.which("dot") is not None:
        return
    if os.environ.get("AUTOGRAD_MINI_SKIP_RENDER") == "1":
        pytest.skip("Graphviz's dot is missing and AUTOGRAD_MINI_SKIP_RENDER=1 asks to skip rendering tests")
    pytest.fail(
        "Graphviz's dot is not on PATH: install it (apt-get install graphviz / brew install graphviz / "
        "pip install graphviz-pure), or set AUTOGRAD_MINI_SKIP_RENDER=1 to skip the rendering tests"
    )
