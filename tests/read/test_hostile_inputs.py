"""Inputs a crawler or a person gives by mistake: each is skipped or cut with its reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from discrepancy.models import Article, Skipped
from discrepancy.read.files import read_inputs
from discrepancy.read.limits import max_line_bytes

STORY = "Two guards were killed at the Osk checkpoint on Monday, police said.\n"


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def reasons(skipped: list[Skipped]) -> dict[str, str]:
    return {f"{Path(s.path).name}:{s.line}" if s.line else Path(s.path).name: s.reason
            for s in skipped}  # fmt: skip


# --- pipes, devices, links ---------------------------------------------------------------


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.jsonl"
    os.mkfifo(pipe)  # nobody writes: opening it to read would wait forever
    good = write(tmp_path / "good.txt", STORY)
    articles, skipped = read_inputs([str(pipe), good])
    assert [a.id for a in articles] == ["good"]
    assert "named pipe" in reasons(skipped)["feed.jsonl"]


def test_a_pipe_inside_a_folder_is_skipped_with_its_reason(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "stream.txt")
    write(tmp_path / "good.txt", STORY)
    articles, skipped = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["good"]
    assert "named pipe" in reasons(skipped)["stream.txt"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    good = write(tmp_path / "good.txt", STORY)
    articles, skipped = read_inputs([device, good])
    assert [a.id for a in articles] == ["good"]
    assert [s.path for s in skipped] == [device]
    assert "a device" in skipped[0].reason


def test_symbolic_link_loops_and_links_out_of_the_tree_are_skipped(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    write(batch / "sub" / "story.txt", STORY)
    (batch / "sub" / "back").symlink_to("..")  # a loop up the tree
    (batch / "self.txt").symlink_to("self.txt")  # a link to itself
    (batch / "gone.txt").symlink_to("nowhere.txt")
    write(tmp_path / "outside" / "other.txt", STORY)
    (batch / "elsewhere").symlink_to(tmp_path / "outside")
    articles, skipped = read_inputs([str(batch)])
    assert [a.id for a in articles] == ["sub/story"]
    found = reasons(skipped)
    assert "loop" in found["back"]
    assert "Too many levels of symbolic links" in found["self.txt"]
    assert "link to nothing" in found["gone.txt"]
    assert "out of the folder" in found["elsewhere"]


def test_a_link_inside_the_tree_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "a" / "story.txt", STORY)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "copy.txt").symlink_to(tmp_path / "a" / "story.txt")
    articles, skipped = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["a/story", "b/copy"]
    assert skipped == []


def test_files_of_one_name_in_subfolders_keep_apart_ids(tmp_path: Path) -> None:
    write(tmp_path / "ap" / "article.txt", STORY)
    write(tmp_path / "afp" / "article.txt", "Three guards died in Osk on Monday.\n")
    write(tmp_path / "article.md", "Two guards died at the Osk checkpoint.\n")
    articles, skipped = read_inputs([str(tmp_path)])
    assert skipped == []
    assert [a.id for a in articles] == ["afp/article", "ap/article", "article"]


# --- size limits -------------------------------------------------------------------------


def test_a_text_over_the_limit_is_cut_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "scrape.txt", STORY + "word " * 5000)
    [article], _ = read_inputs([path], max_article_bytes=2000)
    assert len(article.text.encode()) <= 2000
    assert article.text.startswith(STORY)
    assert not article.text.endswith("wor")  # cut between words
    assert any("longer than 2,000 bytes" in w and "--max-article-bytes" in w
               for w in article.warnings)  # fmt: skip


def test_a_cut_never_splits_a_character(tmp_path: Path) -> None:
    path = write(tmp_path / "arabic.txt", "قتل " * 1000)
    [article], _ = read_inputs([path], max_article_bytes=1001)
    assert "\ufffd" not in article.text
    assert not any("cp1252" in w for w in article.warnings)


def test_a_jsonl_text_over_the_limit_is_cut(tmp_path: Path) -> None:
    row = {"id": "long", "text": STORY + "word " * 5000}
    path = write(tmp_path / "rows.jsonl", json.dumps(row) + "\n")
    [article], _ = read_inputs([path], max_article_bytes=3000)
    assert len(article.text.encode()) <= 3000
    assert any("longer than 3,000 bytes" in w for w in article.warnings)


def test_a_jsonl_line_over_the_line_limit_is_skipped_and_the_next_row_read(
    tmp_path: Path,
) -> None:
    limit = 1000
    huge = json.dumps({"id": "huge", "text": "x" * (max_line_bytes(limit) + 10)})
    path = write(tmp_path / "rows.jsonl", huge + "\n" + json.dumps({"id": "ok", "text": STORY}))
    articles, skipped = read_inputs([path], max_article_bytes=limit)
    assert [a.id for a in articles] == ["ok"]
    assert [(s.line, "line longer than" in s.reason) for s in skipped] == [(1, True)]


def test_a_small_utf16_text_is_not_cut(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", STORY.encode("utf-16"))
    article = read_inputs([path], max_article_bytes=1000)[0][0]
    assert article.text == STORY


# --- encodings and stray bytes ----------------------------------------------------------


def test_utf16_jsonl_and_csv_are_read_like_utf16_text(tmp_path: Path) -> None:
    rows = json.dumps({"id": "j16", "text": STORY}) + "\n"
    write(tmp_path / "rows.jsonl", rows.encode("utf-16"))
    write(tmp_path / "table.csv", f'id,text\nc16,"{STORY.strip()}"\n'.encode("utf-16"))
    articles, skipped = read_inputs([str(tmp_path)])
    assert skipped == []
    assert [(a.id, a.text.strip()) for a in articles] == [
        ("j16", STORY.strip()), ("c16", STORY.strip()),
    ]  # fmt: skip
    assert all(any("UTF-16" in w for w in a.warnings) for a in articles)


def test_a_stray_nul_byte_is_replaced_not_a_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "glitch.txt", STORY.replace("guards", "gu\x00ards") + STORY * 3)
    article = read_inputs([path])[0][0]
    assert "\x00" not in article.text and "gu\ufffdards" in article.text
    assert any("NUL" in w for w in article.warnings)


# --- CSV, row by row ---------------------------------------------------------------------


def test_a_csv_cell_over_the_default_field_limit_is_read(tmp_path: Path) -> None:
    big = "word " * 40_000  # 200,000 characters; the csv module stops at 131,072
    path = write(tmp_path / "t.csv", f"id,text\nbig,{big}\nsmall,{STORY}")
    articles, skipped = read_inputs([path])
    assert skipped == []
    assert [a.id for a in articles] == ["big", "small"]


def test_a_nul_byte_in_a_csv_is_replaced_and_the_file_read(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", f"id,text\n1,Two gu\x00ards died.\n2,{STORY}")
    articles, skipped = read_inputs([path])
    assert skipped == []
    assert [a.id for a in articles] == ["1", "2"]
    assert "\x00" not in articles[0].text


def test_a_semicolon_csv_is_read_with_its_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", f"id;text\nsemi;{STORY}")
    [article], skipped = read_inputs([path])
    assert skipped == []
    assert article.id == "semi" and article.text == STORY.strip()
    assert any("semicolon-delimited" in w for w in article.warnings)


def test_a_csv_without_text_names_the_delimiter_it_seems_to_use(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", f"id;body\nsemi;{STORY}")
    _, [skipped] = read_inputs([path])
    assert "no 'text' column" in skipped.reason and "semicolons (';')" in skipped.reason


def test_an_unclosed_quote_is_named_with_its_line_and_later_rows_are_read(
    tmp_path: Path,
) -> None:
    content = f'id,text\n1,{STORY}2,"Two guards died in Osk.\n3,{STORY}4,{STORY}'
    path = write(tmp_path / "t.csv", content)
    articles, skipped = read_inputs([path])
    assert [a.id for a in articles] == ["1", "3", "4"]
    [bad] = skipped
    assert bad.line == 3 and "unclosed quote" in bad.reason and "line 3" in bad.reason


def test_a_quoted_multiline_cell_is_not_an_unclosed_quote(tmp_path: Path) -> None:
    content = f'id,text\n1,"Two guards died.\nPolice said so."\n2,{STORY}'
    articles, skipped = read_inputs([write(tmp_path / "t.csv", content)])
    assert skipped == []
    assert [(a.id, a.line) for a in articles] == [("1", 2), ("2", 4)]


def test_a_csv_line_over_the_line_limit_is_skipped_alone(tmp_path: Path) -> None:
    limit = 1000
    content = f"id,text\nhuge,{'x' * (max_line_bytes(limit) + 5)}\nok,{STORY}"
    articles, skipped = read_inputs([write(tmp_path / "t.csv", content)], max_article_bytes=limit)
    assert [a.id for a in articles] == ["ok"]
    assert [(s.line, "line longer than" in s.reason) for s in skipped] == [(2, True)]


def test_every_article_keeps_a_string_id(tmp_path: Path) -> None:
    articles, _ = read_inputs([write(tmp_path / "t.csv", f"id,text\n,{STORY}")])
    assert all(isinstance(a, Article) and a.id for a in articles)


# --- isolation ---------------------------------------------------------------------------


def test_an_error_making_one_row_skips_that_row_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy.read import rows

    real = rows.build_article

    def build(text: str, *args: object, **kwargs: object) -> object:
        if "EXPLODE" in text:
            raise OverflowError("date value out of range")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "build_article", build)
    content = "".join(json.dumps({"id": i, "text": t}) + "\n"
                      for i, t in (("a", STORY), ("b", "EXPLODE " + STORY), ("c", STORY)))  # fmt: skip
    articles, skipped = read_inputs([write(tmp_path / "rows.jsonl", content)])
    assert [a.id for a in articles] == ["a", "c"]
    assert [(s.line, s.reason) for s in skipped] == [
        (2, "read: OverflowError: date value out of range")
    ]


def test_an_error_reading_one_file_skips_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy.read import files

    real = files.build_article

    def build(text: str, *args: object, **kwargs: object) -> object:
        if "EXPLODE" in text:
            raise ValueError("month must be in 1..12")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "build_article", build)
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", "EXPLODE " + STORY)
    articles, skipped = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["a"]
    assert [s.reason for s in skipped] == ["read: ValueError: month must be in 1..12"]
