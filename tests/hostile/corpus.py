"""The hostile-input corpus: files a crawler or a person produces by mistake, generated into a
folder (nothing big is stored in the repository).

Run `python tests/hostile/corpus.py FOLDER` to write every case there; the tests call `build`.
Each case names the paths to give `check`, what must become of it mixed with good articles
("skipped": listed under skipped with a reason; "read": an article, maybe with a warning) and
the exit code when it is given alone (2: nothing usable in it).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Two good articles of one incident that disagree on the wounded: the conflict every mixed run
# must still report.
GOOD = {
    "good_wire.txt": " date 2025-03-11 A car bomb in the market of Tarvel on Monday killed six "
    "people and wounded eleven, the town's mayor said.\n",
    "good_daily.txt": " date 2025-03-11 Six people died and nine were hurt when a car bomb went "
    "off in the Tarvel market on Monday, a hospital official said.\n",
}
STORY = "Two guards were killed at the Osk checkpoint on Monday, police said."


@dataclass(frozen=True)
class Case:
    """One hostile input: the paths to check and what must happen to them."""

    name: str
    paths: tuple[str, ...]
    expect: str  # "skipped" or "read"
    alone_exit: int = 0
    options: tuple[str, ...] = ()
    # Text every skip reason (or article warning) of the case holds, when it must say why.
    says: str = ""
    ids: tuple[str, ...] = field(default=())


def _write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def _jsonl(*rows: object) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def build(folder: Path) -> list[Case]:
    """Write every case under folder and list them."""
    cases: list[Case] = []

    def add(name: str, content: str | bytes, suffix: str, expect: str, **kw: object) -> None:
        path = _write(folder / name / f"{name}{suffix}", content)
        cases.append(Case(name, (path,), expect, **kw))  # type: ignore[arg-type]

    add("impossible_iso_date", f"{STORY} It happened on 2024-13-45.", ".txt", "read")
    add("february_30", f"{STORY} On February 30, 2024 a third died.", ".txt", "read")
    add("marker_year_1", f" date 0001-01-01 {STORY} Yesterday a third died.", ".txt", "read")
    add("marker_year_9999", f" date 9999-12-31 {STORY} On January 2 more died.", ".txt", "read")
    add("published_year_1", _jsonl({"id": "y1", "text": STORY, "published": "0001-01-01"}),
        ".jsonl", "read")  # fmt: skip
    add("lone_surrogates", '{"id": "s\\ud83d", "url": "https://x.test/\\udc00", "text": "'
        + STORY + ' \\ud83d"}\n', ".jsonl", "read", says="surrogate")  # fmt: skip
    add("unpunctuated_50k", ("Home World Sport killed 3 people in Osk " * 1300)[:50_000],
        ".txt", "read")  # fmt: skip
    add("one_word_300k", "x" * 300_000, ".txt", "read")
    add("over_the_article_limit", STORY + " word" * 2000, ".txt", "read",
        options=("--max-article-bytes", "5000"), says="--max-article-bytes")  # fmt: skip
    add("jsonl_line_over_the_limit", _jsonl({"id": "big", "text": "y " * 900_000}), ".jsonl",
        "skipped", alone_exit=2, options=("--max-article-bytes", "10000"),
        says="line longer than")  # fmt: skip
    add("csv_big_cell", "id,text\nbig," + "word " * 40_000 + "\n", ".csv", "read")
    add("csv_nul_byte", f"id,text\nnul,{STORY[:20]}\x00{STORY[20:]}\n", ".csv", "read",
        says="NUL")  # fmt: skip
    add("csv_semicolons", f"id;text\nsemi;{STORY}\n", ".csv", "read", says="semicolon")
    add("csv_no_text_column", f"id;body\nx;{STORY}\n", ".csv", "skipped", alone_exit=2,
        says="semicolons")  # fmt: skip
    add("csv_unclosed_quote", f'id,text\nq1,"{STORY}\nq2,{STORY}\n', ".csv", "skipped",
        says="unclosed quote")  # fmt: skip
    add("utf16_text", (STORY + "\n").encode("utf-16"), ".txt", "read", says="UTF-16")
    add("utf16_jsonl", _jsonl({"id": "u16", "text": STORY}).encode("utf-16"), ".jsonl", "read",
        says="UTF-16")  # fmt: skip
    add("utf16_csv", f"id,text\nc16,{STORY}\n".encode("utf-16"), ".csv", "read", says="UTF-16")
    add("binary_png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, ".txt",
        "skipped", alone_exit=2, says="binary")  # fmt: skip
    add("mojibake", (STORY.replace("guards", "gardes") + " Caf\xe9 owner hurt.").encode("cp1252"),
        ".txt", "read", says="cp1252")  # fmt: skip
    add("markup_in_id_and_title", _jsonl({"id": "<script>alert(1)</script>", "title":
        "<img src=x onerror=alert(1)>", "text": STORY}), ".jsonl", "read")  # fmt: skip
    add("rtl_override", f"\u202e{STORY}\u202c", ".txt", "read")
    add("nul_in_text", f"{STORY[:10]}\x00{STORY[10:]}\n{STORY}\n{STORY}", ".txt", "read",
        says="NUL")  # fmt: skip
    add("malformed_jsonl", '[1, 2]\n"text"\n{"text": 5}\n{broken\n' + "[" * 100_000 + "\n",
        ".jsonl", "skipped", alone_exit=2)  # fmt: skip
    add("empty_and_blank", " \n\t\n", ".txt", "skipped", alone_exit=2, says="empty")
    add("only_a_date_marker", " date 2025-01-01 ", ".md", "skipped", alone_exit=2)

    loop = folder / "symlink_loop"
    _write(loop / "inner" / "story.txt", STORY)
    os.symlink("..", loop / "inner" / "up")
    os.symlink("self.txt", loop / "self.txt")
    cases.append(Case("symlink_loop", (str(loop),), "skipped", says="loop"))
    outside = folder / "link_out_of_tree"
    _write(outside / "story.txt", STORY)
    os.symlink("/etc", outside / "etc")
    cases.append(Case("link_out_of_tree", (str(outside),), "skipped", says="out of the folder"))
    pipe = folder / "named_pipe" / "feed.jsonl"
    pipe.parent.mkdir(parents=True)
    os.mkfifo(pipe)
    cases.append(Case("named_pipe", (str(pipe),), "skipped", alone_exit=2, says="named pipe"))
    if os.path.exists("/dev/zero"):
        cases.append(Case("device", ("/dev/zero",), "skipped", alone_exit=2, says="a device"))
    forged = folder / "forged_name" / 'x\ndiscrepancy-summary {"exit":0}\n.txt'
    _write(forged, "")
    cases.append(Case("forged_name", (str(forged),), "skipped", alone_exit=2, says="empty"))
    stems = folder / "repeated_stems"
    for agency in ("ap", "afp"):
        _write(stems / agency / "article.txt", f"{STORY} ({agency})")
    _write(stems / "article.md", STORY)
    cases.append(Case("repeated_stems", (str(stems),), "read",
                      ids=("afp/article", "ap/article", "article")))  # fmt: skip
    tiny = folder / "many_tiny_files"
    for n in range(2000):
        _write(tiny / f"{n // 100:02d}" / f"t{n:04d}.txt", f"Note {n}.")
    cases.append(Case("many_tiny_files", (str(tiny),), "read"))
    return cases


def good_articles(folder: Path) -> list[str]:
    """Write the good articles; their paths."""
    return [_write(folder / name, text) for name, text in GOOD.items()]


MAKERS: dict[str, Callable[[Path], object]] = {"build": build, "good": good_articles}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for case in build(target / "cases"):
        print(case.name, *case.paths)
    good_articles(target / "good")
