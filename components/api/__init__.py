"""The API: every endpoint (and its `_code` twin) with typed parameters, and the boundary where a request
enters — who calls, in which language — and any error leaves as a clear message. Imports the layers below,
never ui."""
