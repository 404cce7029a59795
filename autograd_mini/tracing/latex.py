"""Node names and numbers as LaTeX, for the Markdown exports: ``E_total`` -> ``E_{\\mathrm{total}}``."""

from __future__ import annotations

import re

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
}
_LECTURE_NAME = re.compile(r"([A-Za-z]+)(\d*)(?:_([A-Za-z0-9]+))?")


def escape(text: str) -> str:
    """Text with LaTeX's special characters escaped, for use inside ``\\mathrm{…}``."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def latex_name(name: str) -> str:
    """A node name in maths: ``w5`` -> ``w_{5}``, ``net_o1`` -> ``\\mathrm{net}_{o1}``,
    ``E_total`` -> ``E_{\\mathrm{total}}``; any other name is set upright and escaped."""
    m = _LECTURE_NAME.fullmatch(name)
    if not m:
        return rf"\mathrm{{{escape(name)}}}"
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
    return text
