"""check_worksheet(): a hand-filled worksheet graded at the precision written, with the chain-rule step
where each wrong gradient departs (issue 12)."""

from __future__ import annotations

import pytest

from autograd_mini import Value
from autograd_mini.tracing.grading import WorksheetCheck, check_worksheet
from autograd_mini.tracing.worksheet import BLANK, worksheet


def _fill(exercise: str, answers: dict[str, str], column: int = 6) -> str:
    """Write ``answers`` (row name -> text) into the blank cells of ``exercise``."""
    out = []
    for line in exercise.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) == 7 and cells[1] in answers:
            cells[column] = answers[cells[1]] + (" |" if column == 6 else "")
        out.append(" | ".join(cells))
    return "\n".join(out)


def _answers(sheet, names=None) -> dict[str, str]:
    return {r.name: f"{r.grad:.9f}" for r in sheet.rows if names is None or r.name in names}


def test_a_correct_sheet_at_any_precision_passes(mazur_example):
    _, root = mazur_example
    sheet = worksheet(root, blank="grads")
    filled = _fill(sheet.exercise, {"w5": "0.0822", "w1": "0.00043857", "out_o1": "0.741", "net_o1": "0.138498562"})
    result = check_worksheet(root, filled)
    assert isinstance(result, WorksheetCheck) and result.exit_code == 0
    status = {r.name: r.status for r in result.rows}
    assert status["w5"] == status["w1"] == status["out_o1"] == "correct"
    assert status["w6"] == "blank" and len(result.blank) == len(result.rows) - 4
    assert "4 rows correct, 0 wrong" in result.text()
    assert check_worksheet(root, sheet.answer_key).exit_code == 0 and not check_worksheet(root, sheet.answer_key).blank


def test_precision_is_half_a_unit_in_the_last_written_place(mazur_example):
    _, root = mazur_example
    sheet = worksheet(root, blank="grads")
    # ∂E_total/∂w5 = 0.0821670406: "0.0822" is right (± 0.00005), "0.08217" right, "0.082168" wrong (± 5e-7)
    for written, ok in [("0.0822", True), ("0.08217", True), ("0.082168", False), ("0.08", True), ("0.09", False), ("8.2167e-2", True)]:
        result = check_worksheet(root, _fill(sheet.exercise, {"w5": written}))
        assert (result.exit_code == 0) is ok, written


def test_a_missing_path_is_named_at_the_first_wrong_node_in_backward_order(mazur_example):
    _, root = mazur_example
    sheet = worksheet(root, blank="grads")
    answers = _answers(sheet)
    answers["out_h1"] = "0.055399425"  # only the path through net_o1: forgot net_o2
    answers["net_h1"] = "0.013367921"  # carried: 0.055399425 × 0.241300709
    answers["w1"] = "0.000668396"  # carried again
    result = check_worksheet(root, _fill(sheet.exercise, answers))
    assert result.exit_code == 1
    assert [d.name for d in result.diagnoses] == ["out_h1", "net_h1", "w1"]  # backward order
    text = result.text()
    first = text[text.index("∂E_total/∂out_h1: you wrote") :]
    assert "∂E_total/∂out_h1 = ∂E_total/∂net_o1 × ∂net_o1/∂out_h1 + ∂E_total/∂net_o2 × ∂net_o2/∂out_h1" in first
    assert "= 0.138498562 × 0.4 + (-0.038098237) × 0.5" in first
    assert "∂net_o1/∂out_h1 = w5 = 0.4" in first
    assert "the path through net_o1 alone: the path through net_o2 is missing" in first
    assert "right from your numbers above; the error comes from ∂E_total/∂out_h1" in text
    md = result.markdown()
    assert r"\frac{\partial E_{\mathrm{total}}}{\partial \mathrm{out}_{h1}}" in md and "| wrong |" in md
    assert result._repr_markdown_() == md


@pytest.mark.parametrize(
    "written, words",
    [
        ("-0.082167041", "wrong sign"),
        ("0.138498562", "∂E_total/∂net_o1 itself: multiply it by the local derivative ∂net_o1/∂w5"),
        ("0.5", "check the multiplications"),
        ("abc", "is not a number"),
    ],
)
def test_what_a_wrong_number_matches(mazur_example, written, words):
    _, root = mazur_example
    sheet = worksheet(root, blank="grads")
    result = check_worksheet(root, _fill(sheet.exercise, {"w5": written}))
    assert result.exit_code == 1 and words in result.text()


def test_wrong_forward_values_are_reported_too(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank="data")
    result = check_worksheet(g.E_total, _fill(sheet.exercise, {"out_o1": "0.7514", "net_o1": "1.2"}, column=5))
    status = {r.name: (r.data.status, r.status) for r in result.rows}
    assert status["out_o1"] == ("correct", "correct") and status["net_o1"] == ("wrong", "wrong")
    assert result.exit_code == 1 and "✗ 1.2 (is 1.105905967)" in result.text()


def test_a_sheet_without_constants_and_one_with_a_title_are_read(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank="grads", constants=False, title="Mazur, step 1")
    assert check_worksheet(g.E_total, "Name: Ada\n\n" + sheet.answer_key + "\n\nsigned").exit_code == 0


def test_not_a_worksheet_or_another_graph_is_a_value_error(mazur_graph):
    g = mazur_graph
    with pytest.raises(ValueError, match="check_worksheet: no worksheet table"):
        check_worksheet(g.E_total, "just some notes")
    x = Value(1.0, "x")
    y = x * 2.0
    y.label = "y"
    with pytest.raises(ValueError, match="check_worksheet: the worksheet's rows do not match the graph of y: missing rows: .*rows not in the graph: 'i1'"):
        check_worksheet(y, worksheet(g.E_total).exercise)
    sheet = worksheet(g.E_total).exercise
    lines = sheet.splitlines()
    swapped = "\n".join(lines[:2] + [lines[3], lines[2]] + lines[4:])
    with pytest.raises(ValueError, match="rows reordered"):
        check_worksheet(g.E_total, swapped)
    with pytest.raises(ValueError, match="has 6 cells, not 7"):
        check_worksheet(g.E_total, sheet.replace("| 1 | i1 | input |", "| 1 | i1 |", 1))
    with pytest.raises(ValueError, match="rows do not match the graph: #6 net_h1"):
        check_worksheet(g.E_total, sheet.replace("| w1, i1, w2, i2, b1 |", "| w1, i1 |", 1))
    with pytest.raises(ValueError, match="no rows"):
        check_worksheet(g.E_total, "\n".join(lines[:2]))


@pytest.mark.parametrize("root, text, error, words", [
    (None, "", TypeError, "check_worksheet: root must be a Value"),
    (Value(1.0), None, TypeError, "check_worksheet: text must be a str"),
    (Value(1.0), b"| # |", TypeError, "check_worksheet: text must be a str"),
])  # fmt: skip
def test_bad_types(root, text, error, words):
    with pytest.raises(error, match=words):
        check_worksheet(root, text)


def test_blank_cells_of_em_spaces_count_as_blank(mazur_graph):
    g = mazur_graph
    sheet = worksheet(g.E_total, blank="both")
    assert BLANK in sheet.exercise
    result = check_worksheet(g.E_total, sheet.exercise)
    assert result.exit_code == 0 and result.blank and not result.wrong


def test_rounding_too_early_is_named(mazur_example):
    _, root = mazur_example
    sheet = worksheet(root, blank="grads")
    # δ_o1 written as 0.14 (right at 2 decimals), then w5 = 0.14 × 0.593269992 = 0.083057799 written at 9 decimals
    result = check_worksheet(root, _fill(sheet.exercise, {"net_o1": "0.14", "w5": "0.083057799"}))
    assert result.exit_code == 1 and "carry more digits" in result.text()
