"""Extract stage: an Article in, its Extraction out (sentences with offsets and every Claim).

Counts become intervals here (`numbers`, `casualties` with `tolls` and `count_phrases`,
`troops`), times and places are read
(`when`, `places`), people and organisations found (`people`) and credited (`attribution`).
The word lists and patterns live in `lexicon`; `names` holds the rules that join two
spellings of one person, used by grouping and by alignment alike. Large patterns compile on
first use (`caseless`), from the compiled form an earlier run kept when there is one
(`compiled`, in the user's cache folder beside the gazetteer).
"""

from discrepancy.extract.extraction import Extraction, SentenceFacts, day_of, extract

__all__ = ["Extraction", "SentenceFacts", "day_of", "extract"]
