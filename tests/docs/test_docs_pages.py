"""The documentation pages as a whole: README short and by reader, each reference page linked from it, every
code block of a known kind and collected (so that none silently stops being run), every shell command run
by some test or named here with the reason it is not, and every relative link resolving to a file of the
repository (and every #anchor to a heading of its page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from doc_blocks import CLI, LANGUAGES, ROOT, anchors, blocks, commands, links, name, pages, slug

PAGES = pages()
#: what each page must keep: at least this many python snippets and shell command lines (a snippet that
#: stops being collected, e.g. a fence renamed ```py, makes its page fall short here)
MINIMUM = {  # page: (python snippets, command lines)
    "README.md": (3, 5),
    "docs/architecture.md": (1, 0),
    "docs/cli.md": (1, 15),
    "docs/drawing.md": (1, 0),
    "docs/engine.md": (2, 0),
    "docs/explorer.md": (1, 0),
    "docs/grading.md": (2, 4),
    "docs/nn.md": (2, 5),
    "docs/testing.md": (3, 0),
    "docs/tracing.md": (1, 0),
    "docs/higher-order.md": (6, 0),
    "benchmarks/README.md": (0, 2),
}
#: shell lines no test runs, each with the reason (anything else in an sh block must be run by a test)
NOT_RUN = {
    r"bash scripts/run\.sh test\b.*": "the whole test suite: the command that runs this test",
    r"bash scripts/run\.sh demo\b.*": "runs demos/mazur.py after set-up, which tests/docs/test_demo_mazur.py runs",
    r"bash scripts/run\.sh bench\b.*": "the benchmark takes minutes, and tests assert no times",
    r"python benchmarks/bench\.py( --quick| --only epochs)?": "the benchmark takes minutes, and tests assert no times",
}
DEMO_TESTS = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "docs").glob("test_demo*.py"))
REFERENCE = ["docs/tracing.md", "docs/drawing.md", "docs/explorer.md", "docs/cli.md", "docs/grading.md", "docs/testing.md",
             "docs/nn.md", "docs/engine.md", "docs/architecture.md", "docs/higher-order.md", "docs/walkthrough.ipynb", "benchmarks/README.md"]


def test_every_page_in_the_table_exists():
    assert set(MINIMUM) <= {name(p) for p in PAGES}
    assert all(p.exists() for p in PAGES)


def test_the_readme_is_short_and_links_every_reference_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 170
    assert not re.search(r"\d\s*px\b", readme)  # measured drawing details live in docs/drawing.md, with their source
    targets = {target.split("#")[0] for _, target in links(ROOT / "README.md")}
    assert set(REFERENCE) <= targets, set(REFERENCE) - targets
    for section in ("## Two commands", "## A taste", "## Learning", "## Teaching", "## Grading", "## Checking published numbers", "## The engine inside"):
        assert section in readme, section


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_fence_names_a_known_language_and_is_collected(page):
    found = blocks(page)
    for block in found:
        assert block.language in LANGUAGES, f"{block.page}:{block.line}: a ``` fence must name one of {LANGUAGES}, not {block.language!r}"
    text = page.read_text(encoding="utf-8")
    raw = re.findall(r"^ *```python *$", text, re.M)
    assert len(raw) == len([b for b in found if b.language == "python"])
    assert len(re.findall(r"^ *```", text, re.M)) == 2 * len(found)  # every fence opened is closed


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_page_keeps_its_snippets(page):
    snippets, lines = MINIMUM.get(name(page), (0, 0))
    found = blocks(page)
    assert len([b for b in found if b.language == "python"]) >= snippets
    assert sum(len(commands(b)) for b in found if b.language == "sh") >= lines


def _not_run_reason(command: str) -> str | None:
    return next((why for pattern, why in NOT_RUN.items() if re.fullmatch(pattern, command.split("#")[0].strip())), None)


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_shell_command_is_run_by_a_test_or_says_why_not(page):
    for block in blocks(page):
        if block.language != "sh":
            continue
        for command in commands(block):
            demo = re.fullmatch(r"python demos/(\w+)\.py(?: [^#]*)?(?:#.*)?", command)
            if command.startswith(CLI):
                continue  # tests/cli/test_cli_readme.py runs it
            if demo:
                assert (ROOT / "demos" / f"{demo.group(1)}.py").exists(), command
                assert f'"{demo.group(1)}"' in DEMO_TESTS or f'"{demo.group(1)}.py"' in DEMO_TESTS, f"{block.page}:{block.line}: no test runs {command}"
                continue
            assert _not_run_reason(command), f"{block.page}:{block.line}: no test runs `{command}` (run it in a test, or add it to NOT_RUN with the reason)"
            task = re.match(r"bash scripts/run\.sh (\w+)", command)
            if task:
                assert re.search(rf"\b{task.group(1)}\)", (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")), command


def test_the_commands_that_are_not_run_are_only_the_listed_ones():
    """The exemptions are narrow: an autograd-mini command, a demo or anything else never matches one."""
    for command in ("autograd-mini tape", "python demos/mazur.py", "bash scripts/run.sh test2", "python benchmarks/bench.py --repeats 1", "rm -rf out"):
        assert _not_run_reason(command) is None, command
    assert _not_run_reason("bash scripts/run.sh test -k mazur -x")


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_relative_link_resolves_to_a_file_of_the_repository(page):
    found = links(page)
    assert found or name(page) == "benchmarks/README.md"
    for line, target in found:
        if re.match(r"[a-z]+:", target):  # https:, mailto:: not checked here (no network in the tests)
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        where = f"{name(page)}:{line}: {target}"
        assert resolved.is_relative_to(ROOT), f"{where} leaves the repository"
        assert resolved.is_file(), f"{where} is not a file of the repository"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{where}: no heading #{anchor} in {name(resolved)}"


def test_the_link_reader_finds_markdown_and_html_links_and_headings(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('# A `code` title: here\n[a](x.md) ![b](y.svg) <img src="z.png"> `[not](a-link.md)`\n'
                    "```sh\n[no](link.md)\n```\n", encoding="utf-8")
    assert [t for _, t in links(page)] == ["x.md", "y.svg", "z.png"]
    assert anchors(page) == {"a-code-title-here"}
    assert slug("Mazur's worked example") == "mazurs-worked-example"


def test_an_unclosed_fence_is_an_error(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("text\n```python\nprint(1)\n", encoding="utf-8")
    with pytest.raises(ValueError, match="never closed"):
        blocks(Path(page))


# ---------------------------------------------------------------------- output shown on the pages
def _mazur():
    from nn.examples import mazur

    root = mazur().forward()
    root.backward()
    return root


def _explain_w5() -> str:
    from autograd_mini import explain

    return explain(_mazur(), "w5", lr=0.5).text()


def _check_with_a_sign_slip() -> str:
    from autograd_mini import check_worksheet, worksheet

    root = _mazur()
    filled = worksheet(root, blank="grads").answer_key.replace("| 0.082167041 |", "| -0.0822 |")
    return check_worksheet(root, filled).text()


def _assert_figures_table() -> str:
    from autograd_mini import assert_figures

    try:
        assert_figures(_mazur(), values={"out_o1": "0.75136508", "E_total": "0.298371109"},
                       grads={"w5": "0.082167041", "w1": "0.000438567"}, local_grads={("net_o1", "w5"): "0.593269992"})
    except AssertionError as failure:
        return f"AssertionError: {failure}"
    raise AssertionError("assert_figures passed on two wrong figures")


def _worksheet_record() -> str:
    import contextlib
    import io

    from autograd_mini.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["worksheet", "--blank"])
    return out.getvalue()


#: every text block is output the library prints (produced here, and compared), or a picture drawn by hand
OUTPUT = {  # (page, first line of the block) -> what prints it
    ("docs/tracing.md", "∂E_total/∂w5 = ∂E_total/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5 = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041"): _explain_w5,
    ("docs/grading.md", "where the wrong gradients depart from the chain rule (backward order, the root first):"): _check_with_a_sign_slip,
    ("docs/grading.md", '<!-- autograd-mini: {"version": 1, "blank": "grads", "constants": true, "source": {"example": "mazur"}} -->'): _worksheet_record,
    ("docs/testing.md", "AssertionError: assert_figures: 2 of 5 figures do not match at their printed precision:"): _assert_figures_table,
}
DRAWN_BY_HAND = {("docs/architecture.md", "validate · files · text · operators      layer 0")}
TEXT_BLOCKS = [b for page in PAGES for b in blocks(page) if b.language == "text"]


@pytest.mark.parametrize("block", TEXT_BLOCKS, ids=[f"{b.page}:{b.line}" for b in TEXT_BLOCKS])
def test_every_output_shown_is_what_the_library_prints(block):
    key = (block.page, block.code.splitlines()[0])
    if key in DRAWN_BY_HAND:
        return
    assert key in OUTPUT, f"{block.page}:{block.line}: a text block that no test produces (add it to OUTPUT)"
    printed = OUTPUT[key]()
    assert block.code.rstrip("\n") in printed, f"{block.page}:{block.line}: the page shows\n{block.code}\nthe library prints\n{printed}"


SCRIPTS = [b for page in PAGES for b in blocks(page) if b.language in ("bash", "json", "yaml")]


@pytest.mark.parametrize("block", SCRIPTS, ids=[f"{b.page}:{b.line}" for b in SCRIPTS])
def test_scripts_and_formats_shown_are_run_or_parsed(block):
    """bash and yaml blocks are the autograder recipes that tests/cli/test_grading_recipes.py runs as written;
    a json block must be JSON."""
    if block.language == "json":
        json.loads(block.code)
    else:
        assert block.page == "docs/grading.md", f"{block.page}:{block.line}: only the grading recipes are run as {block.language} (tests/cli/test_grading_recipes.py)"
