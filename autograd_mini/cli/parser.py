"""The parser of ``autograd-mini``: the graph options, the commands and their options."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any, Callable, Optional

from autograd_mini.cli.commands import (
    check_command,
    draw_command,
    examples_command,
    explain_command,
    explore_command,
    tape_command,
    worksheet_command,
)

__all__ = ["build_parser", "COMMANDS", "MAX_DECIMALS"]

MAX_DECIMALS = 17  # a float has at most 17 significant decimal digits
COMMANDS = ("examples", "draw", "explain", "tape", "worksheet", "check", "explore")


class _Once(argparse.Action):
    """An option that may be given once: ``--expr A --expr B`` is a usage error, not "the last one wins"."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: Optional[str] = None) -> None:
        if getattr(namespace, self.dest, None) is not None:
            first, second = (repr(v) if len(repr(v)) <= 60 else repr(v)[:59] + "…" for v in (getattr(namespace, self.dest), values))
            parser.error(f"{option_string} is given twice ({first} and {second}); give it once")
        setattr(namespace, self.dest, values)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograd_mini",
        description="Draw, explain, replay and grade the gradients of a graph: a bundled worked example (--example), "
        "your own expression (--expr with --set) or a function in your file (--graph). Forward and backward are run for you.",
        allow_abbrev=False,
    )
    choice = parser.add_mutually_exclusive_group()
    from autograd_mini.examples import EXAMPLES

    choice.add_argument("--example", metavar="NAME", action=_Once, help=f"a bundled worked example: {', '.join(EXAMPLES)} (default: mazur); the examples command says what each shows")
    choice.add_argument("--expr", metavar="TEXT", action=_Once, help='your expression, e.g. "e = a*b; d = e + c; L = d*f" with --set a=2 b=-3 c=10 f=-2')
    choice.add_argument("--graph", metavar="FILE.py:FUNCTION", action=_Once, help="a function in your file that returns the root Value (backward() is run unless done)")
    parser.add_argument("--set", action="append", metavar="NAME=NUMBER", help="the values of --expr's names, each a leaf (role parameter): --set a=2 b=-3")
    parser.add_argument(
        "--decimals", action=_Once, type=_bounded(1, MAX_DECIMALS), help=f"decimals of the numbers shown, 1 to {MAX_DECIMALS} (default 9, as the Mazur post prints; 4 in draw --view slide)"
    )
    sub = parser.add_subparsers(title="commands", metavar="{" + ",".join(COMMANDS) + "}", required=True)

    def command(name: str, run: Callable[..., int], **kwargs: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, **kwargs)
        p.set_defaults(run=run, command_parser=p)
        return p

    command("examples", examples_command, help="list the bundled worked examples with their sources", description="The bundled worked examples.")

    draw = command("draw", draw_command, help="render the graph (.svg/.png/.pdf) or write its DOT source", description="Render the graph with every value and gradient.")
    draw.add_argument("--out", type=Path, help="file to write (missing folders are created); the suffix picks the format: .svg .png .pdf, or .dot/.gv for the source (default: DOT source to stdout)")
    draw.add_argument("--view", choices=["full", "slide"], default="full", help="every value, op and edge (default), or the lectures' slide: neurons as net | out, weights on the edges, 4 decimals")
    draw.add_argument("--fields", type=_fields, default=("data", "grad"), metavar="data,grad", help="what each value shows: data,grad (default), data (a forward-pass slide) or grad")
    draw.add_argument("--rankdir", choices=["LR", "TB"], default="LR", help="left to right (default) or top to bottom")
    draw.add_argument("--clusters", choices=["layers", "neurons", "none"], default="layers", help="boxes around the layers (default), each neuron, or none")
    draw.add_argument("--highlight", metavar="NAME", help="mark every path from this node (e.g. w1) to the root")
    draw.add_argument("--edge-labels", choices=["local", "contribution", "both"], help="label edges with the local derivative and/or the contribution to the input's grad")
    draw.add_argument("--no-legend", action="store_true", help="leave out the legend")
    draw.add_argument("--max-nodes", type=_bounded(1, 100_000), default=1000, help="refuse graphs with more values (default 1000: dot takes seconds beyond)")

    explain = command("explain", explain_command, help="∂root/∂NAME, path by path, factor by factor", description="Explain one gradient with the chain rule.")
    explain.add_argument("name", help="a labelled node, e.g. w1 … w8, b1, out_h1")
    explain.add_argument("--markdown", action="store_true", help="Markdown with LaTeX maths instead of plain text")
    explain.add_argument("--fold", choices=["post", "labels", "none"], default="post", help="factor grouping: as the post (default), one per labelled node, or every edge")
    explain.add_argument("--expand", action="store_true", help="also spell out each folded factor edge by edge")
    explain.add_argument("--max-paths", type=_bounded(1, 10_000), default=64, help="list at most this many paths (default 64, at most 10,000)")
    explain.add_argument("--lr", type=_positive_number, metavar="ETA", help="a learning rate η: end with the update step w⁺ = w − η·∂root/∂w")

    tape = command("tape", tape_command, help="the steps of backward(), in order", description="Replay backward() step by step.")
    tape.add_argument("--markdown", action="store_true", help="a Markdown table instead of plain text")
    tape.add_argument("--no-leaves", action="store_true", help="leave out the leaves (inputs, weights, constants), which pass nothing on")

    sheet = command("worksheet", worksheet_command, help="a Markdown table of the nodes (gradients optionally blank)", description="Export a worksheet.")
    blanks = sheet.add_mutually_exclusive_group()
    blanks.add_argument(
        "--blank", nargs="?", const="grads", choices=["grads", "data", "both"],
        help="what to leave empty in the exercise: grads (the default of a bare --blank), data (a forward-pass exercise) or both",
    )  # fmt: skip
    blanks.add_argument("--blank-row", action="append", metavar="NAME", help="leave this row's value and gradient empty (repeat for more rows)")
    sheet.add_argument("--out", type=Path, help="write the table here (missing folders are created; default: stdout)")
    sheet.add_argument("--answers", type=Path, help="also write the answer key (gradients filled in) here; not the same file as --out")
    sheet.add_argument("--no-constants", action="store_true", help="leave out the constants (targets, ½)")

    check = command(
        "check", check_command, help="grade a filled-in worksheet: correct / wrong / blank, and where the chain rule went wrong",
        description="Grade a worksheet (from worksheet --blank) filled in by hand. Exit status 0: every number written is right; "
        "1: some are wrong; 2: the file is not such a worksheet or does not match the graph.",
    )  # fmt: skip
    check.add_argument("filled", type=Path, metavar="FILLED.md", help="the worksheet with your numbers written in")
    check.add_argument("--markdown", action="store_true", help="the report as Markdown with LaTeX maths")

    page = command("explore", explore_command, help="one self-contained HTML page to click through the backpropagation", description="Write the interactive explorer.")
    page.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="the page to write (missing folders are created); open it from disk, no server needed")
    page.add_argument("--title", help="a heading for the page (default: ∂root/∂… explorer)")
    return parser


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
    if not fields or any(f not in ("data", "grad") for f in fields) or len(set(fields)) != len(fields):
        raise argparse.ArgumentTypeError(f"expected data,grad or data or grad, got {text[:40]!r}")
    return fields


def _positive_number(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not 0.0 < x < math.inf:
        raise argparse.ArgumentTypeError(f"expected a positive finite number (e.g. 0.5), got {text[:40]!r}")
    return x


