"""worksheet(): the nodes as a Markdown table, gradients optionally blank, with an answer key."""

from __future__ import annotations

import pytest

from autograd_mini import Value, topological_order
from autograd_mini.tracing.worksheet import BLANK, worksheet


def _rows(table: str) -> dict[str, list[str]]:
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")][1:]  # without the # column
        rows[cells[0]] = cells
    return rows


def test_answer_key_has_every_node_with_data_and_grad(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total)
    rows = _rows(sheet.answer_key)
    assert len(rows) == len(topological_order(g.E_total))
    assert rows["w5"] == ["w5", "parameter", "", "", "0.4", "0.082167041"]
    assert rows["net_o1"] == ["net_o1", "", "dot", "w5, out_h1, w6, out_h2, b2", "1.105905967", "0.138498562"]
    assert rows["b1"][1] == "parameter (frozen)"
    assert rows["E_total"][1:3] == ["output", "sum"]
    assert sheet.exercise == sheet.answer_key  # nothing blanked unless asked
    assert "| # | node | role | op | inputs | data | ∂E_total/∂node |" in sheet.answer_key


def test_blank_grads_make_an_exercise_and_keep_the_answer_key(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank_grads=True, title="Mazur step 1")
    assert "0.082167041" not in sheet.exercise and "0.593269992" in sheet.exercise
    assert "0.082167041" in sheet.answer_key
    assert all(cells[-1] == BLANK.strip() or cells[-1] == "" for cells in _rows(sheet.exercise.split("\n", 2)[2]).values())
    assert sheet.exercise.startswith("## Mazur step 1") and str(sheet) == sheet.exercise


def test_constants_can_be_left_out_and_labels_are_escaped(mazur_graph):
    g = mazur_graph
    with_constants = _rows(worksheet(g.E_total).answer_key)
    without = _rows(worksheet(g.E_total, constants=False).answer_key)
    assert len(with_constants) - len(without) == 4  # 0.01, 0.99 and ½ twice
    a = Value(1.0, "a|b")
    y = a * 2.0
    y.label = "y"
    table = worksheet(y, number_format="{:.2f}").answer_key
    assert "| a\\|b | " in table and "| 1.00 |" in table
    with pytest.raises(TypeError, match="worksheet: root must be a Value"):
        worksheet(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="number_format"):
        worksheet(y, number_format="{:.2f} {}")
