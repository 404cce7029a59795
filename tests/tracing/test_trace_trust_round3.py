"""Issue 19, defects 2 and 3: a Tape, an explain() result and a worksheet survive pickle and copy.deepcopy
(their state was keyed by id() of nodes, and explain kept a lambda) and still work on the copied graph."""

from __future__ import annotations

import copy
import pickle

import pytest

from autograd_mini import Value, explain, tape, worksheet
from autograd_mini.examples import mazur


def neuron() -> Value:
    w1, x1, w2, x2, b = Value(0.15, "w1"), Value(0.05, "i1"), Value(0.20, "w2"), Value(0.10, "i2"), Value(0.35, "b1")
    net = w1 * x1 + w2 * x2 + b
    net.label = "net_h1"
    out = net.sigmoid()
    out.label = "out_h1"
    E = (out - 0.01) ** 2 * 0.5
    E.label = "E_total"
    E.backward()
    return E


COPIES = {"pickle": lambda x: pickle.loads(pickle.dumps(x)), "deepcopy": copy.deepcopy}
MAKERS = {
    "tape": lambda E: tape(E),
    "tape(leaves=False)": lambda E: tape(E, leaves=False, number_format="{:.4f}"),
    "explain": lambda E: explain(E, "w1"),
    "explain(lr, fold=none)": lambda E: explain(E, "w2", fold="none", lr=0.5),
    "worksheet": lambda E: worksheet(E),
}


@pytest.mark.parametrize("copy_name", COPIES)
@pytest.mark.parametrize("maker_name", MAKERS)
@pytest.mark.parametrize("graph", [neuron, mazur.build], ids=["neuron", "mazur"])
def test_results_survive_pickle_and_deepcopy(graph, maker_name, copy_name):
    original = MAKERS[maker_name](graph())
    copied = COPIES[copy_name](original)
    assert str(copied) == str(original)
    assert copied._repr_markdown_() == original._repr_markdown_()


@pytest.mark.parametrize("copy_name", COPIES)
def test_a_copied_tape_answers_for_the_copied_nodes(copy_name):
    E = neuron()
    t = tape(E)
    c = COPIES[copy_name](t)
    copied_root = c.steps[0].node
    assert copied_root is not E and copied_root.label == "E_total"
    w1 = next(s.node for s in c.steps if s.name == "w1")
    assert c.grad_of(w1) == t.grad_of(next(s.node for s in t.steps if s.name == "w1"))
    assert c.mismatches == [] == t.mismatches
    with pytest.raises(ValueError, match="not in the graph"):
        c.grad_of(next(s.node for s in t.steps if s.name == "w1"))  # the original's node is not the copy's


@pytest.mark.parametrize("copy_name", COPIES)
def test_a_copied_explanation_keeps_its_names_and_rules(copy_name):
    e = explain(neuron(), "w1")
    c = COPIES[copy_name](e)
    edge = c.paths[0].edges[-1]
    assert c.rule(edge) == e.rule(e.paths[0].edges[-1]) is not None
    assert (c.symbol, c.total, c.grad_status) == (e.symbol, e.total, e.grad_status)


@pytest.mark.parametrize("bad, error", [(float("nan"), ValueError), ("abc", TypeError), (float("inf"), ValueError)])
@pytest.mark.parametrize("call", ["tape", "explain", "worksheet", "summary", "draw_dot"])
def test_a_data_changed_to_nan_or_a_str_after_the_graph_was_built_is_named_not_printed(call, bad, error):
    from autograd_mini import draw_dot, summary

    E = neuron()
    w1 = next(n for n in __import__("autograd_mini").topological_order(E) if n.label == "w1")
    w1.data = bad
    run = {"tape": lambda: tape(E), "explain": lambda: explain(E, "w2"), "worksheet": lambda: worksheet(E),
           "summary": lambda: summary(E), "draw_dot": lambda: draw_dot(E)}[call]
    with pytest.raises(error, match=rf"^{call}: the \.data of the node 'w1'"):
        run()
