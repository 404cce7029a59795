"""The commands of ``autograd-mini``: each reads the parsed arguments and a graph whose backward() has run,
prints or writes its result, and returns the exit status (a usage error is a `UsageError`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from autograd_mini.cli.graphs import PROG, UsageError
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import find_node, is_expression

if TYPE_CHECKING:
    from autograd_mini.cli.reports import Graded

__all__ = ["examples_command", "draw_command", "check_command", "explore_command", "explain_command", "tape_command", "worksheet_command", "Format", "MAX_INPUT_BYTES"]

MAX_INPUT_BYTES = 5_000_000  # a worksheet to check is a few kilobytes
Format = Optional[Callable[[float], str]]  # None: the library's default (9 decimals; 4 in the slide view)


# ---------------------------------------------------------------------- helpers
def _node(root: Value, name: str, option: str) -> Value:
    """The node labelled ``name``, or a usage error listing the names there are."""
    order = topological_order(root)
    if any(node.label == name for node in order):
        return find_node(root, name, order, what=option)  # ValueError when two nodes share the label
    params = sorted({n.label for n in order if n.role == "parameter" and n.label})
    others = sorted({n.label for n in order if n.label and n.role != "parameter" and not is_expression(n.label)})
    raise UsageError(f"{option}: no node named {name!r} in this graph; parameters: {_listed(params)}; other nodes: {_listed(others)}")


def _listed(names: list[str], limit: int = 30) -> str:
    return (", ".join(names[:limit]) + (f" … ({len(names):,} in all)" if len(names) > limit else "")) or "(none)"


def _write(path: Path, text: str, option: str) -> None:
    """Write ``text`` to ``path`` (UTF-8), creating missing folders, or a usage error naming the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((text + "\n").encode("utf-8"))
    except OSError as error:
        raise UsageError(f"{option}: cannot write {str(path)!r}: {error.strerror or error}") from None


def _read(path: Path, option: str) -> str:
    """A UTF-8 text file of at most `MAX_INPUT_BYTES`, or a usage error naming the file."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise UsageError(f"{option}: cannot read {str(path)!r}: {error.strerror or error}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{option}: {str(path)!r} is larger than {MAX_INPUT_BYTES:,} bytes; a worksheet is a few kilobytes of Markdown")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"{option}: {str(path)!r} is not UTF-8 text (byte {error.start}); save the worksheet as UTF-8") from None


def _same_file(a: Path, b: Path) -> bool:
    """Do two spellings name one file (``./s.md``, ``dir/../s.md``, a symlink, a hard link)?"""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, RuntimeError):  # a symlink loop: compare the spellings
        return os.path.abspath(a) == os.path.abspath(b)


def _written(command: str, out: Path, write: Callable[[], Path]) -> int:
    """Run a command's rendering ``write()``: "wrote FILE", exit 0; Graphviz missing or failing: its
    message, exit 1; the file cannot be written: a usage error naming it (exit 2)."""
    from autograd_mini.drawing.render import GraphvizNotFoundError, RenderError

    try:
        path = write()
    except (GraphvizNotFoundError, RenderError) as error:
        print(f"{PROG} {command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # our writers' messages already name the file: "save: cannot write 'x': …"
        said = str(error) if "cannot write" in str(error) else f"cannot write {str(out)!r}: {error.strerror or error}"
        raise UsageError(f"--out: {said}") from None
    print(f"wrote {path}")
    return 0


# ---------------------------------------------------------------------- the commands
def examples_command() -> int:
    from autograd_mini.examples import EXAMPLES

    print(f"{len(EXAMPLES)} bundled worked examples (use one: {PROG} --example NAME draw|explain|tape|worksheet|explore …):")
    for name, example in EXAMPLES.items():
        print(f"\n{name}: {example.title}\n  shows:  {example.shows}\n  source: {example.source}")
    return 0


def draw_command(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.drawing.draw import FORMATS, draw_dot, save

    highlight = _node(root, args.highlight, "--highlight") if args.highlight else None
    if args.out is not None and args.out.suffix.lower() not in FORMATS:
        raise UsageError(f"--out: cannot tell the format of {str(args.out)!r}; use a file ending in {', '.join(FORMATS)}")
    graph = draw_dot(
        root, view=args.view, fields=args.fields, rankdir=args.rankdir, number_format=fmt, edge_labels=args.edge_labels,
        clusters=None if args.clusters == "none" else args.clusters, highlight=highlight,
        legend=not args.no_legend, max_nodes=args.max_nodes,
    )  # fmt: skip
    if args.out is None:
        sys.stdout.write(graph.source)
        return 0
    return _written("draw", args.out, lambda: save(graph, args.out))


def check_command(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    """Grade each FILLED.md (see `_grade_file`) in one process and report them all in ``--format``; the
    exit status is the worst: 2 a file unusable, 1 a file not correct, 0 every file correct."""
    from autograd_mini.cli.reports import REPORTS, exit_status

    kind = "markdown" if args.markdown and args.format is None else (args.format or "text")
    if args.markdown and args.format not in (None, "markdown"):
        raise UsageError(f"--markdown is --format markdown; it cannot go with --format {args.format}")
    if args.out is not None and any(_same_file(args.out, path) for path in args.filled):
        raise UsageError(f"--out {str(args.out)!r} is one of the worksheets to grade; the report would overwrite it: give another file")
    grader = _grader_source(args)
    graphs: dict[str, Value] = {}
    graded = [_grade_file(path, args, root, grader, graphs) for path in args.filled]
    if len(graded) == 1 and graded[0].check is None and kind in ("text", "markdown") and args.out is None:
        raise UsageError(graded[0].error)  # one file, read by a person: the usual error line, exit 2
    report = REPORTS[kind](graded)
    if args.out is not None:
        from autograd_mini.files import write_atomically

        try:
            write_atomically(args.out, (report + "\n").encode("utf-8"), "check --out")
        except OSError as error:
            raise UsageError(f"--out: {error}") from None
    else:
        print(report)
    if kind in ("text", "markdown"):  # a person reads these: each unusable file also on stderr
        for g in graded:
            if g.check is None:
                print(f"{PROG} check: error: {g.file}: {g.error}", file=sys.stderr)
    return exit_status(graded)


def _grader_source(args: argparse.Namespace) -> Optional[dict]:
    """The source the grader passed (--example, --expr with --set, --graph), or None."""
    if args.example is not None:
        return {"example": args.example}
    if args.expr is not None:
        return {"expr": args.expr, "set": list(args.set or [])}
    if args.graph is not None:
        return {"graph": args.graph}
    return None


def _same_source(recorded: dict, given: dict) -> bool:
    """Does the grader's source name the graph the sheet records? An expression compares without spaces and
    its --set values as numbers; a --graph by its file's name and function (the grader's path may differ)."""
    from autograd_mini.expr import parse_settings

    if recorded.keys() - {"set"} != given.keys() - {"set"}:
        return False
    if "example" in recorded:
        return bool(recorded["example"] == given["example"])
    if "graph" in recorded:
        def spot(spec: str) -> tuple[str, str]:
            file, _, function = spec.rpartition(":")
            return Path(file).name, function

        return spot(recorded["graph"]) == spot(given["graph"])
    try:
        same_values = parse_settings(recorded.get("set", []), "check") == parse_settings(given.get("set", []), "check")
    except ValueError:
        same_values = False
    return same_values and "".join(recorded["expr"].split()) == "".join(given["expr"].split())


def _grade_file(path: Path, args: argparse.Namespace, root: Value, grader: Optional[dict], graphs: dict[str, Value]) -> Graded:
    """One file graded against the grader's source, else the source its record names (an example or an
    expression; never a --graph: that would run code named in a submission), else the default example;
    anything that makes it ungradable is its ``error``."""
    from autograd_mini.cli.graphs import example_graph, expression_graph
    from autograd_mini.cli.reports import Graded
    from autograd_mini.tracing.grading import check_worksheet
    from autograd_mini.tracing.worksheet import read_record, source_text

    file, source = str(path), source_text(grader) if grader else ""
    try:
        text = _read(path, "check")
        record = read_record(text)
        recorded = None if record is None else record["source"]
        graph = root
        if grader is not None:
            if recorded is not None and not _same_source(recorded, grader):
                return Graded(file, source, error=f"{file} was made from {source_text(recorded)} but you passed {source}; grade it against the source it was made from")
        elif recorded is None:
            source = "--example mazur"  # the default graph, as for every command
        elif "graph" in recorded:
            return Graded(
                file, "",
                error=f"{file} was made from {source_text(recorded)}; check never runs code a submission names: "
                "pass --graph FILE.py:FUNCTION yourself (your own copy of the file)",
            )  # fmt: skip
        else:
            source = source_text(recorded)
            if source not in graphs:
                graphs[source] = example_graph(recorded["example"]) if "example" in recorded else expression_graph(recorded["expr"], recorded.get("set", []))
            graph = graphs[source]
        check = check_worksheet(graph, text, allow_blank=args.allow_blank, sig_figs=args.sig_figs)
    except (UsageError, ValueError, ArithmeticError) as error:
        return Graded(file, source, error=str(error))
    except RecursionError:
        return Graded(file, source, error="the graph is too deep to grade; try a smaller graph")
    except Exception as error:  # one file never stops the class: say what happened
        return Graded(file, source, error=f"internal error ({type(error).__name__}: {error}); please report it with the file")
    return Graded(file, source, check)


def explore_command(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.explorer.explore import explore

    return _written("explore", args.out, lambda: explore(root, args.out, title=args.title, number_format=fmt))


def explain_command(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.tracing.explain import explain

    wrt = _node(root, args.name, "explain")
    result = explain(root, wrt, fold=args.fold, max_paths=args.max_paths, number_format=fmt, lr=args.lr)
    print(result.markdown() if args.markdown else result.text(expand=args.expand))
    return 0


def tape_command(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.tracing.tape import tape

    result = tape(root, leaves=not args.no_leaves, number_format=fmt)
    print(result.markdown() if args.markdown else result.text())
    return 0


def worksheet_command(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.tracing.worksheet import worksheet

    if args.out is not None and args.answers is not None and _same_file(args.out, args.answers):
        raise UsageError(f"--out and --answers name the same file ({str(args.out)!r}); the exercise would overwrite the answer key: give two files")
    source = _grader_source(args) or {"example": "mazur"}  # recorded in the sheet: check regrades without flags
    sheet = worksheet(root, blank=args.blank_row or args.blank, constants=not args.no_constants, number_format=fmt, source=source)
    if args.answers is not None:
        _write(args.answers, sheet.answer_key, "--answers")
    if args.out is not None:
        _write(args.out, sheet.exercise, "--out")
    else:
        print(sheet.exercise)
    return 0
