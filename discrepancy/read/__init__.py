"""Read stage: paths, folders, JSONL/CSV rows and stdin in; Article or Skipped out.

`files` walks the inputs, `encoding` turns bytes into clean text (binary refused, cp1252 and
mojibake repaired), `rows` reads JSONL and CSV rows, and `headers` turns a text's leading
lines (a date marker, an agency, a dateline, a headline) into the article's metadata. Nothing
here knows about facts: an input that cannot be used becomes a Skipped with its reason.
"""

from discrepancy.read.encoding import fix_text
from discrepancy.read.files import estimate_count, iter_inputs, read_inputs

__all__ = ["estimate_count", "fix_text", "iter_inputs", "read_inputs"]
