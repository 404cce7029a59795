"""draw_dot on a derivative's graph and on sin/cos nodes, rendered by Graphviz as users see it (issue 22)."""

from __future__ import annotations

import re

import pytest
from graph_fixtures import require_dot

from autograd_mini import Value, grad
from autograd_mini.drawing.draw import draw_dot, save


def derivative_graph():
    x = Value(0.5, "x")
    y = x.sin() * x * x
    y.label = "y"
    [dy] = grad(y, [x], create_graph=True)
    dy.label = "dy/dx"
    dy.backward()
    return x, dy


def test_the_source_shows_the_derivatives_ops_and_values():
    x, dy = derivative_graph()
    source = draw_dot(dy).source
    assert "dy/dx" in source and "cos" in source and "sin" in source
    assert f"{dy.data:.4f}"[:5] in source


@pytest.mark.render
def test_rendered_svg_of_a_derivative_graph(tmp_path):
    require_dot()
    x, dy = derivative_graph()
    for view in ("", "slide"):
        drawing = draw_dot(dy, view=view) if view else draw_dot(dy)
        svg = save(drawing, tmp_path / f"d{view}.svg").read_text(encoding="utf-8")
        texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
        assert "dy/dx" in texts and "cos" in texts, view
