"""Node names and numbers as LaTeX, for the Markdown exports: ``E_total`` -> ``E_{\\mathrm{total}}``."""

from __future__ import annotations

import re

from autograd_mini.text import cut, visible

#: Names longer than this are cut with "…" in maths (MathJax refuses maths over 5,000 characters; the Markdown
#: tables show every name in full beside it).
MAX_NAME = 60

#: Each character TeX or MathJax would read as markup, as the command that prints it. What remains holds no
#: ``\`` from the text (so no command such as ``\href`` or ``\class`` can be made), no ``{ }``, and nothing a
#: Markdown reader without maths would read as markup: no ``< > & [ ] | `` ` ``, no line break.
_SPECIAL = {
    "\\": r"\backslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\hat{}",
    "~": r"\sim{}",
    "<": r"\lt{}",
    ">": r"\gt{}",
    "[": r"\lbrack{}",
    "]": r"\rbrack{}",
    "|": r"\vert{}",
    "`": r"\grave{}",
    "\n": " ",
    "\r": " ",
}
_LECTURE_NAME = re.compile(r"([A-Za-z]+)(\d*)(?:_([A-Za-z0-9]+))?")


def escape(text: str) -> str:
    r"""Text shown as written inside ``\mathrm{…}`` in TeX, MathJax and KaTeX: LaTeX's special characters
    and ``< > [ ] |`` as commands, line breaks as spaces, unseen characters as ``\uXXXX`` (`visible`).

    >>> escape(r"\href{javascript:x}{<b>}")
    '\\backslash{}href\\{javascript:x\\}\\{\\lt{}b\\gt{}\\}'
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in visible(text))


def latex_name(name: str) -> str:
    """A node name in maths: ``w5`` -> ``w_{5}``, ``net_o1`` -> ``\\mathrm{net}_{o1}``,
    ``E_total`` -> ``E_{\\mathrm{total}}``; any other name is set upright, escaped and cut to `MAX_NAME` characters."""
    m = _LECTURE_NAME.fullmatch(name) if len(name) <= MAX_NAME else None
    if not m:
        return rf"\mathrm{{{escape(cut(name, MAX_NAME))}}}"
    base, digits, sub = m.groups()
    if digits and sub:
        return rf"\mathrm{{{escape(name)}}}"
    out = base if len(base) == 1 else rf"\mathrm{{{base}}}"
    index = digits or sub
    if index:
        index = index if (len(index) <= 2 or index.isdigit()) else rf"\mathrm{{{index}}}"
        out += f"_{{{index}}}"
    return out


def latex_number(text: str) -> str:
    """A formatted number in maths: ``-0.5`` -> ``-0.5``; ``1e-05`` -> ``1 \\times 10^{-5}``."""
    m = re.fullmatch(r"(-?[\d.]+)e([+-]\d+)", text)
    if m:
        return rf"{m.group(1)} \times 10^{{{int(m.group(2))}}}"
    return escape(text)  # a number_format's own text (``"{:.1%}"``, a function's) is shown as written
