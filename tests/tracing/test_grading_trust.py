"""check_worksheet() an autograder can trust (issue 20): blank is incomplete, strict precision with a
figure count, keys that grade correct, a record of the source, given columns as handed out, readable rows."""

from __future__ import annotations

import json
import re

import pytest
from graph_fixtures import hand_mazur

from autograd_mini import Value
from autograd_mini.expr import parse_expression
from autograd_mini.tracing.grading import check_worksheet
from autograd_mini.tracing.worksheet import BLANK, read_record, worksheet


def fill(exercise: str, answers: dict[str, str], column: int = 6) -> str:
    """Write ``answers`` (row name -> text) into ``exercise``'s cells of ``column`` (6 the gradient, 5 the data)."""
    out = []
    for line in exercise.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) == 7 and cells[1] in answers:
            cells[column] = answers[cells[1]] + (" |" if column == 6 else "")
        out.append(" | ".join(cells))
    return "\n".join(out)


def statuses(result) -> dict[str, str]:
    return {r.name: r.status for r in result.rows}


# ---------------------------------------------------------------------- completeness
def test_a_blank_sheet_is_incomplete_and_exits_1_unless_blanks_are_allowed():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="grads")
    result = check_worksheet(g.E_total, sheet.exercise)
    assert result.status == "incomplete" and result.exit_code == 1
    assert (result.score, result.max_score, len(result.blank)) == (0, 31, 31)
    allowed = check_worksheet(g.E_total, sheet.exercise, allow_blank=True)
    assert allowed.status == "incomplete" and allowed.exit_code == 0 and "left blank (allowed)" in allowed.text()
    one_wrong = fill(sheet.exercise, {"w5": "0.0823"})
    assert check_worksheet(g.E_total, one_wrong, allow_blank=True).status == "wrong"  # wrong beats blank
    assert check_worksheet(g.E_total, one_wrong, allow_blank=True).exit_code == 1


@pytest.mark.parametrize("bad, error", [("yes", TypeError), (1, TypeError)])
def test_allow_blank_must_be_a_bool(bad, error):
    g = hand_mazur()
    with pytest.raises(error, match="check_worksheet: allow_blank"):
        check_worksheet(g.E_total, worksheet(g.E_total).answer_key, allow_blank=bad)


def test_sig_figs_is_checked():
    g = hand_mazur()
    key = worksheet(g.E_total).answer_key
    with pytest.raises(ValueError, match="check_worksheet: sig_figs"):
        check_worksheet(g.E_total, key, sig_figs=-1)
    with pytest.raises(TypeError, match="check_worksheet: sig_figs"):
        check_worksheet(g.E_total, key, sig_figs=2.5)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- precision
def test_the_issue_examples_zero_point_zero_zero_zero_and_a_sheet_of_zeros():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="grads")
    w3 = check_worksheet(g.E_total, fill(sheet.exercise, {"w3": "0.000"}), allow_blank=True)  # ∂E/∂w3 = 0.000497713
    assert statuses(w3)["w3"] == "imprecise" and w3.exit_code == 1 and w3.status == "wrong"
    message = next(r["message"] for r in w3.reports() if r["node"] == "w3")
    assert "carries 0 significant figures; write at least 3" in message
    zeros = check_worksheet(g.E_total, fill(sheet.exercise, {r.name: "0" for r in sheet.rows}))
    assert zeros.score == 0 and zeros.status == "wrong"  # the two exact 0.5 rows are on the boundary: wrong
    assert statuses(zeros)["(0.01 - out_o1)**2"] == "wrong"


@pytest.mark.parametrize(
    "row, written, status",
    [
        ("w5", "0.0822", "correct"),  # 0.0821670406: 3 figures, within 0.00005
        ("w5", "0.08", "imprecise"),  # within 0.005, 1 figure
        ("w5", "0.0821670406", "correct"),
        ("w5", "0.082167", "correct"),
        ("w5", "0.082168", "wrong"),  # outside ± 5e-7
        ("w5", "8.22e-2", "correct"),
        ("w5", "−0.0822", "wrong"),
        ("w3", "0.0005", "imprecise"),  # 0.000497713
        ("w3", "0.000498", "correct"),
        ("w3", "4.98e-4", "correct"),
        ("E_total", "1", "correct"),  # exact: may be written short
        ("E_total", "1.00", "correct"),
        ("E_total", "0.99", "wrong"),
        ("(0.01 - out_o1)**2", "0.5", "correct"),  # exactly 0.5
        ("(0.01 - out_o1)**2", "0", "wrong"),  # |0 − 0.5| is half a unit: not strictly less
        ("(0.01 - out_o1)**2", "1", "wrong"),
        ("w5", "nan", "wrong"),
        ("w5", "inf", "wrong"),
        ("w5", "1e999", "wrong"),
    ],
)
def test_precision_rule(row, written, status):
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="grads")
    result = check_worksheet(g.E_total, fill(sheet.exercise, {row: written}), allow_blank=True)
    assert statuses(result)[row] == status


def test_sig_figs_zero_drops_the_count_but_stays_strict_and_more_figures_can_be_asked():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="grads")
    text = fill(sheet.exercise, {"w3": "0.000", "w5": "0.08", "(0.01 - out_o1)**2": "0"})
    result = statuses(check_worksheet(g.E_total, text, sig_figs=0, allow_blank=True))
    assert result["w3"] == result["w5"] == "correct" and result["(0.01 - out_o1)**2"] == "wrong"
    six = statuses(check_worksheet(g.E_total, fill(sheet.exercise, {"w5": "0.0822", "w6": "0.0826676"}), sig_figs=6, allow_blank=True))
    assert six["w5"] == "imprecise" and six["w6"] == "correct"


def test_exact_means_equal_as_floats_up_to_a_few_ulps():
    a = Value(0.49999999999999983, "a")
    b = Value(2.0, "b")
    y = a * b
    y.label = "y"
    y.backward()
    sheet = worksheet(y, blank="grads")
    result = check_worksheet(y, fill(sheet.exercise, {"b": "0.5", "a": "2", "y": "1"}))
    assert statuses(result) == {"a": "correct", "b": "correct", "y": "correct"} and result.exit_code == 0
    off = check_worksheet(y, fill(sheet.exercise, {"b": "0.50001", "a": "2", "y": "1"}))
    assert statuses(off)["b"] == "wrong"  # 0.50001 is not 0.4999…83 (and not within ± 5e-6)


# ---------------------------------------------------------------------- answer keys grade correct
def _grades_correct(root: Value, **kwargs) -> None:
    for blank in ("grads", "data", "both"):
        sheet = worksheet(root, blank=blank, **kwargs)
        result = check_worksheet(root, sheet.answer_key)
        assert result.status == "correct" and result.exit_code == 0, (blank, [(r.name, r.status) for r in result.rows if r.status != "correct"])
    grads = worksheet(root, blank="grads", **kwargs).answer_key
    assert check_worksheet(root, grads, sig_figs=9).exit_code == 0  # every key gradient carries 9 figures


def test_the_key_of_mazur_grades_correct(mazur_example):
    _, root = mazur_example
    _grades_correct(root)
    _grades_correct(root, number_format="{:.2f}")  # even with a coarse format for the exercise


def test_the_key_of_a_2_4_4_1_network_grades_correct():
    from nn.layers import MLP

    model = MLP(2, [4, 4, 1], seed=0)
    out = model([Value(0.3, "x1"), Value(-0.7, "x2")])
    loss = (out[0] if isinstance(out, list) else out) - 1.0
    loss = loss * loss
    loss.label = "L"
    loss.backward()
    _grades_correct(loss)


def test_the_key_of_tiny_huge_and_tie_gradients_grades_correct():
    root = parse_expression("L = a*b*c + d*h", {"a": 1e-7, "b": 3.3e-3, "c": 7.1, "d": 513 / 1024, "h": 1.234567e20})
    root.backward()
    _grades_correct(root)
    key = worksheet(root, blank="grads").answer_key
    assert "0.5009765625" in key  # ∂L/∂h = 513/1024: to 9 figures it would be a tie; written exactly


# ---------------------------------------------------------------------- the record
def test_both_tables_record_the_source_in_a_comment_a_viewer_hides():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="grads", source={"example": "mazur"})
    for text in (sheet.exercise, sheet.answer_key):
        last = text.splitlines()[-1]
        assert text.splitlines()[-2] == "" and last.startswith("<!-- autograd-mini: ") and last.endswith(" -->")
        assert read_record(text) == {"version": 1, "blank": "grads", "constants": True, "source": {"example": "mazur"}}
    assert read_record(worksheet(g.E_total, blank=["w5", "w1"]).exercise)["blank"] == ["w1", "w5"]
    assert read_record("| # | node |") is None


def test_the_record_cannot_be_closed_by_an_expression_or_a_label():
    evil = "y = a*b -- 1 --> <script>alert(1)</script> &amp;"
    sheet = worksheet(Value(1.0, "y"), source={"expr": evil, "set": ["a=-2", "b=<3>"]})
    last = sheet.exercise.splitlines()[-1]
    assert last.count("-->") == 1 and last.endswith("-->") and last.count("--") == 2 and "<script" not in last and "&" not in last
    assert read_record(sheet.exercise)["source"] == {"expr": evil, "set": ["a=-2", "b=<3>"]}
    body = re.match(r"<!-- autograd-mini: (.*) -->$", last).group(1)
    assert json.loads(body)["source"]["expr"] == evil


@pytest.mark.parametrize("source, error", [
    ("mazur", TypeError), ({"example": "mazur", "graph": "a.py:f"}, ValueError), ({"file": "x"}, ValueError),
    ({"example": 3}, TypeError), ({"graph": "a.py:f", "set": ["a=1"]}, ValueError), ({"expr": "y = a", "set": "a=1"}, TypeError),
])  # fmt: skip
def test_a_bad_source_is_refused(source, error):
    with pytest.raises(error, match="worksheet: "):
        worksheet(Value(1.0, "y"), source=source)


def test_a_damaged_record_is_a_value_error():
    g = hand_mazur()
    text = worksheet(g.E_total, blank="grads").exercise
    for damaged in (text.replace('"version": 1', '"version": 7'), text.replace('"blank": "grads"', '"blank": 3'), text.replace("}} -->", "} -->").replace("null}", "null")):
        with pytest.raises(ValueError, match="check_worksheet: the worksheet's record .* is damaged"):
            check_worksheet(g.E_total, damaged)
    result = check_worksheet(g.E_total, text.replace('"grads"', '"both"'))  # a different but valid record is read
    assert result.max_score == 31


def test_edited_given_columns_are_a_value_error_naming_the_rows():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="grads")
    with pytest.raises(ValueError, match=r"given columns were edited: row 12 w5 \(data '0.5'\)"):
        check_worksheet(g.E_total, sheet.exercise.replace("| w5 | parameter |  |  | 0.4 |", "| w5 | parameter |  |  | 0.5 |"))
    with pytest.raises(ValueError, match=r"row 3 w1 \(# '4'\)"):
        check_worksheet(g.E_total, sheet.exercise.replace("| 3 | w1 |", "| 4 | w1 |"))
    with pytest.raises(ValueError, match=r"row 5 b1 \(role 'parameter'\)"):
        check_worksheet(g.E_total, sheet.exercise.replace("| b1 | parameter (frozen) |", "| b1 | parameter |"))
    with pytest.raises(ValueError, match=r"row 1 i1 \(data ''\)"):
        check_worksheet(g.E_total, sheet.exercise.replace("| i1 | input |  |  | 0.05 |", "| i1 | input |  |  |  |"))
    with pytest.raises(ValueError, match="missing rows: w5"):
        check_worksheet(g.E_total, sheet.exercise.replace("| w5 |", "| w55 |"))
    ok = sheet.exercise.replace("| i1 | input |  |  | 0.05 |", "| i1 | input |  |  | 0.050 |")
    assert check_worksheet(g.E_total, ok, allow_blank=True).exit_code == 0  # the same number, rewritten
    data = worksheet(g.E_total, blank="data")  # the given gradients of a forward-pass exercise
    with pytest.raises(ValueError, match=r"row 12 w5 \(gradient '0.5'\)"):
        check_worksheet(g.E_total, data.exercise.replace("| 0.4 | 0.082167041 |", "| 0.4 | 0.5 |"))


def test_a_forward_pass_sheet_grades_the_values_only():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="data")
    result = check_worksheet(g.E_total, fill(sheet.exercise, {"net_o1": "1.2", "out_o1": "0.7514"}, column=5))
    assert result.max_score == len([r for r in sheet.rows if r.blank_data])
    rows = {r["node"]: r for r in result.reports()}
    assert rows["net_o1"]["status"] == "wrong" and rows["net_o1"]["written"] == "1.2" and rows["net_o1"]["expected"] == pytest.approx(1.105905967)
    assert rows["out_o1"]["status"] == "correct" and "w5" not in rows  # a leaf: nothing to fill in


# ---------------------------------------------------------------------- rows
def _names(root: Value) -> list[str]:
    return [r.name for r in worksheet(root).rows]


def test_unnamed_nodes_are_named_readably_and_never_like_another_row():
    root = parse_expression("y = x*x + 3*x + w1*x1", {"x": 2.0, "w1": 3.0, "x1": 4.0})
    root.backward()
    sheet = worksheet(root)
    names = [r.name for r in sheet.rows]
    assert "w1*x1" in names and "x*x" in names and "x*x + x*3" in names and "3" in names
    assert not any(re.search(r"#\d", n) for n in names)
    for line in sheet.answer_key.splitlines()[2:-2]:
        assert not re.search(r"#\d", line)
    assert [line.split(" | ")[0] for line in sheet.answer_key.splitlines()[2:-2]] == [f"| {k}" for k in range(1, len(names) + 1)]


def test_names_by_row_are_the_rows_own_and_stable_across_regenerations():
    def build() -> Value:
        x = Value(0.5, "x")
        y = x
        for _ in range(12):
            y = y * 1.0001 + 0.001
        y.label = "y"
        return y

    first, second = worksheet(build()), worksheet(build())
    assert first.answer_key == second.answer_key and [r.name for r in first.rows] == [r.name for r in second.rows]
    for r in first.rows:
        assert len(r.name) <= 45
        for own in re.findall(r"\(row (\d+)\)$", r.name) + re.findall(r"^row (\d+)$", r.name):
            assert int(own) == r.number, r.name  # a name by row is the row's own number
    assert len({r.name for r in first.rows}) == len(first.rows)
    assert check_worksheet(build(), first.answer_key).exit_code == 0
    no_constants = worksheet(build(), constants=False)  # other row numbers, still its own
    for r in no_constants.rows:
        for own in re.findall(r"^row (\d+)$", r.name):
            assert int(own) == r.number
    assert check_worksheet(build(), no_constants.answer_key).exit_code == 0


def test_a_large_graph_names_its_unnamed_nodes_by_row():
    x = Value(0.5, "x")
    y = x
    for _ in range(3000):
        y = y * 1.0001 + 0.001
    sheet = worksheet(y)
    assert all(r.name == "x" or r.name == f"row {r.number}" for r in sheet.rows)


def test_blank_cells_of_the_record_and_em_spaces_still_read():
    g = hand_mazur()
    sheet = worksheet(g.E_total, blank="both")
    assert BLANK in sheet.exercise
    assert check_worksheet(g.E_total, sheet.exercise).max_score == 31
