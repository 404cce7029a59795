"""tape(): backward() replayed step by step, in the engine's order, with the engine's numbers."""

from __future__ import annotations

import pytest
from graph_fixtures import assert_published, hand_mazur, square

from autograd_mini import Value, topological_order
from autograd_mini.tracing.tape import tape


def test_steps_follow_the_engines_order_and_reproduce_every_grad_exactly(mazur_graph):
    g = mazur_graph
    t = tape(g.E_total)
    order = topological_order(g.E_total)
    assert [s.node for s in t.steps] == list(reversed(order))
    assert [s.step for s in t.steps] == list(range(1, len(order) + 1))
    for node in order:  # same float operations in the same order: bit-identical
        assert t.grad_of(node) == node.grad
    assert t.mismatches == []
    assert "note:" not in t.text()


def test_the_mazur_steps_show_the_posts_deltas_and_contributions(mazur_graph):
    g = mazur_graph
    t = tape(g.E_total)
    step = {s.name: s for s in t.steps}
    net_o1 = step["net_o1"]
    assert net_o1.op == "dot"
    assert_published(net_o1.grad, "0.138498562")  # δ_o1 = ∂E_total/∂net_o1
    to = {c.name: c for c in net_o1.contributions}
    assert_published(to["w5"].local, "0.593269992")
    assert_published(to["w5"].amount, "0.082167041")
    assert_published(to["out_h1"].local, "0.40")
    assert_published(to["out_h1"].amount, "0.055399425")
    # net_o2 comes first in the engine's order, so out_h1's running total is complete after net_o1
    assert t.steps.index(step["net_o2"]) < t.steps.index(net_o1)
    assert to["out_h1"].total_after == g.out_h1.grad
    assert_published(to["out_h1"].total_after, "0.036350306")
    w1 = {c.name: c for c in step["net_h1"].contributions}["w1"]
    assert_published(w1.amount, "0.000438568")
    text = t.text()
    # issue 14: infix maths, δ named, local derivatives with their rule
    assert "net_o1 = w5·out_h1 + w6·out_h2 + b2  δ_o1 = ∂E_total/∂net_o1 = 0.138498562" in text
    assert "E_total = E_o1 + E_o2  ∂E_total/∂E_total = 1" in text
    assert "→ w5: local ∂net_o1/∂w5 = out_h1 = 0.593269992; adds 0.593269992 × 0.138498562 = 0.082167041; w5.grad = 0.082167041" in text


def test_a_repeated_input_gets_one_contribution_per_edge():
    x, y = square()
    (step,) = [s for s in tape(y).steps if s.node is y]
    assert [(c.position, c.local, c.amount, c.total_after) for c in step.contributions] == [(0, 3.0, 3.0, 3.0), (1, 3.0, 3.0, 6.0)]


def test_a_node_with_zero_grad_is_skipped_as_the_engine_skips_it():
    x = Value(-2.0, "x", role="input")
    h = x.relu()  # relu at a negative input: its local derivative is 0, so x gets nothing
    h.label = "h"
    w = Value(0.5, "w", role="parameter")
    y = h * w + w
    y.label = "y"
    y.backward()
    t = tape(y)
    (relu_step,) = [s for s in t.steps if s.node is h]
    assert relu_step.grad == 0.5 and not relu_step.skipped
    times = [s for s in t.steps if s.op == "*"][0]
    assert times.grad == 1.0
    zero = Value(0.0, "z") * Value(1.0, "u")
    zero.label = "zero"
    k = zero.relu()  # relu'(0) = 0: `zero` gets grad 0 and passes nothing on
    k.label = "k"
    k.backward()
    tz = tape(k)
    (skipped,) = [s for s in tz.steps if s.node is zero]
    assert skipped.skipped and all(c.amount == 0.0 for c in skipped.contributions)
    assert "grad is 0: skipped" in tz.text()
    assert tz.mismatches == []


def test_mismatches_before_backward_and_after_two_backwards():
    g = hand_mazur(backward=False)
    t = tape(g.E_total)
    assert t.mismatches and "note:" in t.text()
    assert_published(t.grad_of(g.w5), "0.082167041")  # the replay needs no backward()
    assert g.w5.grad == 0.0  # and the graph was only read
    g.E_total.backward()
    assert tape(g.E_total).mismatches == []


def test_options_leaves_seed_markdown(mazur_graph):
    g = mazur_graph
    no_leaves = tape(g.E_total, leaves=False)
    assert all(s.node.children for s in no_leaves.steps)
    assert len(no_leaves.steps) == sum(1 for n in topological_order(g.E_total) if n.children)
    doubled = tape(g.E_total, seed=2.0)
    assert doubled.grad_of(g.w5) == pytest.approx(2 * g.w5.grad)
    md = tape(g.E_total).markdown()
    lines = md.splitlines()
    assert lines[0].startswith("| step | node | op | grad in | input |")
    contributions = sum(len(n.children) for n in topological_order(g.E_total))
    leaves = sum(1 for n in topological_order(g.E_total) if not n.children)
    assert len(lines) == 2 + contributions + leaves
    assert "| w5 | $\\mathrm{out}_{h1}$ = 0.593269992 | 0.082167041 | 0.082167041 |" in md
    with pytest.raises(TypeError, match="tape: root must be a Value"):
        tape("E_total")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not in the graph"):
        tape(g.E_total).grad_of(Value(1.0))


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(seed=float("nan")), ValueError, "tape: seed must be a finite number"),
        (dict(seed=float("inf")), ValueError, "tape: seed must be a finite number"),
        (dict(seed="1"), TypeError, "tape: seed must be a real number"),
        (dict(seed=10**400), ValueError, "tape: seed .* too large"),
        (dict(leaves=1), TypeError, "tape: leaves must be True or False"),
        (dict(number_format="{0.real.foo}"), ValueError, "tape: number_format"),
        (dict(number_format=round), TypeError, "tape: number_format must return a str"),
    ],
)
def test_bad_arguments_are_refused_and_the_graph_is_untouched(kwargs, error, words, mazur_graph):
    g = mazur_graph
    before = [n.grad for n in topological_order(g.E_total)]
    with pytest.raises(error, match=words):
        tape(g.E_total, **kwargs)
    assert [n.grad for n in topological_order(g.E_total)] == before
    with pytest.raises(TypeError, match="Tape.grad_of: node must be a Value"):
        tape(g.E_total).grad_of("w5")  # type: ignore[arg-type]


def test_infix_formulas_and_rules_for_every_op():
    x = Value(2.0, "x", role="input")
    w = Value(0.5, "w", role="parameter")
    a = (x * w).tanh()
    a.label = "a"
    b = (x / w) - (-x)
    b.label = "b"
    c = (x**3).log() + x.exp() + x.sqrt() + (x - 5.0).relu() + 2.0**x + x**w
    c.label = "c"
    y = a + b + c
    y.label = "y"
    steps = {s.name: s for s in tape(y).steps}
    assert steps["a"].formula.startswith("tanh(") and steps["y"].formula.endswith(" + c")
    (ca,) = steps["a"].contributions
    assert steps["a"].rule(ca) == "1 − a²"
    text = tape(y).text()
    assert "∂a/∂" in text and "1 − a² = " in text
    md = tape(y).markdown()
    assert r"1 - {a}^{2}" in md and "$" in md
    assert tape(y)._repr_markdown_() == md


def test_the_mazur_tape_names_delta_and_reads_as_the_post(mazur_graph):
    g = mazur_graph
    t = tape(g.E_total)
    step = {s.name: s for s in t.steps}
    assert step["net_o1"].neuron == "o1" and step["out_o1"].neuron is None
    assert step["net_o1"].formula == "w5·out_h1 + w6·out_h2 + b2"
    assert step["out_o1"].formula == "σ(net_o1)"
    (c,) = step["out_o1"].contributions
    assert step["out_o1"].rule(c) == "out_o1(1 − out_o1)"
    assert_published(c.local, "0.186815602")
    md = t.markdown()
    assert r"$\delta_{o1}$ = 0.138498562" in md
    assert r"\mathrm{net}_{o1} = w_{5} \cdot \mathrm{out}_{h1} + w_{6} \cdot \mathrm{out}_{h2} + b_{2}" in md


def test_the_fast_text_of_binary_ops_equals_the_maths_tree(mazur_example):
    from autograd_mini.graph import post_format
    from autograd_mini.tracing import maths as m
    from autograd_mini.tracing.tape import _binary

    _, nn_root = mazur_example
    x = Value(-2.0, "x")
    y = (x * -3.0) - (x + Value(1.0, "a b")) * x
    y.label = "y"
    chain = x
    for _ in range(5):
        chain = chain * 1.0001 + 0.001
    checked = 0
    for root in (hand_mazur().E_total, nn_root, y, chain):
        for s in tape(root).steps:
            fast = _binary(s, post_format)
            if fast is None:
                continue
            checked += 1
            assert fast[0] == m.text(s._formula(), post_format)
            for c, said in zip(s.contributions, fast[1]):
                rule = s._rule(c)
                assert said == ("" if rule is None or rule[0] == "num" else m.text(rule, post_format) + " = ")
    assert checked > 15


def test_steps_behave_as_a_tuple_and_keep_their_identity(mazur_graph):
    g = mazur_graph
    t = tape(g.E_total)
    first = t.steps[0]
    assert t.steps[0] is first and t.steps[-1] is t.steps[len(t.steps) - 1]
    assert t.steps[:2] == (t.steps[0], t.steps[1]) and list(t.steps)[2] is t.steps[2]
    assert t.steps == tuple(t.steps) and t.steps.index(first) == 0 and first in t.steps
    assert t == tape(g.E_total) or t.steps == tape(g.E_total).steps
    with pytest.raises(IndexError):
        t.steps[len(t.steps)]
    assert "TapeStep(step=1" in repr(t.steps)


@pytest.mark.parametrize("backwards", [0, 1, 2])
@pytest.mark.parametrize("leaves", [True, False])
def test_the_tape_answers_freshness_as_graph_mismatches_does(backwards, leaves):
    from autograd_mini.graph import mismatches, replay

    g = hand_mazur(backward=False)
    for _ in range(backwards):
        g.E_total.backward()
    order = topological_order(g.E_total)
    t = tape(g.E_total, leaves=leaves)
    assert t.grads == replay(order, g.E_total)
    stale = mismatches(order, g.E_total)
    assert [s.node for s in t.mismatches] == [n for n in stale if leaves or n.children]
    assert bool(stale) == (backwards != 1)
