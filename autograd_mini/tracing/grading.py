"""Grading a hand-filled worksheet: every number checked at the precision it was written, and for each
wrong gradient the chain-rule step where the student departs.

A student gets ``worksheet(E_total, blank="grads").exercise``, writes numbers into the empty cells and
hands it back; ``check_worksheet(E_total, filled_text)`` compares every number written (``0.0822``
claims ± 0.00005, as `autograd_mini.testing.assert_published` reads a printed figure) with the engine's
values and reports, per row, correct / wrong / left blank. For each wrong gradient, in backward order
(the root first), it shows the step a node's gradient comes from::

    ∂E_total/∂out_h1 = ∂E_total/∂net_o1 × ∂net_o1/∂out_h1 + ∂E_total/∂net_o2 × ∂net_o2/∂out_h1
                     = 0.138498562 × 0.4 + (-0.038098237) × 0.5 = 0.036350306

using the student's own numbers for the nodes above where they wrote them, so a missing path, a sign, a
forgotten local derivative or an error carried down from above is named.

What counts (issue 20): a blank cell is unfinished work (status ``incomplete``, exit 1) unless
``allow_blank=True``; a written number is correct when it is strictly within half a unit of its last
written digit AND carries at least ``sig_figs`` significant figures (``imprecise`` otherwise), or when it
is the true value itself (``0.5`` for a gradient of exactly 0.5, up to a few ulps of rounding). A sheet
`worksheet` wrote carries a record of which cells it left blank: the given cells (``#``, node names,
the numbers handed out) must be as handed out. ``exit_code`` is 0 when the sheet is correct, 1 when a
number is wrong, imprecise or (unless allowed) blank; a text that is not such a worksheet, whose rows do
not match the graph or whose given columns were edited raises ValueError (the CLI's exit status 2).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable, Optional

from autograd_mini import validate
from autograd_mini.engine import Value, topological_order
from autograd_mini.graph import check_root, names, partial, paused_gc, post_format
from autograd_mini.testing import agrees, published_tolerance
from autograd_mini.text import markdown_cell, markdown_code, markdown_text, read_markdown_cell
from autograd_mini.tracing import maths as m
from autograd_mini.tracing.rules import local_rule
from autograd_mini.tracing.worksheet import WorksheetRow, read_record, significant_figures, strictly_within, worksheet

__all__ = ["check_worksheet", "WorksheetCheck", "RowCheck", "CellCheck", "Diagnosis", "ROW_STATUSES", "FILE_STATUSES"]

ROW_STATUSES = ("correct", "wrong", "imprecise", "blank")
FILE_STATUSES = ("correct", "incomplete", "wrong", "unusable")  # unusable: the CLI's word for a file it cannot grade

_HEADER = re.compile(r"^\|\s*#\s*\|\s*node\s*\|\s*role\s*\|\s*op\s*\|\s*inputs\s*\|\s*data\s*\|\s*∂(.+)/∂node\s*\|\s*$")
_MAX_TERMS = 20


@dataclass(frozen=True)
class CellCheck:
    """One cell: what was written (``""`` when blank), the right value, and its status: ``"correct"``,
    ``"wrong"``, ``"imprecise"`` (right to the digits written, too few significant figures) or ``"blank"``."""

    written: str
    expected: float
    status: str
    sig_figs: int = 0  # the figures asked for (for the message of an imprecise cell)

    @property
    def value(self) -> Optional[float]:
        """The written number as a float (None when blank or not a number)."""
        try:
            return float(Decimal(_clean(self.written))) if self.written else None
        except (InvalidOperation, ValueError, OverflowError):
            return None


@dataclass(frozen=True)
class RowCheck:
    """One row: its number and name, its two cells, and which of them the student was to fill in
    (``graded``: ("data", "grad"), ("grad",), … ; a row with nothing to fill in is not graded)."""

    number: int
    name: str
    data: CellCheck
    grad: CellCheck
    graded: tuple[str, ...] = ("data", "grad")

    @property
    def cells(self) -> tuple[CellCheck, ...]:
        """The cells the student was to fill in (both when the sheet does not say)."""
        return tuple(self.data if c == "data" else self.grad for c in self.graded) or (self.data, self.grad)

    @property
    def status(self) -> str:
        """``"wrong"`` if a number to fill in is wrong, else ``"imprecise"``, else ``"blank"`` if a cell is
        empty, else ``"correct"``."""
        cells = [c.status for c in self.cells]
        return next((s for s in ("wrong", "imprecise", "blank") if s in cells), "correct")

    @property
    def main(self) -> CellCheck:
        """The cell a one-number report shows: the gradient, unless only the value was to be filled in."""
        return self.data if self.graded == ("data",) else self.grad


@dataclass(frozen=True)
class Diagnosis:
    """The chain-rule step behind one wrong gradient, and what the student's number matches."""

    name: str
    written: str
    expected: float
    lines: tuple[tuple[str, Optional[m.Term]], ...] = field(repr=False)


@dataclass(frozen=True)
class WorksheetCheck:
    """The result of `check_worksheet`: per row correct / wrong / left blank, and the diagnoses."""

    root_name: str
    rows: tuple[RowCheck, ...]
    diagnoses: tuple[Diagnosis, ...]
    fmt: Callable[[float], str] = field(repr=False, default=post_format)
    allow_blank: bool = False
    sig_figs: int = 3
    source: Optional[dict] = None  # what the sheet records it was made from (None: no record, or none given)

    @property
    def graded(self) -> tuple[RowCheck, ...]:
        """The rows with a cell to fill in (every row of a sheet without a record)."""
        return tuple(r for r in self.rows if r.graded)

    @property
    def wrong(self) -> tuple[RowCheck, ...]:
        return tuple(r for r in self.graded if r.status == "wrong")

    @property
    def imprecise(self) -> tuple[RowCheck, ...]:
        return tuple(r for r in self.graded if r.status == "imprecise")

    @property
    def blank(self) -> tuple[RowCheck, ...]:
        return tuple(r for r in self.graded if r.status == "blank")

    @property
    def correct(self) -> tuple[RowCheck, ...]:
        return tuple(r for r in self.graded if r.status == "correct")

    @property
    def score(self) -> int:
        """The correct rows."""
        return len(self.correct)

    @property
    def max_score(self) -> int:
        """The rows to fill in."""
        return len(self.graded)

    @property
    def status(self) -> str:
        """``"wrong"`` when a row is wrong or imprecise, ``"incomplete"`` when rows are blank (and none is
        wrong), ``"correct"`` otherwise."""
        return "wrong" if self.wrong or self.imprecise else ("incomplete" if self.blank else "correct")

    @property
    def exit_code(self) -> int:
        """0 when the sheet is correct (blanks allowed with ``allow_blank``), 1 otherwise (for autograders)."""
        return 0 if self.status == "correct" or (self.status == "incomplete" and self.allow_blank) else 1

    def message(self, row: RowCheck) -> str:
        """What a row's report says: each cell to fill in, and for a wrong gradient the chain-rule step."""
        parts = []
        for kind, cell in zip(row.graded or ("data", "grad"), row.cells):
            what = "value" if kind == "data" else partial(self.root_name, row.name)
            parts.append(f"{what}: {_cell_message(cell, self.fmt)}")
        out = "; ".join(parts)
        for d in self.diagnoses:
            if d.name == row.name:
                out += "\n" + "\n".join(prose + ("" if term is None else m.text(term, self.fmt)) for prose, term in d.lines)
        return out

    def reports(self) -> list[dict]:
        """One dict per row to fill in: ``row``, ``node``, ``status``, ``written`` (None when blank),
        ``expected`` and ``message`` (the JSON report's rows)."""
        return [
            {"row": r.number, "node": r.name, "status": r.status, "written": r.main.written or None,
             "expected": r.main.expected, "message": self.message(r)}
            for r in self.graded
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _summary(self) -> str:
        imprecise = f", {len(self.imprecise)} imprecise" if self.imprecise else ""
        blanks = " (allowed)" if self.allow_blank and self.blank else ""
        return (
            f"{len(self.correct)} rows correct, {len(self.wrong)} wrong{imprecise}, {len(self.blank)} left blank{blanks} "
            f"(of {len(self.graded)}): {self.status}"
        )

    def _cell_text(self, c: CellCheck) -> str:
        if c.status == "blank":
            return "blank"
        if c.status == "correct":
            return f"✓ {c.written}"
        if c.status == "imprecise":
            return f"≈ {c.written} (too few figures: write at least {c.sig_figs} significant figures)"
        return f"✗ {c.written} (is {self.fmt(c.expected)})"

    def text(self) -> str:
        """The report as plain text: the summary, one line per row, then each wrong gradient's chain-rule step."""
        lines = [f"worksheet check against {self.root_name}: {self._summary()}"]
        for r in self.rows:
            lines.append(f"{r.number:>3}. {r.name}: {r.status}; data {self._cell_text(r.data)}; {partial(self.root_name, r.name)} {self._cell_text(r.grad)}")
        if self.diagnoses:
            lines += ["", "where the wrong gradients depart from the chain rule (backward order, the root first):"]
        for d in self.diagnoses:
            for prose, term in d.lines:
                lines.append(prose + ("" if term is None else m.text(term, self.fmt)))
        return "\n".join(lines)

    def markdown(self) -> str:
        """The report as Markdown: a table of the rows, then the chain-rule steps with LaTeX maths."""
        out = [f"**Worksheet check** against {markdown_code(self.root_name)}: {self._summary()}", "",
               f"| # | node | data | ∂{markdown_cell(self.root_name)}/∂node | status |", "|---:|---|---|---|---|"]  # fmt: skip
        for r in self.rows:
            out.append(f"| {r.number} | {markdown_cell(r.name)} | {markdown_cell(self._cell_text(r.data))} | {markdown_cell(self._cell_text(r.grad))} | {r.status} |")
        if self.diagnoses:
            out += ["", "Where the wrong gradients depart from the chain rule (backward order, the root first):"]
        for d in self.diagnoses:
            out.append("")
            for prose, term in d.lines:
                text = markdown_text(prose.strip())
                out.append(text if term is None else f"{text} $${m.latex(term, self.fmt)}$$".strip())
                out.append("")
        return "\n".join(out).rstrip() + "\n"


def check_worksheet(root: Value, text: str, *, allow_blank: bool = False, sig_figs: int = 3) -> WorksheetCheck:
    """Grade a worksheet made by `autograd_mini.tracing.worksheet.worksheet` and filled in by hand (see the module docstring).

    Args:
        allow_blank: blank cells are neutral (a self-check) instead of unfinished work.
        sig_figs: the significant figures a number must carry unless it is the true value itself
            (0: any number of figures; the comparison stays strict).

    Raises:
        TypeError: ``root`` is not a Value, ``text`` not a str, a flag not a bool, ``sig_figs`` not an int.
        ValueError: ``text`` holds no worksheet table, its rows do not match ``root``'s graph, or its given
            columns were edited (the message says which rows); its record is damaged; ``sig_figs`` < 0.
    """
    check_root(root, "check_worksheet")
    validate.text(text, "check_worksheet", "text")
    allow_blank = validate.boolean(allow_blank, "check_worksheet", "allow_blank")
    sig_figs = validate.integer(sig_figs, "check_worksheet", "sig_figs", low=0, high=17)
    with paused_gc():
        names(topological_order(root), "check_worksheet")  # every label is text (else a TypeError saying so)
        record = read_record(text)
        header, table = _parse(text)
        full = worksheet(root).rows
        candidates: tuple[tuple[WorksheetRow, ...], ...]
        if record is None:
            candidates = (full, worksheet(root, constants=False).rows)
        else:
            candidates = (full,) if record["constants"] else (worksheet(root, constants=False).rows,)
        reference = _match(table, *candidates)
        if header.strip() != _as_read(reference[-1].name) and header.strip() != _as_read(_root_row(full).name):
            raise ValueError(
                f"check_worksheet: the gradient column is ∂{header}/∂node but the root is {_root_row(full).name}; "
                "grade the worksheet against the graph it was made from"
            )
        graded = _graded_cells(reference, record)
        if record is not None:
            _check_given(table, reference, graded)
        rows = tuple(_check_row(cells, ref, g, sig_figs) for cells, ref, g in zip(table, reference, graded))
        diagnoses = _diagnose(root, rows, reference, _root_row(full).name)
    source = None if record is None else record["source"]
    return WorksheetCheck(_root_row(full).name, rows, diagnoses, allow_blank=allow_blank, sig_figs=sig_figs, source=source)


# ---------------------------------------------------------------------- reading the table
def _split(line: str) -> list[str]:
    """The cells of a Markdown table row, each read back with `read_markdown_cell` (``\\|``, ``&lt;`` …)."""
    cells, cur, i = [], [], 0
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur.append(body[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append(read_markdown_cell("".join(cur).strip()))
            cur = []
        else:
            cur.append(ch)
        i += 1
    if "".join(cur).strip():
        cells.append(read_markdown_cell("".join(cur).strip()))
    return cells


def _parse(text: str) -> tuple[str, list[list[str]]]:
    lines = text.splitlines()
    found = [(k, _HEADER.match(line.strip())) for k, line in enumerate(lines) if line.lstrip().startswith("|")]
    hits = [(k, mt) for k, mt in found if mt is not None]
    if not hits:
        raise ValueError(
            "check_worksheet: no worksheet table in the text: expected the header "
            "'| # | node | role | op | inputs | data | ∂E/∂node |' that worksheet() writes; "
            "grade the file worksheet(..., blank=...) produced"
        )
    i, match = hits[0]
    header = _split(lines[i])[6]
    header = header[1 : header.index("/∂node")] if header.startswith("∂") and "/∂node" in header else match.group(1)
    rows = []
    for j in range(i + 2, len(lines)):
        line = lines[j].strip()
        if not line.startswith("|"):
            break
        cells = _split(line)
        if len(cells) != 7:
            raise ValueError(f"check_worksheet: line {j + 1} has {len(cells)} cells, not 7 (# | node | role | op | inputs | data | gradient): {line[:80]!r}")
        rows.append(cells)
    if not rows:
        raise ValueError("check_worksheet: the worksheet table has no rows")
    return header, rows


def _match(table: list[list[str]], *candidates: tuple[WorksheetRow, ...]) -> tuple[WorksheetRow, ...]:
    """The reference rows the table was made from (with or without constants), or a ValueError saying how it differs."""
    names = [cells[1] for cells in table]
    for ref in candidates:
        if [_as_read(r.name) for r in ref] == names:
            differ = [
                f"#{r.number} {r.name} (op {cells[3]!r} vs {r.op!r}, inputs {cells[4]!r} vs {', '.join(r.inputs)!r})"
                for cells, r in zip(table, ref)
                if cells[3] != _as_read(r.op) or cells[4] != _as_read(", ".join(r.inputs))
            ]
            if differ:
                raise ValueError(f"check_worksheet: rows do not match the graph: {'; '.join(differ[:10])[:1500]}")
            return ref
    ref = candidates[0]
    expected = [r.name for r in ref]
    missing = [n for n in expected if n not in set(names)]
    extra = [n for n in names if n not in set(expected)]
    parts = []
    if missing:
        parts.append(f"missing rows: {', '.join(missing[:15])}")
    if extra:
        parts.append(f"rows not in the graph: {', '.join(repr(n)[:40] for n in extra[:15])}")
    if not parts:
        first = next(k for k, (a, b) in enumerate(zip(names, expected)) if a != b)
        parts.append(f"row {first + 1} is {names[first]!r} in the text but {expected[first]!r} in the graph (rows reordered)")
    raise ValueError(f"check_worksheet: the worksheet's rows do not match the graph of {ref[-1].name if ref else 'the root'}: {'; '.join(parts)}")


def _as_read(text: str) -> str:
    """``text`` as a worksheet cell reads back (one line, its line breaks as spaces; the cell's edges trimmed)."""
    return text.replace("\n", " ").replace("\r", " ").strip()


def _root_row(rows: tuple[WorksheetRow, ...]) -> WorksheetRow:
    return next(r for r in rows if r.role == "output")


def _clean(written: str) -> str:
    return written.strip().replace("−", "-").replace("_", "").replace(" ", "")


def _exact(expected: float, written: str) -> bool:
    """Is the written number the true value itself, as floats up to rounding (a few ulps)?"""
    try:
        w = float(Decimal(_clean(written)))
    except (InvalidOperation, ValueError, OverflowError):
        return False
    if not math.isfinite(w):
        return False
    return abs(w - expected) <= 4 * max(math.ulp(expected), math.ulp(w))


def _grade_cell(written: str, expected: float, sig_figs: int) -> CellCheck:
    """The precision rule: exact, or strictly within half a unit of the last digit with ≥ ``sig_figs`` figures."""
    w = written.strip()
    if not w:
        return CellCheck("", expected, "blank", sig_figs)
    if _exact(expected, w):
        return CellCheck(w, expected, "correct", sig_figs)
    if not strictly_within(expected, _clean(w)):
        return CellCheck(w, expected, "wrong", sig_figs)
    enough = sig_figs == 0 or significant_figures(_clean(w)) >= sig_figs
    return CellCheck(w, expected, "correct" if enough else "imprecise", sig_figs)


def _cell_message(cell: CellCheck, fmt: Callable[[float], str]) -> str:
    if cell.status == "blank":
        return "left blank"
    if cell.status == "correct":
        return f"{cell.written} is correct"
    if cell.status == "imprecise":
        return (
            f"{cell.written} is right to the digits written but carries {significant_figures(_clean(cell.written))} "
            f"significant figures; write at least {cell.sig_figs} (round only at the end)"
        )
    return f"you wrote {cell.written}; it is {fmt(cell.expected)}"


def _graded_cells(reference: tuple[WorksheetRow, ...], record: Optional[dict]) -> list[tuple[str, ...]]:
    """Per row, the cells the exercise left blank (from the sheet's record; both cells without one)."""
    if record is None:
        return [("data", "grad")] * len(reference)
    blank = record["blank"]
    chosen = set(blank) if isinstance(blank, list) else set()
    out = []
    for r in reference:
        computed = bool(r.inputs)
        if isinstance(blank, list):
            data, grad = computed and r.name in chosen, r.name in chosen
        else:
            data, grad = computed and blank in ("data", "both"), blank in ("grads", "both")
        out.append(tuple(c for c, on in (("data", data), ("grad", grad)) if on))
    return out


def _check_given(table: list[list[str]], reference: tuple[WorksheetRow, ...], graded: list[tuple[str, ...]]) -> None:
    """The given columns as handed out: the ``#`` column, and every number not left blank (at its written precision)."""
    edited = []
    for k, (cells, r, g) in enumerate(zip(table, reference, graded), 1):
        changes = []
        if cells[0] != str(k):
            changes.append(f"# {cells[0][:20]!r}")
        if cells[2] != r.role:
            changes.append(f"role {cells[2][:30]!r}")
        for kind, col, value in (("data", 5, r.data), ("grad", 6, r.grad)):
            if kind not in g and not _handed_out(cells[col], value):
                changes.append(f"{'data' if kind == 'data' else 'gradient'} {cells[col][:30]!r}")
        if changes:
            edited.append(f"row {k} {r.name} ({', '.join(changes)})")
    if edited:
        listed = "; ".join(edited[:10]) + (f" … ({len(edited)} rows in all)" if len(edited) > 10 else "")
        raise ValueError(
            f"check_worksheet: the given columns were edited: {listed}; only the blank cells are to be filled in: "
            "grade a copy of the handed-out sheet"
        )


def _handed_out(written: str, value: float) -> bool:
    w = written.strip()
    if not w:
        return False
    try:
        return _exact(value, w) or agrees(value, _clean(w))
    except (TypeError, ValueError, ArithmeticError):
        return False


def _check_row(cells: list[str], ref: WorksheetRow, graded: tuple[str, ...], sig_figs: int) -> RowCheck:
    data, grad = _grade_cell(cells[5], ref.data, sig_figs), _grade_cell(cells[6], ref.grad, sig_figs)
    return RowCheck(ref.number, ref.name, data, grad, graded)


# ---------------------------------------------------------------------- diagnosing wrong gradients
def _diagnose(root: Value, rows: tuple[RowCheck, ...], ref: tuple[WorksheetRow, ...], root_name: str) -> tuple[Diagnosis, ...]:
    order = topological_order(root)
    position = {id(n): i for i, n in enumerate(order)}
    by_node = {id(r.node): (r, c) for r, c in zip(ref, rows)}
    parents: dict[int, list[tuple[Value, int]]] = {}
    for node in order:
        for k, child in enumerate(node.children):
            parents.setdefault(id(child), []).append((node, k))
    name_of = {id(r.node): r.name for r in ref}
    wrong = sorted((r for r, c in zip(ref, rows) if c.grad.status == "wrong"), key=lambda r: -position[id(r.node)])
    out = []
    for r in wrong:
        out.append(_step(r, by_node[id(r.node)][1], parents.get(id(r.node), []), by_node, name_of, root_name))
        if len(out) >= 50:
            break
    return tuple(out)


def _step(r: WorksheetRow, check: RowCheck, parents: list[tuple[Value, int]], by_node: dict, name_of: dict[int, str], root_name: str) -> Diagnosis:
    written = check.grad.written
    lines: list[tuple[str, Optional[m.Term]]] = [
        (f"{r.number}. {partial(root_name, r.name)}: you wrote {written}; it is {post_format(r.grad)}", None)
    ]
    if not parents:
        lines.append(("   the root's own gradient is the seed of backward(): ", m.eq(("partial", root_name, r.name), m.num(1.0))))
        return Diagnosis(r.name, written, r.grad, tuple(lines))
    terms, upstream_values, yours = [], [], []
    for parent, k in parents:
        pr, pc = by_node[id(parent)] if id(parent) in by_node else (None, None)
        student = pc.grad.value if pc is not None and pc.grad.status != "blank" else None
        up = student if student is not None and math.isfinite(student) else (pr.grad if pr is not None else 0.0)
        mine = student is not None and pc is not None and pc.grad.status == "wrong"
        terms.append((parent, k, up, mine))
        upstream_values.append(up * parent.local_grads[k])
        yours.append(mine)
    from_upstream = math.fsum(upstream_values)
    pname = lambda p: name_of.get(id(p), p.label or "?")  # noqa: E731
    feeds = ", ".join(dict.fromkeys(pname(p) for p, _ in parents))
    shown = terms[:_MAX_TERMS]
    symbols = m.plus([m.prod([("partial", root_name, pname(p)), ("partial", pname(p), r.name)]) for p, k, _, _ in shown])
    numbers = m.plus([m.prod([m.num(up), m.num(p.local_grads[k])]) for p, k, up, _ in shown])
    products = m.plus([m.num(v) for v in upstream_values[:_MAX_TERMS]])
    more = f" (the first {_MAX_TERMS} of {len(terms)} terms shown)" if len(terms) > _MAX_TERMS else ""
    lines.append((f"   {r.name} feeds {feeds}{more}, so ", m.eq(("partial", root_name, r.name), symbols)))
    lines.append(("      ", m.eq(m.raw(""), numbers, products, m.num(from_upstream))))
    namer = lambda v: name_of.get(id(v), v.label or "?")  # noqa: E731
    for p, k, _, _ in shown:
        rule = local_rule(p, k, namer)
        if rule is not None and rule[0] != "num":
            lines.append(("      where ", m.eq(("partial", pname(p), r.name), rule, m.num(p.local_grads[k]))))
    lines.append(("   " + _verdict(written, from_upstream, terms, upstream_values, any(yours), pname, root_name, r.name), None))
    return Diagnosis(r.name, written, r.grad, tuple(lines))


def _verdict(written: str, from_upstream: float, terms: list, values: list[float], used_yours: bool, pname: Callable, root_name: str, name: str) -> str:
    """What the student's number matches: their own (wrong) upstream numbers, one path, all but one, …"""

    def says(x: float) -> bool:
        try:
            return agrees(x, _clean(written))
        except (TypeError, ValueError, ArithmeticError):
            return False

    try:
        published_tolerance(_clean(written))
    except (TypeError, ValueError, ArithmeticError):
        return f"{written!r} is not a number: write a decimal number such as 0.0822"
    above = ", ".join(f"∂{root_name}/∂{pname(p)}" for p, _, _, mine in terms if mine)
    if used_yours and says(from_upstream):
        return f"this step is right from your numbers above; the error comes from {above}: fix that first"
    if used_yours:
        return f"(the numbers above use your {above}, which is wrong too)"
    if says(from_upstream):
        return "your number follows from the rounded numbers you wrote above, but not at the precision you wrote it: carry more digits and round only at the end"
    if len(values) > 1:
        for i, v in enumerate(values):
            if says(v):
                others = list(dict.fromkeys(pname(p) for j, (p, _, _, _) in enumerate(terms) if j != i))
                missing = f"the path through {others[0]} is" if len(others) == 1 else f"the paths through {', '.join(others)} are"
                return f"your number is the path through {pname(terms[i][0])} alone: {missing} missing (a node that feeds several nodes adds them all)"
        for i in range(len(values)):
            if says(math.fsum(values[:i] + values[i + 1 :])):
                return f"your number leaves out the path through {pname(terms[i][0])}"
    if says(-from_upstream):
        return "your number has the wrong sign"
    if len(terms) == 1 and says(terms[0][2]):
        p, k = terms[0][0], terms[0][1]
        return f"your number is ∂{root_name}/∂{pname(p)} itself: multiply it by the local derivative ∂{pname(p)}/∂{name} = {post_format(p.local_grads[k])}"
    if says(math.fsum(up for _, _, up, _ in terms)):
        return f"your number adds the gradients above without multiplying by the local derivatives ∂…/∂{name}"
    return "check the multiplications above: your number matches none of the products or their sum"
