"""python -m autograd_mini worksheet --blank … and check FILLED.md: exit 0 right, 1 wrong, 2 not a matching worksheet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_helpers import ROOT, run

from autograd_mini.cli.commands import MAX_INPUT_BYTES
from autograd_mini.tracing.worksheet import BLANK


def fill(text: str, answers: dict[str, str]) -> str:
    """Write ``answers`` (row name -> gradient) into the blank gradient cells of an exercise."""
    lines = []
    for line in text.splitlines():
        cells = line.split(" | ")
        if len(cells) == 7 and cells[1] in answers:
            assert cells[6] == BLANK + " |", line
            cells[6] = answers[cells[1]] + " |"
            line = " | ".join(cells)
        lines.append(line)
    return "\n".join(lines) + "\n"


def exercise(capsys, tmp_path: Path, *graph: str) -> tuple[Path, Path]:
    out, key = tmp_path / "exercise.md", tmp_path / "key.md"
    code, _, err = run(capsys, *graph, "worksheet", "--blank", "--answers", str(key), "--out", str(out))
    assert code == 0, err
    return out, key


def test_the_answer_key_and_an_untouched_exercise_pass(capsys, tmp_path):
    ex, key = exercise(capsys, tmp_path)
    code, out, _ = run(capsys, "check", str(key))
    assert code == 0 and out.startswith("worksheet check against E_total: 31 rows correct, 0 wrong, 0 left blank (of 31)")
    code, out, _ = run(capsys, "check", str(ex))
    assert code == 0 and "0 wrong" in out and "left blank" in out


def test_right_numbers_at_their_written_precision_pass_and_a_wrong_one_exits_1_with_the_chain_rule_step(capsys, tmp_path):
    ex, _ = exercise(capsys, tmp_path)
    ex.write_text(fill(ex.read_text(encoding="utf-8"), {"w5": "0.0822", "out_o1": "0.74136507"}), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(ex))
    assert code == 0 and "w5: correct" in out and "✓ 0.0822" in out
    ex.write_text(fill(ex.read_text(encoding="utf-8").replace("0.0822 |", BLANK + " |"), {"w5": "0.0823"}), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(ex))
    assert code == 1 and "w5: wrong" in out and "✗ 0.0823" in out and "chain rule" in out
    code, out, _ = run(capsys, "check", str(ex), "--markdown")
    assert code == 1 and out.startswith("**Worksheet check**") and "| wrong |" in out


def test_check_works_on_an_expression_and_the_real_command_exits_1(capsys, tmp_path):
    graph = ["--expr", "e = a*b; d = e + c; L = d*f", "--set", "a=2", "b=-3", "c=10", "f=-2"]
    ex, _ = exercise(capsys, tmp_path, *graph)
    ex.write_text(fill(ex.read_text(encoding="utf-8"), {"a": "6", "b": "4"}), encoding="utf-8")  # ∂L/∂b = −4: a sign slip
    done = subprocess.run([sys.executable, "-m", "autograd_mini", *graph, "check", str(ex)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "a: correct" in done.stdout and "b: wrong" in done.stdout and "Traceback" not in done.stderr


def test_files_that_are_not_a_matching_worksheet_exit_2(capsys, tmp_path):
    ex, _ = exercise(capsys, tmp_path)
    cases = {
        "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "empty.md": "",
        "other_graph.md": None,  # a worksheet of another graph
        "short.md": "\n".join(ex.read_text(encoding="utf-8").splitlines()[:-3]) + "\n",
    }
    other, _ = exercise(capsys, tmp_path / "other", "--example", "micrograd")
    cases["other_graph.md"] = other.read_text(encoding="utf-8")
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "check", str(path))
        assert code == 2 and out == "" and "autograd-mini check: error: check_worksheet: " in err, (name, err)
    (tmp_path / "latin1.md").write_bytes("| # | node | data é |".encode("latin-1"))
    (tmp_path / "big.md").write_bytes(b"|" * (MAX_INPUT_BYTES + 1))
    (tmp_path / "folder.md").mkdir()
    for name, words in {
        "latin1.md": "is not UTF-8 text",
        "big.md": "is larger than 5,000,000 bytes",
        "folder.md": "check: cannot read",
        "missing.md": "check: cannot read",
    }.items():
        code, _, err = run(capsys, "check", str(tmp_path / name))
        assert code == 2 and "autograd-mini check: error: " in err and words in err, (name, err)
    code, _, err = run(capsys, "check")
    assert code == 2 and "required: FILLED.md" in err


def test_worksheet_blank_choices(capsys):
    code, out, _ = run(capsys, "worksheet", "--blank", "data")
    assert code == 0 and "| 0.4 | 0.082167041 |" in out and "0.75136507" not in out  # inputs and weights stay given
    code, out, _ = run(capsys, "worksheet", "--blank", "both")
    assert code == 0 and "0.082167041" not in out and "0.75136507" not in out and "| 0.4 |" in out
    code, out, _ = run(capsys, "worksheet", "--blank")
    assert code == 0 and "0.082167041" not in out and "0.75136507" in out
    code, out, _ = run(capsys, "worksheet", "--blank-row", "w5", "--blank-row", "out_o1")
    assert code == 0 and "0.082167041" not in out and "0.75136507" not in out and "0.036350306" in out
    code, _, err = run(capsys, "worksheet", "--blank", "weights")
    assert code == 2 and "invalid choice: 'weights'" in err
    code, _, err = run(capsys, "worksheet", "--blank-row", "w9")
    assert code == 2 and "autograd-mini worksheet: error: worksheet: " in err and "w9" in err
    code, _, err = run(capsys, "worksheet", "--blank", "data", "--blank-row", "w5")
    assert code == 2 and "not allowed with argument" in err
