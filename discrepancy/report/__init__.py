"""Report stage: a Report in; the contract's JSON, the HTML report, JUnit/SARIF and diffs out.

`json_report` writes `discrepancy-report/1`; `html_view` turns its dict into view objects and
`html_report` renders them with the one Jinja environment (autoescaped); `ci_formats` and
`diff` serve CI; `formatting` holds the filters every format shares.
"""
