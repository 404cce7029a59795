"""What the documentation tests share: the Markdown pages (README.md, docs/*.md, benchmarks/README.md), their
fenced code blocks read line by line (indented fences inside list items too), and their relative links."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
#: the languages a fence may name: python and sh blocks are run by the tests, text blocks are output shown
LANGUAGES = ("python", "sh", "text")
#: how a command is run: every command line starting with one of these is run by tests/cli/test_cli_readme.py
CLI = ("autograd-mini", "python -m autograd_mini")
_FENCE = re.compile(r"^( *)```(.*?)\s*$")


class Block(NamedTuple):
    """One fenced code block: its page (relative to the repository), first line number, language, dedented text."""

    page: str
    line: int
    language: str
    code: str


def pages() -> list[Path]:
    """Every Markdown page whose code the tests run, README first."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "benchmarks" / "README.md"]


def name(page: Path) -> str:
    """A page as the tests name it: its path relative to the repository (or as given, outside it)."""
    return page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else str(page)


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a page, in order. A fence may be indented (inside a list item); its lines lose
    that indentation. An unclosed fence is a ValueError (it would swallow the rest of the page)."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, language = len(opening.group(1)), opening.group(2)
        body: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        if j == len(lines):
            raise ValueError(f"{name(page)}:{i + 1}: a ``` fence that is never closed")
        found.append(Block(name(page), i + 1, language, "\n".join(body) + "\n"))
        i = j + 1
    return found


def commands(block: Block) -> list[str]:
    """The command lines of an sh block (comments and blank lines left out)."""
    return [line.strip() for line in block.code.splitlines() if line.strip() and not line.strip().startswith("#")]


def argv(command: str) -> list[str]:
    """A documented ``autograd-mini …`` (or ``python -m autograd_mini …``) line as its arguments after the program."""
    words = shlex.split(command, comments=True)
    if words[:1] == ["autograd-mini"]:
        return words[1:]
    if words[:3] == ["python", "-m", "autograd_mini"]:
        return words[3:]
    raise ValueError(f"not a command of ours: {command}")


def file_name(block: Block) -> str | None:
    """The file a python block is meant to be saved as, when its first line says so (``# my_net.py``)."""
    first = block.code.splitlines()[0] if block.code.strip() else ""
    match = re.fullmatch(r"#\s*([\w.-]+\.py)\s*", first)
    return match.group(1) if match else None


_LINK = re.compile(r"""(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)|(?:src|href)="([^"]+)\"""")


def links(page: Path) -> list[tuple[int, str]]:
    """(line, target) for every link and image of a page outside its code blocks: Markdown and HTML alike."""
    fenced: set[int] = set()
    for block in blocks(page):
        fenced.update(range(block.line, block.line + block.code.count("\n") + 2))
    found = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if number in fenced:
            continue
        line = re.sub(r"`[^`]*`", "", line)  # code spans are not links
        found += [(number, next(g for g in match.groups() if g)) for match in _LINK.finditer(line)]
    return found


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, code marks and punctuation dropped, spaces to '-'."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"\s", "-", re.sub(r"[^\w\- ]", "", text))


def anchors(page: Path) -> set[str]:
    """Every heading anchor of a page (outside code blocks)."""
    fenced: set[int] = set()
    for block in blocks(page):
        fenced.update(range(block.line, block.line + block.code.count("\n") + 2))
    lines = page.read_text(encoding="utf-8").splitlines()
    return {slug(line.lstrip("#")) for number, line in enumerate(lines, 1) if number not in fenced and re.match(r"#{1,6} ", line)}
