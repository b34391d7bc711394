"""The README's examples are what the commands print on the bundled corpus.

Each ``console`` block of the README that runs ``nqgraph build``, ``query``,
``tasks`` or ``workload`` is run on the bundled corpus and its output
compared with the block, line for line; a block that shortens its output
with ``…`` lines is compared up to them.
"""

import re
import shlex
from pathlib import Path

import pytest

from service.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
CHECKED = ("build", "query", "tasks", "workload")


def console_examples() -> list[tuple[list[str], list[str]]]:
    """(the command's arguments after ``nqgraph``, the lines it prints) for each checked example."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL):
        lines = block.rstrip("\n").split("\n")
        command = lines[0].removeprefix("$ ").split("#", 1)[0].strip()
        words = shlex.split(command)
        if words[:1] == ["nqgraph"] and words[1:2] and words[1] in CHECKED:
            printed = lines[1:]
            if "…" in printed:
                printed = printed[: printed.index("…")]
            examples.append((words[1:], printed))
    return examples


def test_the_readme_shows_the_commands_it_documents():
    assert {words[0] for words, _ in console_examples()} == set(CHECKED)


@pytest.mark.parametrize("words,printed", console_examples(), ids=[" ".join(w)[:40] for w, _ in console_examples()])
def test_a_readme_example_prints_what_the_readme_says(words, printed, corpus, tmp_path, capsys):
    directory, _ = corpus
    store = str(tmp_path / "store") if words[0] == "build" else directory
    assert main([*words, "--store", store]) == 0
    output = capsys.readouterr().out.rstrip("\n").split("\n")
    assert output[: len(printed)] == printed
