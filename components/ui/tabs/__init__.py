"""One module per tab; each binds its controls to the shared Playground calls."""
