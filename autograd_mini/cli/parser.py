"""The parser of ``autograd-mini``: the graph options, the commands and their options."""

from __future__ import annotations

import argparse
import inspect
import math
from pathlib import Path
from typing import Any, Callable, Optional, get_args

from autograd_mini.cli.commands import (
    check_command,
    draw_command,
    examples_command,
    explain_command,
    explore_command,
    tape_command,
    worksheet_command,
)
from autograd_mini.cli.graphs import PROG
from autograd_mini.drawing.clusters import PRESETS
from autograd_mini.drawing.draw import DEFAULT_MAX_NODES, FIELDS, FORMATS, RANKDIRS, VIEWS, draw_dot
from autograd_mini.drawing.plan import EdgeLabels
from autograd_mini.graph import POST_DECIMALS
from autograd_mini.text import cut
from autograd_mini.tracing.explain import MAX_LISTED, Fold, explain
from autograd_mini.tracing.worksheet import BLANK_CHOICES

__all__ = ["build_parser", "add_check_options", "COMMANDS", "MAX_DECIMALS", "MAX_NODES", "CHECK_FORMATS"]

MAX_DECIMALS = 17  # a float has at most 17 significant decimal digits
MAX_NODES = 100_000  # the most --max-nodes accepts: dot takes minutes beyond
COMMANDS = ("examples", "draw", "explain", "tape", "worksheet", "check", "explore")
#: The boxes ``draw --clusters`` offers: the library's presets, or none (the command's default: the first preset).
CLUSTERS = (*PRESETS, "none")

Adder = Callable[..., argparse.ArgumentParser]


class _Once(argparse.Action):
    """An option that may be given once: ``--expr A --expr B`` is a usage error, not "the last one wins"."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: Optional[str] = None) -> None:
        if getattr(namespace, self.dest, None) is not None:
            first, second = (cut(repr(v), 60) for v in (getattr(namespace, self.dest), values))
            parser.error(f"{option_string} is given twice ({first} and {second}); give it once")
        setattr(namespace, self.dest, values)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line: the graph options, then one sub-parser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Draw, explain, replay and grade the gradients of a graph: a bundled worked example (--example), "
        "your own expression (--expr with --set) or a function in your file (--graph). Forward and backward are run for you.",
        allow_abbrev=False,
    )
    _graph_options(parser)
    sub = parser.add_subparsers(title="commands", metavar="{" + ",".join(COMMANDS) + "}", required=True)

    def command(name: str, run: Callable[..., int], **kwargs: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, **kwargs)
        p.set_defaults(run=run, command_parser=p)
        return p

    command("examples", examples_command, help="list the bundled worked examples with their sources", description="The bundled worked examples.")
    for add in (_draw, _explain, _tape, _worksheet, _check, _explore):
        add(command)
    return parser


def _default(function: Callable[..., Any], name: str) -> Any:
    """The library's default of a keyword of ``function`` (so the command line never restates it)."""
    return inspect.signature(function).parameters[name].default


def _graph_options(parser: argparse.ArgumentParser) -> None:
    """--example / --expr / --graph (one of them), --set, --params and --decimals: accepted before or after the command."""
    from autograd_mini.examples import EXAMPLES

    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--example", metavar="NAME", action=_Once, help=f"a bundled worked example: {', '.join(EXAMPLES)} (default: mazur); the examples command says what each shows")
    choice.add_argument("--expr", metavar="TEXT", action=_Once, help='your expression, e.g. "e = a*b; d = e + c; L = d*f" with --set a=2 b=-3 c=10 f=-2')
    choice.add_argument("--graph", metavar="FILE.py:FUNCTION", action=_Once, help="a function in your file that returns the root Value (backward() is run unless done)")
    parser.add_argument("--set", action="append", metavar="NAME=NUMBER", help="the values of --expr's names, each a leaf (an input, unless --params names it): --set a=2 b=-3")
    parser.add_argument("--params", action="append", metavar="NAME,NAME", help="which --set names are parameters (weights, biases: drawn as such), e.g. --params w1,w2,b; the others are inputs")
    parser.add_argument(
        "--decimals", action=_Once, type=_bounded(1, MAX_DECIMALS),
        help=f"decimals of the numbers shown, 1 to {MAX_DECIMALS} (default {POST_DECIMALS}, as the Mazur post prints; 4 in draw --view slide)",
    )  # fmt: skip


def _draw(command: Adder) -> None:
    draw = command("draw", draw_command, help="render the graph (.svg/.png/.pdf) or write its DOT source", description="Render the graph with every value and gradient.")
    pictures, sources = [s for s, f in FORMATS.items() if f], [s for s, f in FORMATS.items() if not f]
    draw.add_argument(
        "--out", type=Path,
        help=f"file to write (missing folders are created); the suffix picks the format: {' '.join(pictures)}, or {'/'.join(sources)} for the source (default: DOT source to stdout)",
    )  # fmt: skip
    view = _default(draw_dot, "view")
    draw.add_argument("--view", choices=VIEWS, default=view, help=f"{VIEWS[0]}: every value, op and edge; slide: the lectures' diagram, neurons as net | out with their weights, 4 decimals (default {view})")
    fields = _default(draw_dot, "fields")
    draw.add_argument("--fields", type=_fields, default=fields, metavar=",".join(FIELDS), help=f"what each value shows: {','.join(FIELDS)} (default {','.join(fields)}), data (a forward-pass slide) or grad")
    rankdir = _default(draw_dot, "rankdir")
    draw.add_argument("--rankdir", choices=RANKDIRS, default=rankdir, help=f"the direction of the edges: LR left to right, TB top to bottom, RL, BT (default {rankdir})")
    draw.add_argument("--clusters", choices=CLUSTERS, default=CLUSTERS[0], help=f"boxes around the layers, each neuron, or none (default {CLUSTERS[0]})")
    draw.add_argument("--highlight", metavar="NAME", help="mark every path from this node (e.g. w1) to the root")
    edge_labels = [c for c in get_args(EdgeLabels) if c is not None]
    draw.add_argument("--edge-labels", choices=edge_labels, help="label edges with the local derivative and/or the contribution to the input's grad")
    draw.add_argument("--no-legend", action="store_true", help="leave out the legend")
    draw.add_argument(
        "--max-nodes", type=_bounded(1, MAX_NODES), default=DEFAULT_MAX_NODES,
        help=f"refuse graphs with more values (default {DEFAULT_MAX_NODES}: dot takes seconds beyond)",
    )  # fmt: skip


def _explain(command: Adder) -> None:
    explain_ = command("explain", explain_command, help="∂root/∂NAME, path by path, factor by factor", description="Explain one gradient with the chain rule.")
    explain_.add_argument("name", help="a labelled node, e.g. w1 … w8, b1, out_h1")
    explain_.add_argument("--markdown", action="store_true", help="Markdown with LaTeX maths instead of plain text")
    fold = _default(explain, "fold")
    explain_.add_argument("--fold", choices=get_args(Fold), default=fold, help=f"factor grouping: post (as the post), labels (one per labelled node) or none (every edge); default {fold}")
    explain_.add_argument("--expand", action="store_true", help="also spell out each folded factor edge by edge")
    paths = _default(explain, "max_paths")
    explain_.add_argument(
        "--max-paths", type=_bounded(1, MAX_LISTED), default=paths, help=f"list at most this many paths (default {paths}, at most {MAX_LISTED:,})"
    )
    explain_.add_argument("--lr", type=_positive_number, metavar="ETA", help="a learning rate η: end with the update step w⁺ = w − η·∂root/∂w")


def _tape(command: Adder) -> None:
    tape = command("tape", tape_command, help="the steps of backward(), in order", description="Replay backward() step by step.")
    tape.add_argument("--markdown", action="store_true", help="a Markdown table instead of plain text")
    tape.add_argument("--no-leaves", action="store_true", help="leave out the leaves (inputs, weights, constants), which pass nothing on")


def _worksheet(command: Adder) -> None:
    sheet = command("worksheet", worksheet_command, help="a Markdown table of the nodes (gradients optionally blank)", description="Export a worksheet.")
    blanks = sheet.add_mutually_exclusive_group()
    choices = [c for c in BLANK_CHOICES if c != "none"]  # a sheet without blanks: leave out --blank
    blanks.add_argument(
        "--blank", nargs="?", const=choices[0], choices=choices,
        help="what to leave empty in the exercise: grads (the default of a bare --blank), data (a forward-pass exercise) or both",
    )  # fmt: skip
    blanks.add_argument("--blank-row", action="append", metavar="NAME", help="leave this row's value and gradient empty (repeat for more rows)")
    sheet.add_argument("--out", type=Path, help="write the table here (missing folders are created; default: stdout)")
    sheet.add_argument("--answers", type=Path, help="also write the answer key (gradients filled in) here; not the same file as --out")
    sheet.add_argument("--no-constants", action="store_true", help="leave out the constants (targets, ½)")


def _check(command: Adder) -> None:
    add_check_options(command("check", check_command, help="grade filled-in worksheets: correct / wrong / imprecise / blank, and where the chain rule went wrong"))


def _explore(command: Adder) -> None:
    page = command("explore", explore_command, help="one self-contained HTML page to click through the backpropagation", description="Write the interactive explorer.")
    page.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="the page to write (missing folders are created); open it from disk, no server needed")
    page.add_argument("--title", help="a heading for the page (default: ∂root/∂… explorer)")


# ---------------------------------------------------------------------- check's options (issue 20)
CHECK_FORMATS = ("text", "markdown", "json", "gradescope", "junit", "csv")


def add_check_options(check: argparse.ArgumentParser) -> None:
    """The options of ``check``: the files, what counts as correct, the report's format and file."""
    check.description = (
        "Grade worksheets (from worksheet --blank) filled in by hand, all in one process. A sheet records what it was "
        "made from: --example and --expr sheets regrade without flags; a --graph sheet needs your own --graph. "
        "Exit status (the worst of the files): 0 every file correct; 1 a number wrong or imprecise, or a cell blank; "
        "2 a file unusable (not such a worksheet, another graph, given columns edited)."
    )
    check.add_argument("filled", type=Path, nargs="+", metavar="FILLED.md", help="the worksheets with the numbers written in (one or many)")
    check.add_argument("--format", choices=CHECK_FORMATS, help="the report: text (default), markdown, json, gradescope (results.json), junit (XML) or csv")
    check.add_argument("--markdown", action="store_true", help="the same as --format markdown")
    check.add_argument("--out", type=Path, metavar="PATH", help="write the report to this file (atomically; default: stdout)")
    check.add_argument("--allow-blank", action="store_true", help="blank cells are neutral (a self-check), not unfinished work")
    check.add_argument(
        "--sig-figs", type=_bounded(0, MAX_DECIMALS), default=3, metavar="N",
        help="significant figures a number must carry unless it is the exact value (default 3; 0: any)",
    )  # fmt: skip


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high:,}, got {text[:40]!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high:,}, got {text[:40]}")
        return n

    return parse


def _fields(text: str) -> tuple[str, ...]:
    fields = tuple(f.strip() for f in text.split(","))
    if not fields or any(f not in FIELDS for f in fields) or len(set(fields)) != len(fields):
        raise argparse.ArgumentTypeError(f"expected {' or '.join([','.join(FIELDS), *FIELDS])}, got {text[:40]!r}")
    return fields


def _positive_number(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not 0.0 < x < math.inf:
        raise argparse.ArgumentTypeError(f"expected a positive finite number (e.g. 0.5), got {text[:40]!r}")
    return x


