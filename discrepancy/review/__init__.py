"""Review: the browser application over a store, where editors record decisions.

`server` routes requests (Starlette), `data` builds each page's view from the store and the
report's views, and `security` holds the CSRF, token and bind checks.
"""
