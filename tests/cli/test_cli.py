"""python -m autograd_mini on the bundled Mazur example: draw, explain, tape, worksheet, examples."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from cli_helpers import ROOT, run, total
from graph_fixtures import require_dot


def test_explain_w5_prints_the_posts_line(capsys):
    code, out, _ = run(capsys, "explain", "w5")
    assert code == 0
    assert out.startswith(
        "∂E_total/∂w5 = ∂E_total/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5"
        " = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041\n"
    )


def test_explain_w1_markdown_fold_and_expand(capsys):
    code, out, _ = run(capsys, "explain", "w1")
    assert code == 0 and "sums 2 paths" in out and "= 0.036350306 × 0.241300709 × 0.05 = 0.000438568" in out
    code, out, _ = run(capsys, "explain", "w1", "--markdown")
    assert code == 0 and r"\frac{\partial E_{\mathrm{total}}}{\partial w_{1}}" in out
    code, out, _ = run(capsys, "explain", "w5", "--fold", "labels")
    assert "∂E_total/∂E_o1 × " in out
    code, out, _ = run(capsys, "--decimals", "4", "explain", "w5", "--expand")
    assert out.startswith("∂E_total/∂w5 = ") and "= 0.0822" in out and "folded factors, edge by edge:" in out


def test_unknown_names_and_options_are_usage_errors(capsys):
    code, _, err = run(capsys, "explain", "w9")
    assert code == 2 and "no node named 'w9'" in err and "parameters: b1, b2, w1, w2" in err and "out_h1" in err
    code, _, err = run(capsys, "draw", "--highlight", "w0")
    assert code == 2 and "--highlight: no node named 'w0'" in err
    code, _, err = run(capsys, "--example", "xor", "tape")
    assert code == 2 and "no example named 'xor'" in err and "mazur, micrograd" in err
    code, _, err = run(capsys, "--decimals", "0", "tape")
    assert code == 2 and "expected a whole number from 1 to 17" in err
    code, _, err = run(capsys)
    assert code == 2 and "required" in err


def test_draw_without_out_prints_the_dot_source_and_dot_files_need_no_graphviz(capsys, tmp_path):
    code, out, _ = run(capsys, "draw", "--clusters", "neurons", "--edge-labels", "local")
    assert code == 0 and out.startswith("digraph E_total {") and 'label="∂ 0.593269992"' in out
    assert "label=h1" in out and "label=\"hidden layer\"" in out
    code, out, _ = run(capsys, "draw", "--out", str(tmp_path / "m.dot"), "--clusters", "none", "--no-legend", "--rankdir", "TB")
    source = (tmp_path / "m.dot").read_text()
    assert code == 0 and f"wrote {tmp_path / 'm.dot'}" in out
    assert "rankdir=TB" in source and "rounded,dashed" not in source and "label=loss" not in source  # no visible box


def test_draw_rejects_unknown_formats_and_creates_missing_folders(capsys, tmp_path):
    code, _, err = run(capsys, "draw", "--out", str(tmp_path / "m.bmp"))
    assert code == 2 and "cannot tell the format" in err and ".svg, .png, .pdf" in err
    code, out, err = run(capsys, "draw", "--out", str(tmp_path / "no" / "such" / "m.dot"))  # as save() does
    assert code == 0 and (tmp_path / "no" / "such" / "m.dot").read_text().startswith("digraph E_total {")
    (tmp_path / "m.svg").mkdir()  # a directory where the file should go
    code, _, err = run(capsys, "draw", "--out", str(tmp_path / "m.svg"))
    if shutil.which("dot"):
        assert code == 2 and "--out:" in err and "directory" in err
    else:
        assert code == 1 and "apt-get install graphviz" in err


def test_draw_without_dot_says_how_to_install_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = run(capsys, "draw", "--out", str(tmp_path / "m.svg"))
    assert code == 1 and "apt-get install graphviz" in err and not (tmp_path / "m.svg").exists()


@pytest.mark.render
def test_draw_renders_an_svg_with_the_published_numbers(capsys, tmp_path):
    require_dot()
    code, out, err = run(capsys, "draw", "--out", str(tmp_path / "mazur.svg"), "--highlight", "w1")
    assert code == 0, err
    svg = (tmp_path / "mazur.svg").read_text(encoding="utf-8")
    assert "0.082167041" in svg and "0.000438568" in svg and "0.298371109" in svg


def test_tape_and_worksheet(capsys, tmp_path):
    code, out, _ = run(capsys, "tape", "--no-leaves")
    assert code == 0 and out.startswith("backward tape of E_total: 15 nodes")
    code, out, _ = run(capsys, "tape", "--markdown")
    assert out.startswith("| step | node | op |")
    key = tmp_path / "key.md"
    code, out, _ = run(capsys, "worksheet", "--blank", "--answers", str(key))
    assert code == 0 and "0.082167041" not in out and "| w5 | parameter |" in out
    assert "| w5 | parameter |  |  | 0.4 | 0.0821670406 |" in key.read_text()  # the key: 9 significant figures
    assert "| target_o1 | constant" in out
    code, out, _ = run(capsys, "worksheet", "--no-constants")
    assert code == 0 and "| target_o1 | constant" not in out and "| w5 | parameter |  |  | 0.4 | 0.082167041 |" in out
    code, _, err = run(capsys, "worksheet", "--out", str(tmp_path / "missing" / "x.md"))
    assert code == 0 and "| w5 | parameter |" in (tmp_path / "missing" / "x.md").read_text()  # folders created, as draw
    (tmp_path / "dir.md").mkdir()
    code, _, err = run(capsys, "worksheet", "--out", str(tmp_path / "dir.md"))
    assert code == 2 and "--out: cannot write" in err and "dir.md" in err


def test_python_dash_m_runs_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "autograd_mini", "explain", "w5"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert total(done.stdout) == "0.082167041"


def test_examples_lists_every_bundled_example_with_source_and_what_it_shows(capsys):
    from autograd_mini.examples import EXAMPLES

    code, out, _ = run(capsys, "examples")
    assert code == 0 and out.startswith(f"{len(EXAMPLES)} bundled worked examples")
    for name, example in EXAMPLES.items():
        assert f"\n{name}: {example.title}\n  shows:  {example.shows}\n  source: {example.source}" in out
    assert "mattmazur.com" in out
    code, _, err = run(capsys, "--expr", "y = 2*x", "--set", "x=1", "examples")
    assert code == 2 and "takes no --expr" in err


def test_every_bundled_example_explains_its_first_published_gradient(capsys):
    from autograd_mini.examples import EXAMPLES

    for name, example in EXAMPLES.items():
        label, printed = next(iter(example.grads.items()))
        code, out, err = run(capsys, "--example", name, "explain", label)
        assert code == 0, err
        assert abs(float(total(out)) - float(printed)) <= 10 ** -min(9, len(printed.split(".")[-1])), (name, label, out)


def test_explain_with_a_learning_rate_ends_with_the_update_step(capsys):
    code, out, _ = run(capsys, "explain", "w5", "--lr", "0.5")
    assert code == 0 and "w5⁺ = w5 − η·∂E_total/∂w5 = 0.4 − 0.5 × 0.082167041 = 0.35891648" in out
    for bad in ("0", "-1", "nan", "inf", "1e999", "fast"):
        code, _, err = run(capsys, "explain", "w5", "--lr", bad)
        assert code == 2 and "argument --lr: expected a positive finite number" in err, bad


def test_draw_slide_view_and_fields(capsys):
    code, out, _ = run(capsys, "draw", "--view", "slide")
    assert code == 0 and out.startswith("digraph E_total {") and "0.0822" in out and "0.082167041" not in out  # 4 decimals
    code, out, _ = run(capsys, "draw", "--view", "slide", "--fields", "data")
    assert code == 0 and "0.0822" not in out and "0.5933" in out  # a forward-pass slide: no gradient anywhere
    code, out, _ = run(capsys, "--decimals", "6", "draw", "--view", "slide")
    assert "0.082167" in out  # --decimals overrides the slide's 4
    code, out, _ = run(capsys, "draw", "--fields", "grad")
    assert code == 0 and "{ w5 | grad 0.082167041 }" in out
    code, out, _ = run(capsys, "draw", "--fields", "data,grad")
    assert code == 0 and "{ w5 | data 0.4 | grad 0.082167041 }" in out
    for bad in ("", "data,data", "value", "data,grad,grad", "DATA"):
        code, _, err = run(capsys, "draw", "--fields", bad)
        assert code == 2 and "argument --fields: expected data,grad or data or grad" in err, bad
    code, _, err = run(capsys, "draw", "--view", "poster")
    assert code == 2 and "invalid choice: 'poster'" in err
