"""The reports of ``check``: one graded worksheet or a whole class, as text, Markdown, JSON, Gradescope's
results.json, JUnit XML or CSV (issue 20). Each takes the graded files in order and returns the text."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable, Optional

from autograd_mini.tracing.grading import WorksheetCheck

__all__ = ["Graded", "REPORTS", "exit_status"]


@dataclass(frozen=True)
class Graded:
    """One file: its name as given, the source it was graded against (``--example mazur``; "" when none
    could be chosen), and either its check or why it is unusable."""

    file: str
    source: str
    check: Optional[WorksheetCheck] = None
    error: str = ""

    @property
    def status(self) -> str:
        return "unusable" if self.check is None else self.check.status

    @property
    def exit_code(self) -> int:
        return 2 if self.check is None else self.check.exit_code


def exit_status(graded: list[Graded]) -> int:
    """The worst exit status of the files: 2 (a file unusable) > 1 (a file not correct) > 0."""
    return max((g.exit_code for g in graded), default=0)


def _text(graded: list[Graded]) -> str:
    if len(graded) == 1 and graded[0].check is not None:
        return graded[0].check.text()
    parts = []
    for g in graded:
        body = g.check.text() if g.check is not None else f"unusable: {g.error}"
        parts.append(f"== {g.file} ==\n{body}")
    return "\n\n".join(parts)


def _markdown(graded: list[Graded]) -> str:
    if len(graded) == 1 and graded[0].check is not None:
        return graded[0].check.markdown().rstrip("\n")
    from autograd_mini.text import markdown_text

    parts = []
    for g in graded:
        body = g.check.markdown().rstrip("\n") if g.check is not None else f"**unusable**: {markdown_text(g.error)}"
        parts.append(f"## {markdown_text(g.file)}\n\n{body}")
    return "\n\n".join(parts)


def _file_dict(g: Graded) -> dict:
    c = g.check
    out: dict = {
        "file": g.file, "source": g.source or None, "score": c.score if c else 0, "max_score": c.max_score if c else 0,
        "status": g.status, "rows": c.reports() if c else [],
    }  # fmt: skip
    if c is None:
        out["error"] = g.error
    return out


def _json(graded: list[Graded]) -> str:
    """``{"files": [{"file", "source", "score", "max_score", "status", "rows": [{"row", "node", "status",
    "written", "expected", "message"}]}]}``; an unusable file has an ``"error"``."""
    return json.dumps({"files": [_file_dict(g) for g in graded]}, ensure_ascii=False, indent=2, allow_nan=False)


def _test_name(g: Graded, many: bool, row: dict, root: str) -> str:
    from autograd_mini.graph import partial

    name = f"row {row['row']}: {partial(root, row['node'])}"
    return f"{g.file}: {name}" if many else name


def _gradescope(graded: list[Graded]) -> str:
    """Gradescope's results.json: a top-level ``score`` and ``tests``, one test per row (score 1 when it is
    correct), each with ``name``, ``score``, ``max_score``, ``output`` and ``status`` passed/failed."""
    many = len(graded) > 1
    tests = []
    for g in graded:
        if g.check is None:
            tests.append({"name": f"{g.file}: unusable", "score": 0, "max_score": 0, "output": g.error, "status": "failed"})
            continue
        for row in g.check.reports():
            ok = row["status"] == "correct"
            tests.append({
                "name": _test_name(g, many, row, g.check.root_name), "score": 1 if ok else 0, "max_score": 1,
                "output": row["message"], "status": "passed" if ok else "failed",
            })  # fmt: skip
    summary = "; ".join(f"{g.file}: {g.status}" + (f" ({g.check.score}/{g.check.max_score})" if g.check else "") for g in graded)
    score = sum(g.check.score for g in graded if g.check is not None)
    return json.dumps({"score": score, "output": summary, "tests": tests}, ensure_ascii=False, indent=2, allow_nan=False)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold (control characters as U+FFFD; ElementTree escapes ``& < > "``)."""
    return _NOT_XML.sub("\ufffd", text)


def _junit(graded: list[Graded]) -> str:
    """JUnit XML: ``<testsuites>`` with one ``<testsuite>`` per file and one ``<testcase>`` per row; a
    ``<failure>`` for each row not correct (a blank allowed by --allow-blank is ``<skipped>``); an unusable
    file is a suite with one ``<error>``."""
    many = len(graded) > 1
    top = ET.Element("testsuites", name="autograd-mini check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for g in graded:
        suite = ET.SubElement(top, "testsuite", name=_xml(g.file))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if g.check is None:
            case = ET.SubElement(suite, "testcase", classname=_xml(g.file), name="worksheet")
            error = ET.SubElement(case, "error", message=_xml(g.error.splitlines()[0] if g.error else "unusable"), type="unusable")
            error.text = _xml(g.error)
            counts["tests"] += 1
            counts["errors"] += 1
        else:
            for row in g.check.reports():
                case = ET.SubElement(suite, "testcase", classname=_xml(g.file), name=_xml(_test_name(g, many, row, g.check.root_name)))
                counts["tests"] += 1
                if row["status"] == "correct":
                    continue
                first = row["message"].splitlines()[0]
                if row["status"] == "blank" and g.check.allow_blank:
                    ET.SubElement(case, "skipped", message=_xml(first))
                    counts["skipped"] += 1
                    continue
                failure = ET.SubElement(case, "failure", message=_xml(first), type=row["status"])
                failure.text = _xml(row["message"])
                counts["failures"] += 1
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for k, v in totals.items():
        top.set(k, str(v))
    ET.indent(top)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(top, encoding="unicode")


CSV_HEADER = ("file", "score", "max_score", "correct", "wrong", "imprecise", "blank", "status")


def _csv(graded: list[Graded]) -> str:
    """``file,score,max_score,correct,wrong,imprecise,blank,status``, one line per file (an unusable file: 0s)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for g in graded:
        c = g.check
        counts = (c.score, c.max_score, len(c.correct), len(c.wrong), len(c.imprecise), len(c.blank)) if c else (0,) * 6
        writer.writerow((g.file, *counts, g.status))
    return out.getvalue().rstrip("\n")


REPORTS: dict[str, Callable[[list[Graded]], str]] = {
    "text": _text, "markdown": _markdown, "json": _json, "gradescope": _gradescope, "junit": _junit, "csv": _csv,
}  # fmt: skip
