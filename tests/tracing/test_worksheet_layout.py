"""worksheet(): layer order, the # column, unique row names, what to blank (issue 14); bad input (issue 9)."""

from __future__ import annotations

import pytest
from graph_fixtures import hand_mazur

from autograd_mini import Value, sum_values, topological_order
from autograd_mini.tracing.worksheet import BLANK, worksheet


def _cells(table: str) -> list[list[str]]:
    out = []
    for line in table.splitlines():
        if line.startswith("| ") and not line.startswith("| # "):
            out.append([c.strip() for c in line.strip().strip("|").split(" | ")])
    return out


def test_mazur_rows_follow_the_network_with_numbers_and_unique_names(mazur_example):
    _, root = mazur_example
    sheet = worksheet(root)
    rows = _cells(sheet.answer_key)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    names = [r[1] for r in rows]
    assert len(set(names)) == len(names) == len(topological_order(root))
    assert names[:11] == ["i1", "i2", "w1", "w2", "b1", "net_h1", "out_h1", "w3", "w4", "net_h2", "out_h2"]
    assert names[11:20] == ["w5", "w6", "b2", "net_o1", "out_o1", "w7", "w8", "net_o2", "out_o2"]
    assert names[-1] == "E_total"
    assert "½ (E_o1)" in names and "½ (E_o2)" in names  # two ½ constants, told apart
    assert names.index("E_o1") > names.index("out_o2")  # the loss comes last
    e_o1 = rows[names.index("E_o1")]
    assert "½ (E_o1)" in e_o1[4]  # inputs use the unique names
    assert [r.name for r in sheet.rows] == names and sheet.root_name == "E_total"


def test_a_2_4_4_1_network_is_listed_layer_by_layer_in_index_order():
    from nn.layers import MLP

    model = MLP(2, [4, 4, 1], seed=0)
    (out,) = model([0.5, -0.2])
    root = sum_values([(out - 1.0) ** 2], "E_total")
    names = [r.name for r in worksheet(root).rows]
    nets = [n for n in names if n.startswith("net_")]
    assert nets == [f"net_h1_{k}" for k in range(1, 5)] + [f"net_h2_{k}" for k in range(1, 5)] + ["net_o1"]
    assert names[:2] == ["i1", "i2"]
    for k in range(1, 5):  # each neuron: its weights, bias, net, out, together
        at = names.index(f"net_h1_{k}")
        assert names[at - 3 : at + 2] == [f"w[i1→h1_{k}]", f"w[i2→h1_{k}]", f"b[h1_{k}]", f"net_h1_{k}", f"out_h1_{k}"]
    assert names.index("out_o1") < names.index("E_total") == len(names) - 1


@pytest.mark.parametrize("blank", ["grads", "data", "both", "none"])
def test_what_to_blank(blank, mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank=blank)
    rows = {r[1]: r for r in _cells(sheet.exercise)}
    key = {r[1]: r for r in _cells(sheet.answer_key)}
    gap = BLANK.strip()
    assert (rows["w5"][6] == gap) == (blank in ("grads", "both"))
    assert (rows["out_o1"][5] == gap) == (blank in ("data", "both"))
    assert rows["w5"][5] == "0.4"  # a given (leaf) value is never blanked
    assert key["out_o1"][5] == "0.75136507" and key["w5"][6] == "0.082167041"


def test_chosen_rows_and_the_old_blank_grads_spelling(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank=["out_o1", "w5"])
    rows = {r[1]: r for r in _cells(sheet.exercise)}
    assert rows["out_o1"][5] == rows["out_o1"][6] == rows["w5"][6] == ""
    assert rows["w5"][5] == "0.4" and rows["out_o2"][5] == "0.772928465"
    assert worksheet(g.E_total, blank_grads=True).exercise == worksheet(g.E_total, blank="grads").exercise


def test_the_answer_key_is_right_even_before_backward():
    g = hand_mazur(backward=False)
    key = {r[1]: r for r in _cells(worksheet(g.E_total).answer_key)}
    assert key["w5"][6] == "0.082167041" and g.w5.grad == 0.0


def test_jupyter_shows_the_exercise_with_a_latex_header(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank="grads")
    md = sheet._repr_markdown_()
    assert r"$\partial E_{\mathrm{total}} / \partial\,\mathrm{node}$" in md and "| w5 |" in md


def test_a_chain_in_forward_order():
    x = Value(0.5, "x")
    y = x
    for _ in range(1000):
        y = y * 1.0001 + 0.001
    y.label = "y"
    rows = worksheet(y).rows
    assert rows[0].name == "x" and rows[-1].name == "y" and len(rows) == 4001


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        (dict(blank="gradients"), ValueError, "worksheet: blank must be one of 'grads', 'data', 'both', 'none'"),
        (dict(blank="w5"), ValueError, r"for one row write blank=\['w5'\]"),
        (dict(blank=["w9"]), ValueError, "worksheet: blank names rows the worksheet does not have: 'w9'"),
        (dict(blank=[5]), TypeError, "worksheet: each name in blank must be a str"),
        (dict(blank=5), TypeError, "worksheet: blank must be"),
        (dict(blank="data", blank_grads=True), ValueError, "worksheet: blank_grads=True .* contradicts blank='data'"),
        (dict(blank_grads=1), TypeError, "worksheet: blank_grads must be True or False"),
        (dict(constants="no"), TypeError, "worksheet: constants must be True or False"),
        (dict(title=3), TypeError, "worksheet: title must be a str"),
        (dict(number_format="{0.real.foo}"), ValueError, "worksheet: number_format"),
        (dict(number_format=lambda v: v), TypeError, "worksheet: number_format must return a str"),
    ],
)
def test_bad_arguments(kwargs, error, words, mazur_graph):
    g = mazur_graph
    with pytest.raises(error, match=words):
        worksheet(g.E_total, **kwargs)
    with pytest.raises(TypeError, match="worksheet: root must be a Value"):
        worksheet("E_total")  # type: ignore[arg-type]
