"""Tests for reading articles from folders, text files, JSONL, CSV and stdin."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from discrepancy.models import Article, Skipped
from discrepancy.read import files as ingest
from discrepancy.read import rows as row_reader
from discrepancy.read.files import iter_inputs, read_inputs

FIXTURES = Path(__file__).parent / "fixtures"

MOSUL = "A bomb at a market in Mosul killed five people on Tuesday, police said.\n"


def write(path: Path, content: str | bytes) -> str:
    """Write a fixture file (bytes as given, text as UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return str(path)


def jsonl(*rows: object) -> str:
    """Serialise rows as JSONL text."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def one(path: str) -> Article:
    """Read a single input that must give exactly one article and nothing skipped."""
    articles, skipped = read_inputs([path])
    assert skipped == []
    assert len(articles) == 1
    return articles[0]


def body(article: Article) -> str:
    """The reported content of an article, after its leading metadata."""
    return article.text[article.body_start :]


# --- folders, files and ids -------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order() -> None:
    folder = str(FIXTURES / "batch")
    articles, skipped = read_inputs([folder])
    assert skipped == []
    # A file's id is its path inside the folder: one name in two subfolders stays two ids.
    assert [a.id for a in articles] == [
        "01_mosul", "b_reports/02_kabul", "feed-1", "feed-2", "table-1",
    ]  # fmt: skip
    assert [a.path for a in articles] == [
        os.path.join(folder, "01_mosul.txt"),
        os.path.join(folder, "b_reports", "02_kabul.md"),
        os.path.join(folder, "b_reports", "deep", "03_feed.jsonl"),
        os.path.join(folder, "b_reports", "deep", "03_feed.jsonl"),
        os.path.join(folder, "c_table.csv"),
    ]
    assert [a.line for a in articles] == [None, None, 1, 2, 2]
    # notes.rst (other extension) and .draft.txt (hidden) are not articles.
    assert not any("draft" in a.text or "notes" in a.text for a in articles)


def test_text_and_markdown_files_use_the_file_stem_as_id(tmp_path: Path) -> None:
    txt = write(tmp_path / "strike-report.txt", MOSUL)
    md = write(tmp_path / "notes" / "raid.v2.md", "Police said two men were arrested.\n")
    articles, skipped = read_inputs([txt, md])
    assert skipped == []
    assert [(a.id, a.path, a.line) for a in articles] == [
        ("strike-report", txt, None),
        ("raid.v2", md, None),
    ]
    assert articles[0].text == MOSUL


def test_inputs_keep_the_order_they_are_given_in(tmp_path: Path) -> None:
    first = write(tmp_path / "z.txt", MOSUL)
    second = write(tmp_path / "a.txt", "Four people were hurt in a stabbing in Leeds.\n")
    assert [a.id for a in read_inputs([first, second])[0]] == ["z", "a"]


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.story", MOSUL)
    article = one(path)
    assert article.id == "wire"
    assert article.text == MOSUL


def test_folder_ignores_files_with_other_extensions(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", MOSUL)
    write(tmp_path / "b.story", "Not picked up from a folder.\n")
    write(tmp_path / "c.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    articles, skipped = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["a"]
    assert skipped == []


def test_duplicate_ids_keep_the_first_and_say_where_it_was(tmp_path: Path) -> None:
    txt = write(tmp_path / "mosul.txt", MOSUL)
    rows = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "raid", "text": "Gunmen killed two guards."}, {"id": "raid", "text": "Other."}
        ),
    )
    again = write(tmp_path / "again" / "mosul.txt", "A second file with the same stem.\n")
    articles, skipped = read_inputs([txt, rows, again])
    assert [a.id for a in articles] == ["mosul", "raid"]
    assert articles[1].text == "Gunmen killed two guards."
    assert [(s.path, s.line) for s in skipped] == [(rows, 2), (again, None)]
    assert "duplicate article id 'raid'" in skipped[0].reason
    assert f"{rows} line 1" in skipped[0].reason
    assert f"'mosul': {txt} already has it" in skipped[1].reason


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_rows_load_with_their_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "wire.jsonl",
        jsonl(
            {
                "id": "a1",
                "title": "Car bomb in Kirkuk",
                "published": "2023-05-02",
                "source": "AFP",
                "url": "https://example.org/a1",
                "text": "A car bomb in Kirkuk killed three people on Sunday.",
                "section": "world",
                "tags": ["iraq"],
            },
            {"text": "Seven people were wounded in Basra.", "published": "2023-05-03T14:05:00Z"},
        ),
    )
    articles, skipped = read_inputs([path])
    assert skipped == []
    first, second = articles
    assert first == Article(
        id="a1",
        text="A car bomb in Kirkuk killed three people on Sunday.",
        source="AFP",
        title="Car bomb in Kirkuk",
        published=dt.date(2023, 5, 2),
        path=path,
        url="https://example.org/a1",
        line=1,
    )
    assert second.id == "wire:2"
    assert second.line == 2
    assert second.published == dt.date(2023, 5, 3)
    assert second.warnings == ()


def test_malformed_jsonl_rows_are_skipped_and_the_others_load(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": "Two guards were shot at a bank in Aden."}),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text", "title": "Headline only"}),
        json.dumps({"id": "blank", "text": "   \n "}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "ok-2", "text": "A rocket hit an empty school in Sderot."}),
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    articles, skipped = read_inputs([path])
    assert [(a.id, a.line) for a in articles] == [("ok-1", 1), ("ok-2", 8)]
    assert [(s.path, s.line) for s in skipped] == [
        (path, 2),
        (path, 4),
        (path, 5),
        (path, 6),
        (path, 7),
    ]
    reasons = [s.reason for s in skipped]
    assert reasons[0].startswith("invalid JSON")
    assert "holds an array, not a JSON object" in reasons[1]
    assert "no 'text'" in reasons[2]
    assert "'text' is empty" in reasons[3]
    assert "'text' is a number, not a string" in reasons[4]


def test_unparsable_published_date_is_a_warning_not_a_skip(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dates.jsonl",
        jsonl({"id": "d1", "published": "last Tuesday", "text": "Shots were fired in Homs."}),
    )
    article = one(path)
    assert article.published is None
    assert len(article.warnings) == 1
    assert "'last Tuesday'" in article.warnings[0]
    assert "YYYY-MM-DD" in article.warnings[0]


def test_jsonl_from_stdin_is_named_stdin() -> None:
    stream = io.StringIO(
        jsonl(
            {"id": "s1", "text": "A drone strike hit a truck near Deir ez-Zor."},
            {"text": "Three people died in the fire, rescuers said."},
        )
    )
    articles, skipped = read_inputs(["-"], stdin=stream)
    assert skipped == []
    assert [(a.id, a.path, a.line) for a in articles] == [
        ("s1", "<stdin>", 1),
        ("stdin:2", "<stdin>", 2),
    ]


def test_stdin_bytes_with_invalid_utf8_are_repaired() -> None:
    raw = b'{"id": "cp", "text": "Police in Li\xe8ge said one man was hurt."}\n'
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    article = read_inputs(["-"], stdin=stream)[0][0]
    assert article.text == "Police in Liège said one man was hurt."
    assert "repaired invalid UTF-8 (read as cp1252)" in article.warnings


def test_stdin_is_read_incrementally() -> None:
    rows = [{"id": f"r{n}", "text": f"Report number {n} about a shooting."} for n in range(50)]
    data = jsonl(*rows)
    stream = io.StringIO(data)
    items = iter_inputs(["-"], stdin=stream)
    first = next(items)
    assert isinstance(first, Article) and first.id == "r0"
    assert stream.tell() < len(data)


def test_unusable_stdin_is_skipped_not_raised() -> None:
    stream = io.StringIO("")
    stream.close()
    articles, skipped = read_inputs(["-"], stdin=stream)
    assert articles == []
    assert len(skipped) == 1
    assert skipped[0].path == "<stdin>"
    assert "cannot read" in skipped[0].reason


def test_stdin_named_twice_is_read_once() -> None:
    stream = io.StringIO(jsonl({"id": "s1", "text": "One report."}))
    articles, skipped = read_inputs(["-", "-"], stdin=stream)
    assert [a.id for a in articles] == ["s1"]
    assert len(skipped) == 1
    assert "more than once" in skipped[0].reason


def test_empty_stdin_is_skipped() -> None:
    articles, skipped = read_inputs(["-"], stdin=io.StringIO("\n\n"))
    assert articles == []
    assert [(s.path, s.line) for s in skipped] == [("<stdin>", None)]
    assert "no JSONL rows" in skipped[0].reason


# --- CSV --------------------------------------------------------------------------------


def test_csv_quoted_multiline_text_keeps_row_start_lines(tmp_path: Path) -> None:
    content = (
        "id,title,published,source,url,text,desk\n"
        'c1,Attack on convoy,2022-11-30,AP,https://example.org/c1,"Gunmen ambushed a convoy.\n'
        "\n"
        'Six guards were killed, officials said.",world\n'
        'c2,,,,,"A ""small"" blast damaged a shop in Jenin.",local\n'
        ",,,,,Nobody was hurt in the second blast.,\n"
    )
    path = write(tmp_path / "table.csv", content)
    articles, skipped = read_inputs([path])
    assert skipped == []
    assert [(a.id, a.line) for a in articles] == [("c1", 2), ("c2", 5), ("table:6", 6)]
    first = articles[0]
    assert first.text == "Gunmen ambushed a convoy.\n\nSix guards were killed, officials said."
    assert (first.title, first.source, first.url) == (
        "Attack on convoy",
        "AP",
        "https://example.org/c1",
    )
    assert first.published == dt.date(2022, 11, 30)
    assert articles[1].text == 'A "small" blast damaged a shop in Jenin.'
    assert articles[1].title is None and articles[1].published is None


def test_csv_row_without_text_is_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rows.csv",
        "text,id\nA sniper wounded a farmer near Hebron.,r1\n,r2\n   ,r3\n",
    )
    articles, skipped = read_inputs([path])
    assert [a.id for a in articles] == ["r1"]
    assert [(s.path, s.line) for s in skipped] == [(path, 3), (path, 4)]
    assert all("'text' is empty" in s.reason for s in skipped)


def test_csv_without_text_column_is_one_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "nobody.csv", "id,body\nx1,A mortar round hit a house.\nx2,Another.\n")
    articles, skipped = read_inputs([path])
    assert articles == []
    assert len(skipped) == 1
    assert (skipped[0].path, skipped[0].line) == (path, 1)
    assert "no 'text' column" in skipped[0].reason
    assert "'body'" in skipped[0].reason


# --- leading metadata -------------------------------------------------------------------


def test_date_marker_is_the_publication_date_and_not_content(tmp_path: Path) -> None:
    text = " date 2024-03-09 Gunmen opened fire on a minibus near Quetta, killing two.\n"
    article = one(write(tmp_path / "marker.txt", text))
    assert article.published == dt.date(2024, 3, 9)
    assert article.text == text
    assert body(article).startswith("Gunmen opened fire on a minibus")


def test_field_lines_at_the_head_of_a_text_are_its_metadata(tmp_path: Path) -> None:
    text = (
        "Title: Ferry capsizes off Lamu\n"
        "Date: 2025-05-02T07:45:00Z\n"
        "Source: Coast Courier\n"
        "URL: https://example.org/ferry\n"
        "\n"
        "A ferry capsized off Lamu on Friday, drowning 14 passengers, the coast guard said.\n"
    )
    article = one(write(tmp_path / "ferry.txt", text))
    assert (article.title, article.published) == ("Ferry capsizes off Lamu", dt.date(2025, 5, 2))
    assert (article.source, article.url) == ("Coast Courier", "https://example.org/ferry")
    assert body(article).startswith("A ferry capsized off Lamu")


def test_a_photo_credit_and_caption_above_the_story_are_no_headline(tmp_path: Path) -> None:
    text = (
        "Photo credit: Coast Courier\n"
        "Image caption: Rescuers at the pier\n"
        "Ferry capsizes off Lamu\n"
        "A ferry capsized off Lamu on Friday, drowning 14 passengers, the coast guard said.\n"
    )
    article = one(write(tmp_path / "ferry.txt", text))
    assert article.title == "Ferry capsizes off Lamu"
    assert body(article).startswith("A ferry capsized off Lamu")


def test_a_field_line_with_no_date_is_kept_out_with_a_warning(tmp_path: Path) -> None:
    text = "Date: last spring\n\nA ferry capsized off Lamu, drowning 14 passengers.\n"
    article = one(write(tmp_path / "ferry.txt", text))
    assert article.published is None
    assert any("no date" in w for w in article.warnings)
    assert body(article).startswith("A ferry capsized")


def test_date_marker_in_a_jsonl_text_fills_a_missing_date(tmp_path: Path) -> None:
    rows = jsonl(
        {"id": "m1", "text": "date 2021-06-01 A grenade hurt three people."},
        {"id": "m2", "published": "2021-06-03", "text": "date 2021-06-01 A grenade hurt three."},
    )
    articles, _ = read_inputs([write(tmp_path / "m.jsonl", rows)])
    assert [a.published for a in articles] == [dt.date(2021, 6, 1), dt.date(2021, 6, 3)]
    assert body(articles[0]).startswith("A grenade hurt")


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("March 4, 2019", dt.date(2019, 3, 4)),
        ("4 Mar 2019", dt.date(2019, 3, 4)),
        ("Monday, Mar. 4, 2019", dt.date(2019, 3, 4)),
        ("Posted on: 6: 10 pm, March 4, 2019", dt.date(2019, 3, 4)),
        ("Published Mon Mar 4, 2019 06: 10 PM EST", dt.date(2019, 3, 4)),
        ("3 / 4 / 2019 @ 6: 10PM", dt.date(2019, 3, 4)),
    ],
)
def test_a_date_stamp_line_under_the_headline_dates_an_undated_article(
    tmp_path: Path, stamp: str, day: dt.date
) -> None:
    text = (
        "Warehouse fire forces evacuation of riverside homes\n"
        f"{stamp}\n"
        "A fire broke out at a paper warehouse beside the river on Monday evening.\n"
    )
    article = one(write(tmp_path / "stamped.txt", text))
    assert article.published == day
    assert article.title == "Warehouse fire forces evacuation of riverside homes"
    assert body(article).startswith("A fire broke out")


def test_a_date_stamp_line_never_overrides_a_given_date_and_repeats_are_skipped(
    tmp_path: Path,
) -> None:
    text = (
        "4 March 2019\n\nWarehouse fire forces evacuation of riverside homes\n\n4 March 2019\n\n"
        "A fire broke out at a paper warehouse beside the river on Monday evening.\n"
    )
    rows = jsonl({"id": "w1", "published": "2019-03-05", "text": text}, {"id": "w2", "text": text})
    articles, _ = read_inputs([write(tmp_path / "w.jsonl", rows)])
    assert [a.published for a in articles] == [dt.date(2019, 3, 5), dt.date(2019, 3, 4)]
    assert all(body(a).startswith("A fire broke out") for a in articles)


@pytest.mark.parametrize(
    "line",
    [
        "Police said on March 4, 2019 that the fire was set",  # a sentence naming a date
        "February 30, 2019",  # no such day
        "March 4, 2019: a timeline of the fire",
    ],
)
def test_a_line_that_is_more_than_a_date_or_no_date_stamps_nothing(
    tmp_path: Path, line: str
) -> None:
    text = f"{line}\nA fire broke out at a paper warehouse beside the river.\n"
    article = one(write(tmp_path / "not-stamp.txt", text))
    assert article.published is None


def test_agency_and_place_lines(tmp_path: Path) -> None:
    text = "AFP\nNEW DELHI\nA landmine blast killed two soldiers in Kashmir on Monday.\n"
    article = one(write(tmp_path / "wire.txt", text))
    assert article.source == "AFP"
    assert article.dateline == "New Delhi"
    assert article.title is None
    assert article.text == text
    assert body(article).startswith("A landmine blast killed")


def test_agency_line_is_matched_case_insensitively(tmp_path: Path) -> None:
    text = "dpa\nCairo\nSecurity forces said a gunman was shot dead at a checkpoint.\n"
    article = one(write(tmp_path / "dpa.txt", text))
    assert (article.source, article.dateline) == ("dpa", "Cairo")
    assert article.body_start == len("dpa\nCairo\n")


@pytest.mark.parametrize(
    ("opening", "dateline", "source"),
    [
        ("BAGHDAD — ", "Baghdad", None),
        ("WASHINGTON (AP) — ", "Washington", "AP"),
        ("ELGIN, Ill. -- ", "Elgin, Ill.", None),
        ("Kabul, Jan 5 (Reuters) - ", "Kabul", "Reuters"),
        ("SAULT STE. MARIE, Mich. \u2013 ", "Sault Ste. Marie, Mich.", None),
        # A dash of two hyphens right after the place.
        ("DUNMORE-- ", "Dunmore", None),
        # Capitals, the outlet's credit and its date in brackets, and no dash.
        ("QUETTA, (Valley Wire - 3rd Mar, 2025) ", "Quetta", None),
    ],
)
def test_inline_datelines(tmp_path: Path, opening: str, dateline: str, source: str | None) -> None:
    text = opening + "Two people were shot outside a grocery store, police said.\n"
    article = one(write(tmp_path / "inline.txt", text))
    assert article.dateline == dateline
    assert article.source == source
    assert article.body_start == len(opening)
    assert body(article).startswith("Two people were shot")


def test_a_weather_widgets_day_line_is_not_a_dateline(tmp_path: Path) -> None:
    text = "Today\n\nA man was shot outside a grocery store, police said.\n"
    article = one(write(tmp_path / "widget.txt", text))
    assert article.dateline is None


def test_dash_inside_a_sentence_is_not_a_dateline(tmp_path: Path) -> None:
    text = "Abu Hamza — the group's deputy leader — was killed in the raid.\n"
    article = one(write(tmp_path / "aside.txt", text))
    assert article.dateline is None
    assert article.body_start == 0


def test_headline_line_becomes_the_title(tmp_path: Path) -> None:
    text = (
        "Gunman kills three at petrol station in Lagos\n\n"
        "A gunman shot dead three attendants at a petrol station in Lagos on Sunday.\n"
    )
    article = one(write(tmp_path / "headline.txt", text))
    assert article.title == "Gunman kills three at petrol station in Lagos"
    assert article.text == text
    assert body(article).startswith("A gunman shot dead three attendants")


def test_full_first_sentence_is_not_a_headline(tmp_path: Path) -> None:
    text = MOSUL + "Eleven others were hurt.\n"
    article = one(write(tmp_path / "sentence.txt", text))
    assert article.title is None
    assert article.body_start == 0


def test_hard_wrapped_first_line_is_not_a_headline(tmp_path: Path) -> None:
    text = "A bomb at a market in Mosul killed five\npeople on Tuesday, police said.\n"
    article = one(write(tmp_path / "wrapped.txt", text))
    assert article.title is None
    assert article.body_start == 0


def test_markdown_heading_becomes_the_title(tmp_path: Path) -> None:
    text = "# Clashes in Tripoli leave nine dead\n\nNine fighters died in overnight clashes.\n"
    article = one(write(tmp_path / "clashes.md", text))
    assert article.title == "Clashes in Tripoli leave nine dead"
    assert body(article).startswith("Nine fighters died")


def test_given_title_is_kept_and_its_repeated_headline_skipped(tmp_path: Path) -> None:
    rows = jsonl(
        {
            "id": "t1",
            "title": "Police: 6 shot at block party",
            "text": "Police: 6 shot at block party\n\nSix people were shot at a party on Sunday.",
        },
        {
            "id": "t2",
            "title": "Six shot at party",
            "text": "Party shooting leaves six hurt\nSix people were shot at a party on Sunday.",
        },
    )
    articles, _ = read_inputs([write(tmp_path / "titles.jsonl", rows)])
    assert [a.title for a in articles] == ["Police: 6 shot at block party", "Six shot at party"]
    assert all(body(a).startswith("Six people were shot") for a in articles)


def test_all_metadata_together_gives_the_content_offset(tmp_path: Path) -> None:
    text = (
        " date 2023-08-14 Reuters\n"
        "Suicide bomber strikes police post in Peshawar\n"
        "PESHAWAR, Pakistan — A suicide bomber killed four policemen on Monday.\n"
    )
    article = one(write(tmp_path / "all.txt", text))
    assert article.published == dt.date(2023, 8, 14)
    assert article.source == "Reuters"
    assert article.title == "Suicide bomber strikes police post in Peshawar"
    assert article.dateline == "Peshawar, Pakistan"
    assert article.text == text
    assert article.body_start == text.index("A suicide bomber")


# --- encodings --------------------------------------------------------------------------


def test_invalid_utf8_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    raw = "The mayor of Montréal said “three” people were hurt — none badly.\n".encode("cp1252")
    article = one(write(tmp_path / "cp.txt", raw))
    assert article.text == "The mayor of Montréal said “three” people were hurt — none badly.\n"
    assert article.warnings == ("repaired invalid UTF-8 (read as cp1252)",)


def test_mixed_utf8_and_cp1252_bytes_keep_the_utf8_parts(tmp_path: Path) -> None:
    raw = "Officials in Düsseldorf said".encode() + b" caf\xe9 owners fled.\n"
    article = one(write(tmp_path / "mixed.txt", raw))
    assert article.text == "Officials in Düsseldorf said café owners fled.\n"


def test_mojibake_and_html_entities_are_repaired(tmp_path: Path) -> None:
    text = "Itâ€™s unclear why police &amp; medics arrived late, a witness said.\n"
    article = one(write(tmp_path / "moji.txt", text))
    assert article.text == "It\u2019s unclear why police & medics arrived late, a witness said.\n"
    assert article.warnings == ("repaired mojibake/HTML entities",)


def test_clean_text_is_unchanged(tmp_path: Path) -> None:
    text = (
        # Curly quotes, apostrophe, em/en dashes, ellipsis, Arabic script, guillemets.
        "“We heard two blasts,” said Abu Baqir al-Sa\u2019adi — a shopkeeper in Mosul.\n"
        "Officials in São Paulo and Zürich \u2013 and \u2018others\u2019 \u2013 condemned it… "
        "عبد الله الحسن said 5½ hours later.\r\n"
        "Naïve reports put the toll at «dozens»; the café owner said 40°C.\n"
    )
    path = write(tmp_path / "clean.txt", text)
    article = one(path)
    assert article.text == text
    assert article.text.encode("utf-8") == Path(path).read_bytes()
    assert article.warnings == ()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    article = one(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + MOSUL.encode()))
    assert article.text == MOSUL
    assert article.warnings == ()


# --- skipped inputs ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file_is_skipped(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    articles, skipped = read_inputs([path])
    assert articles == []
    assert [(s.path, s.line) for s in skipped] == [(path, None)]
    assert "empty file" in skipped[0].reason


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    articles, skipped = read_inputs([path])
    assert articles == []
    assert [(s.path, s.line) for s in skipped] == [(path, None)]
    assert "binary file" in skipped[0].reason


def test_control_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50)
    articles, skipped = read_inputs([path])
    assert articles == []
    assert "binary file" in skipped[0].reason


def test_binary_jsonl_is_one_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.jsonl", b"\x00\x01\x02{}\n" * 20)
    articles, skipped = read_inputs([path])
    assert articles == []
    assert [(s.path, s.line) for s in skipped] == [(path, None)]


def test_nonexistent_path_is_skipped_with_the_fix(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "report.txt")
    real = write(tmp_path / "real.txt", MOSUL)
    articles, skipped = read_inputs([missing, real])
    assert [a.id for a in articles] == ["real"]
    assert [(s.path, s.line) for s in skipped] == [(missing, None)]
    assert "no such file or folder" in skipped[0].reason
    assert missing in skipped[0].reason
    assert "check the path" in skipped[0].reason


def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", MOSUL)
    os.chmod(path, 0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user (root) who can read a chmod 000 file")
        articles, skipped = read_inputs([path])
    finally:
        os.chmod(path, 0o644)
    assert articles == []
    assert [(s.path, s.line) for s in skipped] == [(path, None)]
    assert "cannot read file" in skipped[0].reason
    assert "chmod" in skipped[0].reason


def test_unreadable_folder_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    write(folder / "a.txt", MOSUL)
    os.chmod(folder, 0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("running as a user (root) who can list a chmod 000 folder")
        articles, skipped = read_inputs([str(tmp_path)])
    finally:
        os.chmod(folder, 0o755)
    assert articles == []
    assert [(s.path, s.line) for s in skipped] == [(str(folder), None)]
    assert "cannot read folder" in skipped[0].reason


def test_a_folder_given_as_a_path_is_not_an_error_when_empty(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert read_inputs([str(tmp_path / "empty")]) == ([], [])


def test_iter_inputs_yields_articles_and_skips_in_input_order(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    good = write(tmp_path / "good.txt", MOSUL)
    items = list(iter_inputs([missing, good]))
    assert [type(item) for item in items] == [Skipped, Article]


def test_permission_error_is_skipped_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "locked.jsonl", jsonl({"text": "Hidden."}))
    other = write(tmp_path / "other.txt", MOSUL)
    real_open = open

    def refuse(file: str, *args: object, **kwargs: object) -> object:
        if file == locked:
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    for module in (ingest, row_reader):
        monkeypatch.setattr(module, "open", refuse, raising=False)
    articles, skipped = read_inputs([locked, other])
    assert [a.id for a in articles] == ["other"]
    assert [(s.path, s.line) for s in skipped] == [(locked, None)]
    assert skipped[0].reason.startswith("cannot read file: Permission denied")


def test_folder_listing_error_is_skipped_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    write(locked / "a.txt", MOSUL)
    write(tmp_path / "b.txt", MOSUL)
    real_scandir = os.scandir

    def refuse(path: str) -> object:
        if path == str(locked):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    articles, skipped = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["b"]
    assert [(s.path, s.line) for s in skipped] == [(str(locked), None)]
    assert skipped[0].reason.startswith("cannot read folder: Permission denied")


def test_estimate_count_for_the_progress_bar(tmp_path: Path) -> None:
    from discrepancy.read.files import estimate_count

    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text('{"text": "x"}\n' * 3, encoding="utf-8")
    (tmp_path / "rows.csv").write_text("id,text\n1,x\n2,y\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert estimate_count([str(tmp_path)]) == 1 + 3 + 2
    assert estimate_count([str(tmp_path / "rows.jsonl"), str(tmp_path / "missing.txt")]) == 3
    assert estimate_count([str(tmp_path), "-"]) is None
