"""Paths given by mistake: a missing input, an output that would destroy an input or output."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from discrepancy.errors import InputError, UsageError
from discrepancy.read.files import FOLDER_SUFFIXES


def refuse_missing_inputs(inputs: Sequence[str]) -> None:
    """A path that does not exist is a typo in a CI recipe: exit 2, even beside good ones."""
    missing = [given for given in inputs if given != "-" and not os.path.lexists(given)]
    broken = [given for given in inputs if given != "-" and given not in missing
              and not os.path.exists(given)]  # fmt: skip
    if missing or broken:
        named = ", ".join(repr(p) for p in missing + broken)
        what = "no such file or folder" if missing else "a broken symbolic link"
        raise InputError(f"{what}: {named}; check the path (use '-' to read JSONL from stdin)")


def same_file(a: Path, b: Path) -> bool:
    """Do two paths name one file (the same path, a symbolic or hard link)?"""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _read_from(target: Path, folder: Path) -> bool:
    """Would reading the folder read the target as an article (an overlap of out and in)?"""
    inside = target.resolve().is_relative_to(folder.resolve())
    return inside and target.suffix.lower() in FOLDER_SUFFIXES


def refuse_overlapping_outputs(
    outputs: Sequence[str], inputs: Sequence[str], *others: str | None
) -> None:
    """Refuse outputs (the HTML twin included) that are a folder, an input, the store, a
    baseline, a previous report or each other: writing one would destroy the other."""
    written = [o for o in outputs if o != "-"]
    for index, output in enumerate(written):
        target = Path(output)
        if target.is_dir():
            raise UsageError(f'output "{output}" is a folder; give a file name, e.g. '
                             f'"{output.rstrip("/")}/report.json".')  # fmt: skip
        refuse_overwriting_inputs(output, tuple(inputs), *others)
        for earlier in written[:index]:
            if same_file(Path(earlier), target):
                raise UsageError(
                    f'"{output}" is given for two outputs (a JSON report\'s HTML twin is its '
                    "name with .html); choose different files."
                )


def refuse_overwriting_inputs(output: str, inputs: tuple[str, ...], *others: str | None) -> None:
    if output == "-":
        return
    target = Path(output)
    for given in inputs:
        if given != "-" and Path(given).exists() and same_file(Path(given), target):
            raise UsageError(
                f'output "{output}" is one of the inputs; it would be overwritten. '
                "Choose another -o file."
            )
        if given != "-" and Path(given).is_dir() and _read_from(target, Path(given)):
            raise UsageError(
                f'output "{output}" is inside the input folder "{given}" with a name the next '
                "run would read as an article; choose another -o file."
            )
    for other in others:
        if other is not None and same_file(Path(other), target):
            raise UsageError(
                f'output "{output}" is also given as --db, --baseline or --previous; it would '
                "be overwritten. Choose another -o file."
            )
