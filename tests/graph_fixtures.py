"""Small graphs built by hand with the engine, for the drawing, tracing and CLI tests.

The Mazur graph is built in this one place, two ways (`tests/conftest.py` serves both as fixtures:
``mazur_graph`` and ``mazur_example``). `hand_mazur()` builds the Mazur 2-2-2 network exactly as the post describes it (shared, frozen biases
b1 and b2; logistic activations; E_total = Σ ½(target − out)²), with every node labelled with the
post's names, independently of `nn.examples`; `nn_mazur()` is `nn.examples.mazur()` after one forward
and one backward pass (the library's own build, for the tests of what it labels). `hand_mlp(2, [4, 4, 1])` builds a network named as
`nn.MLP` names it (layers h1, h2, o; neurons h1_1 … o1; weights ``w[i1→h1_1]``, biases ``b[h1_1]``)
with the quadratic cost, also without `nn`. `svg_layout()` reads a rendered SVG: node positions,
cluster boxes, font sizes and the canvas, for the layout and legibility tests.
"""

from __future__ import annotations

import random
import re
from types import SimpleNamespace
from typing import Any

from autograd_mini import Value, dot, sum_values
from autograd_mini.testing import assert_published

__all__ = ["assert_published", "hand_mazur", "nn_mazur", "hand_mlp", "square", "require_dot", "svg_layout", "slide_px"]


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


def nn_mazur() -> tuple[Any, Value]:
    """``nn.examples.mazur()`` after one forward and one backward pass: (the example, its E_total)."""
    from nn.examples import mazur

    ex = mazur()
    root = ex.forward()
    root.backward()
    return ex, root


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


def hand_mlp(nin: int = 2, sizes: tuple[int, ...] = (4, 4, 1), seed: int = 0, backward: bool = True) -> SimpleNamespace:
    """An MLP labelled as `nn.MLP` labels it, with E_total = Σ ½(target − out)² (targets 0.01, 0.99, …).

    ``.E_total`` is the root; ``.neurons`` lists each layer's neuron names (``[["h1_1", …], …, ["o1"]]``).
    """
    rng = random.Random(seed)
    depth = len(sizes)
    layer_names = ["h"] * (depth == 2) + [f"h{k + 1}" for k in range(depth - 1) if depth > 2] + ["o"]
    g = SimpleNamespace(neurons=[], parameters=[])
    xs = [Value(0.05 * (i + 1), f"i{i + 1}", role="input") for i in range(nin)]
    g.inputs = list(xs)
    for name, width in zip(layer_names, sizes):
        names = [f"{name}_{j + 1}" if name[-1].isdigit() else f"{name}{j + 1}" for j in range(width)]
        outs = []
        for n in names:
            ws = [Value(rng.uniform(-0.7, 0.7), f"w[{x.label[4:] if x.label.startswith('out_') else x.label}→{n}]", role="parameter") for x in xs]
            b = Value(rng.uniform(-0.3, 0.3), f"b[{n}]", role="parameter")
            g.parameters += ws + [b]
            out = dot(ws, xs, b, f"net_{n}").sigmoid()
            out.label = f"out_{n}"
            outs.append(out)
        g.neurons.append(names)
        xs = outs
    errors = []
    for k, out in enumerate(xs):
        e = 0.5 * ((0.01 if k % 2 == 0 else 0.99) - out) ** 2
        e.label = f"E_{out.label[4:]}"
        errors.append(e)
    g.E_total = sum_values(errors, "E_total")
    if backward:
        g.E_total.backward()
    return g


def svg_layout(svg: str) -> SimpleNamespace:
    """What a rendered SVG shows: ``nodes`` (title -> (x, y) of its first text, y growing downwards),
    ``texts`` (title -> its texts), ``clusters`` (title -> (x0, y0, x1, y1) of its box), ``font_sizes``
    and the canvas ``width``/``height`` in px (1 pt = 4/3 px)."""
    width, height = (float(v) * 4 / 3 for v in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    layout = SimpleNamespace(nodes={}, texts={}, clusters={}, width=width, height=height)
    for kind, title, body in re.findall(r'<g id="\w+" class="(node|cluster)">\s*<title>(.*?)</title>(.*?)</g>', svg, flags=re.S):
        title = _unescape(title)
        if kind == "node":
            texts = re.findall(r'<text[^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*>(.*?)</text>', body)
            if texts:
                layout.nodes[title] = (float(texts[0][0]), float(texts[0][1]))
            layout.texts[title] = [_unescape(t[2]) for t in texts]
        else:
            found = re.search(r'(?:points|d)="([^"]+)"', body)  # a polygon, or a path when rounded
            if found is None:  # an invisible box
                continue
            shape = found.group(1)
            points = re.findall(r"(-?[\d.]+),(-?[\d.]+)", shape)
            xs, ys = [float(p[0]) for p in points], [float(p[1]) for p in points]
            layout.clusters[title] = (min(xs), min(ys), max(xs), max(ys))
    layout.font_sizes = [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]
    layout.all_text = " ".join(_unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    return layout


def slide_px(layout: SimpleNamespace) -> float:
    """The smallest text, in px, when the drawing is fitted to a 1920×1080 slide."""
    scale = min(1920 / layout.width, 1080 / layout.height)
    return min(layout.font_sizes) * scale


def _unescape(text: str) -> str:
    return text.replace("&#45;", "-").replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", '"').replace("&amp;", "&")
