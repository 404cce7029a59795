"""explain, tape and worksheet on a derivative's graph: d²y/dx² of y = x³ at x = 1, traced by hand (issue 22)."""

from __future__ import annotations

from autograd_mini import Value, explain, grad, tape, worksheet
from autograd_mini.testing import assert_published


def first_derivative_of_cube():
    x = Value(1.0, "x")
    y = x * x * x
    y.label = "y"
    [dy] = grad(y, [x], create_graph=True)
    dy.label = "dy/dx"
    return x, dy


def test_explain_the_second_derivative_of_x_cubed_at_one():
    x, dy = first_derivative_of_cube()
    assert_published(dy.data, "3")  # 3x² at 1
    dy.backward()
    assert x.grad == 6.0  # d²y/dx² = 6x
    text = explain(dy, "x").text()
    first = text.splitlines()[0]
    assert first.startswith("∂(dy/dx)/∂x") and "paths from x to dy/dx" in first
    [total] = [line for line in text.splitlines() if line.startswith("∂(dy/dx)/∂x = path 1 + ")]
    assert total.endswith(" = 6")  # d²y/dx² = 6x at x = 1, the sum over the paths of the derivative's graph
    assert "local derivatives:" in text and "∂(dy/dx)/∂x = x = 1" in text


def test_tape_of_a_derivative_graph_shows_its_ops_and_adds_up_to_six():
    x, dy = first_derivative_of_cube()
    dy.backward()
    out = tape(dy).text()
    assert out.startswith("backward tape of dy/dx:")
    assert "x.grad = 6" in out
    assert "x·x" in out  # the derivative graph is made of the engine's own ops: 3x² = x·x + x·x + x·x


def test_worksheet_of_a_derivative_graph():
    x, dy = first_derivative_of_cube()
    dy.backward()
    sheet = str(worksheet(dy))
    assert "| x |  |  |  | 1 | 6 |" in sheet and "| dy/dx | output | dot |" in sheet


def test_explain_through_sin_and_its_derivative():
    x = Value(0.5, "x")
    s = x.sin()
    s.label = "s"
    [ds] = grad(s, [x], create_graph=True)
    ds.label = "ds/dx"
    assert ds.op == "cos"  # ∂sin(x)/∂x = cos(x), a node of the graph
    ds.backward()
    text = explain(ds, "x").text()
    assert "−sin(x)" in text
    assert_published(x.grad, "-0.479425539")  # −sin(0.5)


def test_markdown_states_the_sin_and_cos_rules_in_latex():
    x = Value(0.5, "x")
    s = x.sin()
    s.label = "s"
    y = s.cos()
    y.label = "y"
    y.backward()
    md = explain(y, "x").markdown()
    assert r"\cos\left(" in md and r"-\sin\left(" in md
