"""Cross-source discrepancy checker for news about violent incidents."""

__version__ = "0.1.0"
