"""``python -m autograd_mini``: draw, explain, replay and grade the gradients of any graph, without writing code.

Pick the graph (before or after the command) with ONE of:

    --example NAME                      a bundled worked example (default: mazur); see `examples`
    --expr "e = a*b; d = e + c; L = d*f" --set a=2 b=-3 c=10 f=-2
                                        your own expression (see `autograd_mini.expr`): every --set name
                                        is a leaf (role "parameter"), every assigned name labels its node,
                                        the last statement is the root
    --graph my_net.py:loss              a function in your file that returns the root Value

then a command:

    python -m autograd_mini examples                          # the bundled examples, their sources
    python -m autograd_mini draw --out mazur.svg              # the graph, values and gradients on it
    python -m autograd_mini draw --view slide --fields data --out forward.svg   # the lecture's diagram, no gradients
    python -m autograd_mini explain w1                        # ∂E_total/∂w1, path by path, as in the post
    python -m autograd_mini explain w5 --lr 0.5               # … ending with the update w5⁺ = 0.35891648
    python -m autograd_mini --expr "y = x*x + 3*x" --set x=2 explain x     # … = 7
    python -m autograd_mini tape                              # what backward() did, step by step
    python -m autograd_mini worksheet --blank --answers key.md --out exercise.md
    python -m autograd_mini check exercise.md                 # grade it once filled in: exit 0 right, 1 wrong
    python -m autograd_mini explore --out mazur.html          # click through backpropagation in a browser

Every command builds the graph and runs one forward and one backward pass, then reads it. Exit status:
0 done, 2 a usage error (``python -m autograd_mini <command>: error: …``, never a traceback), 1 when
Graphviz is missing for a rendering or when `check` finds a wrong number.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any, Callable, NoReturn, Optional, Sequence

from autograd_mini._cli_graph import UsageError, example_graph, expression_graph, file_graph, hoist_graph_options
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import find_node, is_expression, post_format

__all__ = ["main", "MAX_DECIMALS"]

MAX_DECIMALS = 17  # a float has at most 17 significant decimal digits
MAX_INPUT_BYTES = 5_000_000  # a worksheet to check is a few kilobytes

COMMANDS = ("examples", "draw", "explain", "tape", "worksheet", "check", "explore")
Format = Optional[Callable[[float], str]]  # None: the library's default (9 decimals; 4 in the slide view)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv[1:]``); returns the exit status (usage
    errors exit through `SystemExit` with status 2, as argparse does)."""
    parser = _parser()
    args = parser.parse_args(hoist_graph_options(sys.argv[1:] if argv is None else argv, COMMANDS))
    command: argparse.ArgumentParser = args.command_parser
    try:
        if args.run is _examples:
            if args.expr is not None or args.graph is not None or args.set:
                raise UsageError("examples lists the bundled examples; it takes no --expr, --set or --graph")
            return _examples()
        root = _graph(args)
        return args.run(args, root, None if args.decimals is None else partial(post_format, decimals=args.decimals))
    except UsageError as error:
        _fail(command, str(error))
    except (ValueError, ArithmeticError) as error:  # a library refusal: its message says what to do
        _fail(command, str(error))
    except BrokenPipeError:  # output piped into `head`: stop quietly (as the Python docs advise)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except RecursionError:
        _fail(command, "the graph is too deep for this command; try a smaller graph")
    except Exception as error:  # never a traceback: say what happened
        _fail(command, f"internal error ({type(error).__name__}: {error}); please report it with the command line")


def _fail(command: argparse.ArgumentParser, message: str) -> NoReturn:
    command.error(message)


def _graph(args: argparse.Namespace) -> Value:
    if args.set and args.expr is None:
        raise UsageError("--set gives values to the names of --expr; add --expr \"y = …\"")
    if args.expr is not None:
        return expression_graph(args.expr, args.set or [])
    if args.graph is not None:
        return file_graph(args.graph, lambda text: print(f"python -m autograd_mini: note: {text}", file=sys.stderr))
    return example_graph(args.example or "mazur")


# ---------------------------------------------------------------------- the parser
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograd_mini",
        description="Draw, explain, replay and grade the gradients of a graph: a bundled worked example (--example), "
        "your own expression (--expr with --set) or a function in your file (--graph). Forward and backward are run for you.",
        allow_abbrev=False,
    )
    choice = parser.add_mutually_exclusive_group()
    from autograd_mini.examples import EXAMPLES

    choice.add_argument("--example", metavar="NAME", help=f"a bundled worked example: {', '.join(EXAMPLES)} (default: mazur); the examples command says what each shows")
    choice.add_argument("--expr", metavar="TEXT", help='your expression, e.g. "e = a*b; d = e + c; L = d*f" with --set a=2 b=-3 c=10 f=-2')
    choice.add_argument("--graph", metavar="FILE.py:FUNCTION", help="a function in your file that returns the root Value (backward() is run unless done)")
    parser.add_argument("--set", action="append", metavar="NAME=NUMBER", help="the values of --expr's names, each a leaf (role parameter): --set a=2 b=-3")
    parser.add_argument(
        "--decimals", type=_bounded(1, MAX_DECIMALS), help=f"decimals of the numbers shown, 1 to {MAX_DECIMALS} (default 9, as the Mazur post prints; 4 in draw --view slide)"
    )
    sub = parser.add_subparsers(title="commands", metavar="{" + ",".join(COMMANDS) + "}", required=True)

    def command(name: str, run: Callable[..., int], **kwargs: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, **kwargs)
        p.set_defaults(run=run, command_parser=p)
        return p

    command("examples", _examples, help="list the bundled worked examples with their sources", description="The bundled worked examples.")

    draw = command("draw", _draw, help="render the graph (.svg/.png/.pdf) or write its DOT source", description="Render the graph with every value and gradient.")
    draw.add_argument("--out", type=Path, help="file to write (missing folders are created); the suffix picks the format: .svg .png .pdf, or .dot/.gv for the source (default: DOT source to stdout)")
    draw.add_argument("--view", choices=["full", "slide"], default="full", help="every value, op and edge (default), or the lectures' slide: neurons as net | out, weights on the edges, 4 decimals")
    draw.add_argument("--fields", type=_fields, default=("data", "grad"), metavar="data,grad", help="what each value shows: data,grad (default), data (a forward-pass slide) or grad")
    draw.add_argument("--rankdir", choices=["LR", "TB"], default="LR", help="left to right (default) or top to bottom")
    draw.add_argument("--clusters", choices=["layers", "neurons", "none"], default="layers", help="boxes around the layers (default), each neuron, or none")
    draw.add_argument("--highlight", metavar="NAME", help="mark every path from this node (e.g. w1) to the root")
    draw.add_argument("--edge-labels", choices=["local", "contribution", "both"], help="label edges with the local derivative and/or the contribution to the input's grad")
    draw.add_argument("--no-legend", action="store_true", help="leave out the legend")
    draw.add_argument("--max-nodes", type=_bounded(1, 100_000), default=1000, help="refuse graphs with more values (default 1000: dot takes seconds beyond)")

    explain = command("explain", _explain, help="∂root/∂NAME, path by path, factor by factor", description="Explain one gradient with the chain rule.")
    explain.add_argument("name", help="a labelled node, e.g. w1 … w8, b1, out_h1")
    explain.add_argument("--markdown", action="store_true", help="Markdown with LaTeX maths instead of plain text")
    explain.add_argument("--fold", choices=["post", "labels", "none"], default="post", help="factor grouping: as the post (default), one per labelled node, or every edge")
    explain.add_argument("--expand", action="store_true", help="also spell out each folded factor edge by edge")
    explain.add_argument("--max-paths", type=_bounded(1, 10_000), default=64, help="list at most this many paths (default 64, at most 10,000)")
    explain.add_argument("--lr", type=_positive_number, metavar="ETA", help="a learning rate η: end with the update step w⁺ = w − η·∂root/∂w")

    tape = command("tape", _tape, help="the steps of backward(), in order", description="Replay backward() step by step.")
    tape.add_argument("--markdown", action="store_true", help="a Markdown table instead of plain text")
    tape.add_argument("--no-leaves", action="store_true", help="leave out the leaves (inputs, weights, constants), which pass nothing on")

    sheet = command("worksheet", _worksheet, help="a Markdown table of the nodes (gradients optionally blank)", description="Export a worksheet.")
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
        "check", _check, help="grade a filled-in worksheet: correct / wrong / blank, and where the chain rule went wrong",
        description="Grade a worksheet (from worksheet --blank) filled in by hand. Exit status 0: every number written is right; "
        "1: some are wrong; 2: the file is not such a worksheet or does not match the graph.",
    )  # fmt: skip
    check.add_argument("filled", type=Path, metavar="FILLED.md", help="the worksheet with your numbers written in")
    check.add_argument("--markdown", action="store_true", help="the report as Markdown with LaTeX maths")

    page = command("explore", _explore, help="one self-contained HTML page to click through the backpropagation", description="Write the interactive explorer.")
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
    from autograd_mini.render import GraphvizNotFoundError, RenderError

    try:
        path = write()
    except (GraphvizNotFoundError, RenderError) as error:
        print(f"python -m autograd_mini {command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # our writers' messages already name the file: "save: cannot write 'x': …"
        said = str(error) if "cannot write" in str(error) else f"cannot write {str(out)!r}: {error.strerror or error}"
        raise UsageError(f"--out: {said}") from None
    print(f"wrote {path}")
    return 0


# ---------------------------------------------------------------------- the commands
def _examples() -> int:
    from autograd_mini.examples import EXAMPLES

    print(f"{len(EXAMPLES)} bundled worked examples (use one: python -m autograd_mini --example NAME draw|explain|tape|worksheet|explore …):")
    for name, example in EXAMPLES.items():
        print(f"\n{name}: {example.title}\n  shows:  {example.shows}\n  source: {example.source}")
    return 0


def _draw(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.draw import FORMATS, draw_dot, save

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


def _check(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.grading import check_worksheet

    result = check_worksheet(root, _read(args.filled, "check"))  # ValueError: not a matching worksheet (exit 2)
    print(result.markdown() if args.markdown else result.text())
    return result.exit_code


def _explore(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.explore import explore

    return _written("explore", args.out, lambda: explore(root, args.out, title=args.title, number_format=fmt))


def _explain(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.trace import explain

    wrt = _node(root, args.name, "explain")
    result = explain(root, wrt, fold=args.fold, max_paths=args.max_paths, number_format=fmt, lr=args.lr)
    print(result.markdown() if args.markdown else result.text(expand=args.expand))
    return 0


def _tape(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.tape import tape

    result = tape(root, leaves=not args.no_leaves, number_format=fmt)
    print(result.markdown() if args.markdown else result.text())
    return 0


def _worksheet(args: argparse.Namespace, root: Value, fmt: Format) -> int:
    from autograd_mini.worksheet import worksheet

    if args.out is not None and args.answers is not None and _same_file(args.out, args.answers):
        raise UsageError(f"--out and --answers name the same file ({str(args.out)!r}); the exercise would overwrite the answer key: give two files")
    sheet = worksheet(root, blank=args.blank_row or args.blank, constants=not args.no_constants, number_format=fmt)
    if args.answers is not None:
        _write(args.answers, sheet.answer_key, "--answers")
    if args.out is not None:
        _write(args.out, sheet.exercise, "--out")
    else:
        print(sheet.exercise)
    return 0
