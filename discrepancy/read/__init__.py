"""Read stage: paths, folders, JSONL/CSV rows and stdin in; Article or Skipped out.

`files` walks the inputs (pipes, devices, link loops and links out of the folder refused),
`encoding` turns bytes into clean text (binary refused, cp1252 and mojibake repaired, NULs and
lone surrogates replaced), `rows` reads JSONL and CSV rows one by one (a bad row skipped alone),
`limits` caps an article's and a line's size, `headers` turns a text's leading lines (a date
marker, an agency, a dateline, a headline) into the article's metadata, and `paths` refuses
paths given by mistake (a missing input, an output over an input). Nothing here knows about
facts: an input that cannot be used becomes a Skipped with its reason.
"""

from discrepancy.read.encoding import fix_text
from discrepancy.read.files import estimate_count, iter_inputs, read_inputs

__all__ = ["estimate_count", "fix_text", "iter_inputs", "read_inputs"]
