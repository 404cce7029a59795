"""docs/grading.md's autograder recipes, run as written (issue 20): Gradescope's run_autograder, a CI step
reading JUnit, a pytest test with the Python API; and pytest showing assert_figures' table, not its source."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_helpers import ROOT, run

from autograd_mini.tracing.worksheet import BLANK

DOC = ROOT / "docs" / "grading.md"


def blocks(language: str) -> list[str]:
    """The fenced code blocks of docs/grading.md in ``language``."""
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def environment() -> dict[str, str]:
    """A shell whose ``python`` is this interpreter and imports this checkout."""
    return dict(os.environ, PYTHONPATH=str(ROOT), PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture
def sheets(capsys, tmp_path) -> tuple[str, str]:
    """(exercise, answer key) of the default example."""
    ex, key = tmp_path / "ex.md", tmp_path / "key.md"
    code, _, err = run(capsys, "worksheet", "--blank", "--answers", str(key), "--out", str(ex))
    assert code == 0, err
    return ex.read_text(encoding="utf-8"), key.read_text(encoding="utf-8")


def wrong_w5(exercise: str) -> str:
    """The exercise with ∂E_total/∂w5 written as δ_o1 (a forgotten local derivative), the rest blank."""
    return exercise.replace(f"| 0.4 | {BLANK} |", "| 0.4 | 0.138498562 |", 1)


def test_the_gradescope_run_autograder_recipe(sheets, tmp_path):
    script = next(b for b in blocks("bash") if "run_autograder" in b)
    exercise, key = sheets
    autograder = tmp_path / "autograder"
    (autograder / "submission").mkdir(parents=True)
    (autograder / "submission" / "worksheet.md").write_text(key, encoding="utf-8")
    (autograder / "run_autograder").write_text(script, encoding="utf-8")
    env = dict(environment(), AUTOGRADER=str(autograder))
    done = subprocess.run(["bash", str(autograder / "run_autograder")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    results = json.loads((autograder / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == 31 and len(results["tests"]) == 31
    assert all(set(t) == {"name", "score", "max_score", "output", "status"} and t["status"] == "passed" for t in results["tests"])
    (autograder / "submission" / "worksheet.md").write_text(wrong_w5(exercise), encoding="utf-8")
    done = subprocess.run(["bash", str(autograder / "run_autograder")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr  # the script succeeds; the score says the rest
    results = json.loads((autograder / "results" / "results.json").read_text(encoding="utf-8"))
    w5 = next(t for t in results["tests"] if t["name"] == "row 12: ∂E_total/∂w5")
    assert results["score"] == 0 and w5["status"] == "failed" and "multiply it by the local derivative" in w5["output"]
    forged = key.replace('"source": {"example": "mazur"}', '"source": {"example": "micrograd"}')
    assert forged != key
    (autograder / "submission" / "worksheet.md").write_text(forged, encoding="utf-8")  # a record edited to suit
    done = subprocess.run(["bash", str(autograder / "run_autograder")], capture_output=True, text=True, env=env, timeout=120)
    results = json.loads((autograder / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == 0 and [t["status"] for t in results["tests"]] == ["failed"]
    assert "was made from --example micrograd but you passed --example mazur" in results["tests"][0]["output"]


def test_the_ci_junit_recipe(sheets, tmp_path):
    yaml = blocks("yaml")[0]
    steps = re.findall(r"^\s*run: (.+)$", yaml, re.MULTILINE)
    assert steps and re.search(r"report_paths: grades.xml", yaml)
    exercise, key = sheets
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions" / "ada.md").write_text(key, encoding="utf-8")
    (tmp_path / "submissions" / "bob.md").write_text(wrong_w5(exercise), encoding="utf-8")
    done = subprocess.run(["bash", "-c", "\n".join(steps)], capture_output=True, text=True, cwd=tmp_path, env=environment(), timeout=120)
    assert done.returncode == 1, done.stderr  # the job fails: a sheet is not correct
    report = tmp_path / "grades.xml"
    suites = {s.get("name"): s for s in ET.parse(report).getroot().findall("testsuite")}
    assert suites["submissions/ada.md"].get("failures") == "0" and suites["submissions/bob.md"].get("failures") == "31"
    junitparser = pytest.importorskip("junitparser")
    read = {s.name: s for s in junitparser.JUnitXml.fromfile(str(report))}
    assert read["submissions/ada.md"].tests == 31 and read["submissions/bob.md"].failures == 31


def test_the_pytest_recipe(sheets, tmp_path):
    code = next(b for b in blocks("python") if "def test_" in b)
    exercise, key = sheets
    (tmp_path / "test_worksheet.py").write_text(code, encoding="utf-8")
    (tmp_path / "worksheet.md").write_text(key, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_worksheet.py"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=environment(), timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / "worksheet.md").write_text(wrong_w5(exercise), encoding="utf-8")
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=environment(), timeout=120)
    assert done.returncode == 1
    assert "multiply it by the local derivative ∂net_o1/∂w5" in done.stdout and "30 left blank" in done.stdout


def test_pytest_shows_the_figures_table_not_the_library_source(tmp_path):
    (tmp_path / "test_figures.py").write_text(
        "from autograd_mini.examples import EXAMPLES\n"
        "from autograd_mini.testing import assert_figures, assert_published\n\n"
        "def test_figures():\n"
        "    E_total = EXAMPLES['mazur'].build()\n"
        "    assert_figures(E_total, grads={'w5': '0.0822', 'w1': '0.0005'})\n\n"
        "def test_published():\n"
        "    assert_published(0.75136507, '0.7515', name='out_o1')\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_figures.py"], capture_output=True, text=True, cwd=tmp_path, env=environment(), timeout=120)
    assert done.returncode == 1
    assert "2 failed" in done.stdout and "∂E_total/∂w1  0.0005  0.000438567734474347" in done.stdout
    assert "assert_figures: 1 of 2 figures do not match" in done.stdout and "out_o1: computed 0.75136507" in done.stdout
    assert "raise AssertionError" not in done.stdout and "testing.py" not in done.stdout  # the caller's line, not ours
