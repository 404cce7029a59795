"""explain(): linear walks, exact sums, number formats checked at the boundary, enumeration guards (issue 9)."""

from __future__ import annotations

import math

import pytest

from autograd_mini import Value, sum_values
from autograd_mini.tracing.explain import MAX_LISTED, count_paths, explain


def _chain(n: int) -> tuple[Value, Value]:
    x = Value(0.5, "x")
    y = x
    for _ in range(n):
        y = y * 1.0001 + 0.001
    y.label = "y"
    y.backward()
    return x, y


@pytest.mark.slow
def test_a_long_chain_is_explained_without_recursion_and_matches_backward():
    x, y = _chain(50_000)  # 200,000 nodes, one path of 100,000 edges
    result = explain(y, x)
    assert result.path_count == 1 and len(result.paths[0].edges) == 100_000
    assert result.total == pytest.approx(x.grad, rel=1e-12)
    assert result.grad_status == "agrees"
    assert result.text().splitlines()[0].endswith(f"= {result.fmt(result.total)}")
    first, second = result.paths[0].edges[:2]
    assert first.parent is y and second.parent is first.child  # parent pointers rebuilt in order


@pytest.mark.parametrize("x0", [1.0, 0.7, 3.0, -1.3])
def test_printed_totals_are_the_exact_sum_and_no_note_blames_the_user(x0):
    x = Value(x0, "x")
    y = sum_values([x * 1e-3, x * 1e8, x * -1e8], "y")
    y.backward()
    result = explain(y, x)
    exact = math.fsum(p.product for p in result.paths)
    assert result.total == exact == math.fsum([x0 * 0 + 1e-3, 1e8, -1e8])
    text = result.text()
    assert f"= {result.fmt(exact)}" in text.splitlines()[-1] or f"= {result.fmt(exact)}" in text
    assert "zero_grad" not in text and "call y.backward()" not in text  # the engine is not wrong, nor the user
    assert result.matches_grad
    if result.grad != exact:
        assert result.grad_status == "rounding" and "rounding" in text


def test_the_note_still_blames_a_stale_grad(mazur_graph):
    g = mazur_graph
    g.E_total.backward()  # twice: w5.grad doubled
    result = explain(g.E_total, "w5")
    assert result.grad_status == "stale" and "zero_grad()" in result.text()


@pytest.mark.parametrize(
    "spec, error, words",
    [
        ("{0.real.foo}", ValueError, "explain: number_format '{0.real.foo}' is not a format string"),
        ("{0[0]}", ValueError, "explain: number_format"),
        ("{}{}", ValueError, "explain: number_format"),
        ("{x}", ValueError, "explain: number_format"),
        ("{:d}", ValueError, "explain: number_format"),
        ("", ValueError, "empty string"),
        (round, TypeError, "explain: number_format must return a str, but round"),
        (lambda v: v, TypeError, "explain: number_format must return a str"),
        (lambda v: 1 / 0, ValueError, "explain: number_format <lambda> failed"),
        (5, TypeError, "explain: number_format must be a format string"),
        (b"{:.2f}", TypeError, "explain: number_format must be a format string"),
    ],
)
def test_a_bad_number_format_is_refused_at_the_boundary(spec, error, words, mazur_graph):
    g = mazur_graph
    with pytest.raises(error, match=words.replace("(", r"\(").replace("[", r"\[").replace("{", r"\{").replace("}", r"\}")):
        explain(g.E_total, "w5", number_format=spec)


def test_a_callable_that_returns_a_str_only_sometimes_is_refused_when_it_does_not(mazur_graph):
    g = mazur_graph
    result = explain(g.E_total, "w5", number_format=lambda v: f"{v:.3f}" if v < 0.5 else v)
    with pytest.raises(TypeError, match="number_format must return a str"):
        result.text()


def test_good_number_formats(mazur_graph):
    g = mazur_graph
    assert "0.0822" in explain(g.E_total, "w5", number_format="{:.4f}").text()
    assert "0.082" in explain(g.E_total, "w5", number_format=lambda v: f"{v:.3f}").text()


def _lattice(depth: int) -> tuple[Value, Value]:
    z = Value(1.0, "z")
    w = z
    for _ in range(depth):
        w = w * 1.0 + w * 1.0  # two paths per level
    w.label = "L"
    w.backward()
    return z, w


def test_an_astronomical_number_of_paths_is_never_offered_for_listing():
    z, w = _lattice(500)
    assert count_paths(w, z) == 2**500
    result = explain(w, z)
    text = result.text()
    assert not result.listed and "about 3.27e+150 paths" in text
    assert "too many to list" in text and "intermediate node" in text
    assert "max_paths=3273" not in text and "max_paths=" + str(2**500)[:10] not in text
    assert "3.27" in result.markdown()


def test_a_listable_count_is_offered_and_an_intermediate_node_is_named():
    z, w = _lattice(8)  # 256 paths
    text = explain(w, z).text()
    assert "list them with explain(..., max_paths=256)" in text
    z, w = _lattice(20)
    w.children[0].label = "h"  # a labelled intermediate node near the root: 2 paths to L
    text = explain(w, z).text()
    assert "too many to list" in text and "explain(L, 'h')" in text


def test_max_paths_is_capped():
    z, w = _lattice(3)
    assert explain(w, z, max_paths=MAX_LISTED).listed
    with pytest.raises(ValueError, match="explain: max_paths must be between 1 and 10,000, got 10,001"):
        explain(w, z, max_paths=MAX_LISTED + 1)
    with pytest.raises(ValueError, match="explain: max_paths"):
        explain(w, z, max_paths=10**100)
    with pytest.raises(TypeError, match="explain: max_paths must be a whole number"):
        explain(w, z, max_paths=2.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="explain: max_paths"):
        explain(w, z, max_paths=True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(root=0.5), TypeError, "explain: root must be a Value"),
        (dict(root=None), TypeError, "explain: root must be a Value"),
        (dict(wrt=3), TypeError, "explain: wrt must be a Value or a node's label"),
        (dict(wrt=None), TypeError, "explain: wrt must be a Value or a node's label"),
        (dict(wrt="w9"), ValueError, "explain: wrt: no node labelled 'w9'"),
        (dict(wrt="x" * 10_000), ValueError, "explain: wrt: no node labelled"),
        (dict(fold="sometimes"), ValueError, "explain: fold must be one of"),
        (dict(fold=3), TypeError, "explain: fold must be one of"),
        (dict(lr=float("nan")), ValueError, "explain: lr must be a finite number"),
        (dict(lr=float("inf")), ValueError, "explain: lr must be a finite number"),
        (dict(lr=-0.5), ValueError, "explain: lr must be a positive number"),
        (dict(lr="0.5"), TypeError, "explain: lr must be a real number"),
        (dict(lr=True), TypeError, "explain: lr must be a real number"),
    ],
)
def test_bad_arguments(kwargs, error, words, mazur_graph):
    g = mazur_graph
    args = dict(root=g.E_total, wrt="w5")
    args.update(kwargs)
    root, wrt = args.pop("root"), args.pop("wrt")
    with pytest.raises(error, match=words) as info:
        explain(root, wrt, **args)
    assert len(str(info.value)) < 600  # a 10,000-character label is cut, not echoed
    assert g.w5.grad != 0.0  # nothing written


def test_count_paths_validates_too():
    with pytest.raises(TypeError, match="count_paths: root must be a Value"):
        count_paths("E", "w5")  # type: ignore[arg-type]


def test_huge_and_tiny_magnitudes_are_printed_not_lost():
    x = Value(1e-300, "x")
    y = x * 1e300
    y.label = "y"
    y.backward()
    assert "1e+300" in explain(y, x).text() or "1e300" in explain(y, x).text()
    big = Value(1e200, "b")
    z = big * 1e100
    z.label = "z"
    z.backward()
    assert explain(z, big).total == 1e100


def test_engine_rounding_gets_a_neutral_note_with_the_exact_total():
    x = Value(1.0, "x")
    y = sum_values([x * 1e8 + x * 1e-3, x * -1e8], "y")  # backward adds 1e8 + 1e-3 first: rounding
    y.backward()
    result = explain(y, x)
    assert result.grad != 0.001 and result.grad == result.engine_total
    assert result.total == math.fsum([1e8, 1e-3, -1e8]) == 0.001
    assert result.grad_status == "rounding" and result.matches_grad
    text = result.text()
    assert "= 0.001\n" in text or text.splitlines()[-2].endswith("= 0.001")
    assert "rounding alone" in text and "zero_grad" not in text
    assert "rounding alone" in result.markdown()
