"""python -m autograd_mini check A.md B.md … (issue 20): a whole class in one process, the worst exit status,
reports in every format read as the tools that consume them read them, sheets that say what they were made of."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_helpers import ROOT, run

from autograd_mini.tracing.worksheet import BLANK

FILE_KEYS = {"file", "source", "score", "max_score", "status", "rows"}
ROW_KEYS = {"row", "node", "status", "written", "expected", "message"}
CSV_HEADER = ["file", "score", "max_score", "correct", "wrong", "imprecise", "blank", "status"]


def command(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command in a subprocess, as a shell or an autograder runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "autograd_mini", *argv], capture_output=True, text=True, cwd=cwd, timeout=300, env=env)


def fill(text: str, answers: dict[str, str]) -> str:
    lines = []
    for line in text.splitlines():
        cells = line.split(" | ")
        if len(cells) == 7 and cells[1] in answers:
            assert cells[6] == BLANK + " |", line
            cells[6] = answers[cells[1]] + " |"
            line = " | ".join(cells)
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture
def klass(capsys, tmp_path) -> dict[str, Path]:
    """A class: the key (correct), a blank sheet (incomplete), a wrong and imprecise one, and a README (unusable)."""
    ex, key = tmp_path / "blank.md", tmp_path / "key.md"
    code, _, err = run(capsys, "worksheet", "--blank", "--answers", str(key), "--out", str(ex))
    assert code == 0, err
    ada = tmp_path / "ada.md"
    ada.write_text(fill(ex.read_text(encoding="utf-8"), {"w5": "0.138498562", "w3": "0.000", "w1": "0.000438568"}), encoding="utf-8")
    readme = tmp_path / "readme.md"
    readme.write_text("# not a worksheet\n", encoding="utf-8")
    return {"key": key, "blank": ex, "ada": ada, "readme": readme}


def test_json_report_has_the_exact_schema_and_carries_the_diagnoses(klass):
    done = command("check", *map(str, klass.values()), "--format", "json")
    assert done.returncode == 2, done.stderr  # the worst: an unusable file
    report = json.loads(done.stdout)
    assert set(report) == {"files"} and [f["file"] for f in report["files"]] == [str(p) for p in klass.values()]
    by = {Path(f["file"]).stem: f for f in report["files"]}
    for name, f in by.items():
        assert set(f) == FILE_KEYS | ({"error"} if name == "readme" else set())
        assert f["status"] in ("correct", "incomplete", "wrong", "unusable")
        assert isinstance(f["score"], int) and isinstance(f["max_score"], int)
        for row in f["rows"]:
            assert set(row) == ROW_KEYS
            assert isinstance(row["row"], int) and isinstance(row["node"], str) and isinstance(row["message"], str)
            assert row["status"] in ("correct", "wrong", "blank", "imprecise")
            assert row["written"] is None or isinstance(row["written"], str)
            assert isinstance(row["expected"], float)
            assert (row["written"] is None) == (row["status"] == "blank")
    assert (by["key"]["status"], by["key"]["score"], by["key"]["max_score"]) == ("correct", 31, 31)
    assert by["key"]["source"] == "--example mazur"
    assert (by["blank"]["status"], by["blank"]["score"], by["blank"]["max_score"]) == ("incomplete", 0, 31)
    assert by["readme"]["status"] == "unusable" and by["readme"]["rows"] == [] and "no worksheet table" in by["readme"]["error"]
    rows = {r["node"]: r for r in by["ada"]["rows"]}
    assert by["ada"]["status"] == "wrong" and by["ada"]["score"] == 1
    assert rows["w5"]["status"] == "wrong" and rows["w5"]["written"] == "0.138498562" and rows["w5"]["row"] == 12
    assert rows["w5"]["expected"] == pytest.approx(0.0821670405642308, abs=1e-15)
    assert "∂E_total/∂net_o1 itself: multiply it by the local derivative ∂net_o1/∂w5" in rows["w5"]["message"]  # the hand-grading diagnosis
    assert rows["w3"]["status"] == "imprecise" and "write at least 3" in rows["w3"]["message"]
    assert rows["w1"]["status"] == "correct" and rows["i1"]["status"] == "blank"


def test_gradescope_results_json(klass):
    done = command("check", str(klass["ada"]), str(klass["key"]), "--format", "gradescope")
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)
    assert isinstance(results["score"], (int, float)) and isinstance(results["tests"], list)
    assert len(results["tests"]) == 62 and results["score"] == 1 + 31
    for test in results["tests"]:
        assert set(test) == {"name", "score", "max_score", "output", "status"}
        assert test["status"] in ("passed", "failed") and (test["status"] == "passed") == (test["score"] == test["max_score"] == 1)
    names = [t["name"] for t in results["tests"]]
    assert f"{klass['ada']}: row 12: ∂E_total/∂w5" in names and len(set(names)) == len(names)
    w5 = results["tests"][names.index(f"{klass['ada']}: row 12: ∂E_total/∂w5")]
    assert w5["status"] == "failed" and "multiply it by the local derivative" in w5["output"]
    single = json.loads(command("check", str(klass["key"]), "--format", "gradescope").stdout)
    assert single["score"] == 31 and single["tests"][0]["name"] == "row 1: ∂E_total/∂i1"
    broken = json.loads(command("check", str(klass["readme"]), "--format", "gradescope").stdout)
    assert broken["score"] == 0 and broken["tests"][0]["status"] == "failed" and "no worksheet table" in broken["tests"][0]["output"]


def test_junit_xml_as_ci_tools_read_it(klass, tmp_path):
    done = command("check", *map(str, klass.values()), "--format", "junit")
    assert done.returncode == 2, done.stderr
    root = ET.fromstring(done.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(p) for p in klass.values()]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
    key, blank, ada, readme = suites
    assert len(key.findall("testcase")) == 31 and key.get("failures") == "0"
    assert blank.get("failures") == "31" and {c.find("failure").get("type") for c in blank.findall("testcase")} == {"blank"}
    assert ada.get("failures") == "30"
    w5 = next(c for c in ada.findall("testcase") if c.get("name") == f"{klass['ada']}: row 12: ∂E_total/∂w5")
    assert w5.find("failure").get("type") == "wrong" and "multiply it by the local derivative" in w5.find("failure").text
    assert readme.get("errors") == "1" and "no worksheet table" in readme.find("testcase/error").get("message")
    assert int(root.get("tests")) == 31 + 31 + 31 + 1 and int(root.get("failures")) == 61 and int(root.get("errors")) == 1

    junitparser = pytest.importorskip("junitparser")
    report = tmp_path / "grades.xml"
    report.write_text(done.stdout, encoding="utf-8")
    read = {suite.name: suite for suite in junitparser.JUnitXml.fromfile(str(report))}
    assert read[str(klass["key"])].tests == 31 and read[str(klass["key"])].failures == 0
    outcomes = [type(r).__name__ for case in read[str(klass["ada"])] for r in case.result]
    assert outcomes.count("Failure") == 30
    report.write_text(command("check", str(klass["blank"]), "--format", "junit", "--allow-blank").stdout, encoding="utf-8")
    suite = next(iter(junitparser.JUnitXml.fromfile(str(report))))
    assert suite.skipped == 31 and suite.failures == 0


def test_csv_one_line_per_file(klass):
    done = command("check", *map(str, klass.values()), "--format", "csv")
    assert done.returncode == 2, done.stderr
    reader = csv.DictReader(io.StringIO(done.stdout))
    assert reader.fieldnames == CSV_HEADER
    rows = {Path(r["file"]).stem: r for r in reader}
    assert rows["key"] == {"file": str(klass["key"]), "score": "31", "max_score": "31", "correct": "31", "wrong": "0", "imprecise": "0", "blank": "0", "status": "correct"}
    assert (rows["ada"]["wrong"], rows["ada"]["imprecise"], rows["ada"]["blank"], rows["ada"]["status"]) == ("1", "1", "28", "wrong")
    assert rows["blank"]["status"] == "incomplete" and rows["readme"]["status"] == "unusable"


def test_text_grades_every_file_and_reports_the_unusable_ones(klass, tmp_path):
    missing = tmp_path / "missing.md"
    done = command("check", str(klass["key"]), str(missing), str(klass["ada"]))
    assert done.returncode == 2
    assert f"== {klass['key']} ==" in done.stdout and f"== {klass['ada']} ==" in done.stdout and "w5: wrong" in done.stdout
    assert f"autograd-mini check: error: {missing}: check: cannot read" in done.stderr and "Traceback" not in done.stderr
    both = command("check", str(klass["key"]), str(klass["blank"]))
    assert both.returncode == 1 and "incomplete" in both.stdout
    assert command("check", str(klass["key"]), str(klass["blank"]), "--allow-blank").returncode == 0


def test_markdown_is_an_alias_and_out_writes_the_report(capsys, klass, tmp_path):
    code, md, _ = run(capsys, "check", str(klass["ada"]), "--markdown")
    code2, md2, _ = run(capsys, "check", str(klass["ada"]), "--format", "markdown")
    assert code == code2 == 1 and md == md2 and md.startswith("**Worksheet check**")
    code, _, err = run(capsys, "check", str(klass["ada"]), "--markdown", "--format", "json")
    assert code == 2 and "--markdown is --format markdown" in err
    out = tmp_path / "reports" / "grades.json"
    code, printed, _ = run(capsys, "check", str(klass["key"]), "--format", "json", "--out", str(out))
    assert code == 0 and printed == "" and json.loads(out.read_text(encoding="utf-8"))["files"][0]["score"] == 31
    assert not [p for p in out.parent.iterdir() if p.name != "grades.json"]  # no temporary file left
    before = klass["ada"].read_bytes()
    for spelling in (str(klass["ada"]), str(klass["ada"].parent / "." / klass["ada"].name)):
        code, _, err = run(capsys, "check", str(klass["key"]), str(klass["ada"]), "--out", spelling)
        assert code == 2 and "is one of the worksheets to grade" in err and klass["ada"].read_bytes() == before
    code, printed, err = run(capsys, "check", str(klass["readme"]), "--out", str(tmp_path / "report.txt"))
    assert code == 2 and printed == "" and "no worksheet table" in err and "unusable" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    (tmp_path / "folder").mkdir()
    code, _, err = run(capsys, "check", str(klass["key"]), "--out", str(tmp_path / "folder"))
    assert code == 2 and "--out: check --out:" in err and "is a folder" in err


def test_sig_figs_option(capsys, klass):
    code, out, _ = run(capsys, "check", str(klass["ada"]), "--sig-figs", "0", "--format", "json")
    rows = {r["node"]: r["status"] for r in json.loads(out)["files"][0]["rows"]}
    assert rows["w3"] == "correct" and rows["w5"] == "wrong"
    for bad in ("-1", "18", "three"):
        code, _, err = run(capsys, "check", str(klass["ada"]), "--sig-figs", bad)
        assert code == 2 and "--sig-figs" in err


def test_a_sheet_says_what_it_was_made_from(capsys, tmp_path):
    expr = ["--expr", "e = a*b; d = e + c; L = d*f", "--set", "a=2", "b=-3", "c=10", "f=-2"]
    code, _, err = run(capsys, *expr, "worksheet", "--blank", "--answers", str(tmp_path / "ekey.md"), "--out", str(tmp_path / "eex.md"))
    assert code == 0, err
    code, _, err = run(capsys, "--example", "micrograd", "worksheet", "--blank", "--answers", str(tmp_path / "mkey.md"))
    assert code == 0, err
    done = command("check", str(tmp_path / "ekey.md"), str(tmp_path / "mkey.md"), "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr  # no flags: each regraded against its own source
    files = json.loads(done.stdout)["files"]
    assert [f["source"] for f in files] == ["--expr 'e = a*b; d = e + c; L = d*f' --set a=2 --set b=-3 --set c=10 --set f=-2", "--example micrograd"]
    assert all(f["status"] == "correct" for f in files)
    filled = fill((tmp_path / "eex.md").read_text(encoding="utf-8"), {"a": "6", "b": "4"})
    (tmp_path / "eex.md").write_text(filled, encoding="utf-8")
    done = command("check", str(tmp_path / "eex.md"), "--allow-blank")
    assert done.returncode == 1 and "a: correct" in done.stdout and "b: wrong" in done.stdout
    same = command(*expr[:2], "--set", "a=2.0", "b=-3", "c=10", "f=-2", "check", str(tmp_path / "ekey.md"))  # the same graph, spelled differently
    assert same.returncode == 0, same.stderr
    other = command("--example", "mazur", "check", str(tmp_path / "mkey.md"))
    assert other.returncode == 2 and "Traceback" not in other.stderr
    line = [ln for ln in other.stderr.splitlines() if "error:" in ln]
    assert len(line) == 1 and "was made from --example micrograd but you passed --example mazur" in line[0]


def test_a_graph_sheet_never_runs_the_code_it_names(capsys, tmp_path):
    net = tmp_path / "net.py"
    net.write_text("from autograd_mini import Value\n\ndef loss():\n    a = Value(2.0, 'a')\n    b = Value(-3.0, 'b')\n    y = a * b\n    y.label = 'y'\n    return y\n\ndef other():\n    return loss() * 2.0\n", encoding="utf-8")
    code, _, err = run(capsys, "--graph", f"{net}:loss", "worksheet", "--blank", "--answers", str(tmp_path / "key.md"))
    assert code == 0, err
    flagless = command("check", str(tmp_path / "key.md"))
    assert flagless.returncode == 2 and f"made from --graph {net}:loss" in flagless.stderr and "pass --graph FILE.py:FUNCTION yourself" in flagless.stderr
    copy = tmp_path / "grader" / "net.py"
    copy.parent.mkdir()
    copy.write_text(net.read_text(encoding="utf-8"), encoding="utf-8")
    graded = command("--graph", f"{copy}:loss", "check", str(tmp_path / "key.md"))
    assert graded.returncode == 0, graded.stderr  # the grader's copy, elsewhere: the same file name and function
    wrong = command("--graph", f"{copy}:other", "check", str(tmp_path / "key.md"))
    assert wrong.returncode == 2 and f"was made from --graph {net}:loss but you passed --graph {copy}:other" in wrong.stderr


@pytest.mark.slow
def test_a_class_of_300_sheets_is_graded_in_one_process(capsys, tmp_path):
    ex, key = tmp_path / "exercise.md", tmp_path / "key.md"
    code, _, err = run(capsys, "worksheet", "--blank", "--answers", str(key), "--out", str(ex))
    assert code == 0, err
    exercise, answers = ex.read_text(encoding="utf-8"), key.read_text(encoding="utf-8")
    folder = tmp_path / "class"
    folder.mkdir()
    for k in range(300):
        text = answers if k % 3 == 0 else fill(exercise, {"w5": "0.0822"}) if k % 3 == 1 else "not a sheet"
        (folder / f"student{k:03}.md").write_text(text, encoding="utf-8")
    done = command("check", *sorted(str(p) for p in folder.iterdir()), "--format", "csv", "--allow-blank")
    assert done.returncode == 2, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 300
    assert [r["status"] for r in rows].count("correct") == 100 and [r["status"] for r in rows].count("incomplete") == 100
    assert [r["status"] for r in rows].count("unusable") == 100
    assert all(r["score"] == "1" for r in rows if r["status"] == "incomplete")


def test_a_record_naming_no_graph_is_unusable_and_the_others_are_graded(klass, tmp_path):
    key = klass["key"].read_text(encoding="utf-8")
    cases = {
        "no_example.md": key.replace('{"example": "mazur"}', '{"example": "nope"}'),
        "bad_expr.md": key.replace('{"example": "mazur"}', '{"expr": "y = (", "set": []}'),
        "bad_set.md": key.replace('{"example": "mazur"}', '{"expr": "y = a", "set": ["a=nan"]}'),
        "graph.md": key.replace('{"example": "mazur"}', '{"graph": "/tmp/evil.py:run"}'),
    }
    for name, text in cases.items():
        assert text != key
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = command("check", *(str(tmp_path / n) for n in cases), str(klass["key"]), "--format", "json")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    files = json.loads(done.stdout)["files"]
    assert [f["status"] for f in files] == ["unusable"] * 4 + ["correct"]
    assert "no example named 'nope'" in files[0]["error"] and "pass --graph FILE.py:FUNCTION yourself" in files[3]["error"]
    assert all(f["error"] for f in files[:4])
