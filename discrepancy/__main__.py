"""`python -m discrepancy` runs the CLI."""

from discrepancy.cli import main

main()
