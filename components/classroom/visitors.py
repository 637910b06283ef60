"""What one browser's pages share: the host and model it chose last, so the next page it opens starts there.
Keyed by the browser's identity cookie (access.visitor_of); bounded, the least recently used dropped first.
No gradio here."""

from __future__ import annotations

from collections import OrderedDict

MOST_VISITORS = 10_000  # a few hundred bytes each
LONGEST_NAME = 200  # a host id or a model name longer than this is not one: not kept


class VisitorChoices:
    def __init__(self, most: int = MOST_VISITORS):
        self.most = most
        self._chosen: OrderedDict[str, tuple[str, str]] = OrderedDict()

    def remember(self, visitor: str, host: str, model: str) -> None:
        """`model` "" means the host's first model. A browser without the cookie has nothing kept."""
        if not visitor or not isinstance(host, str) or not isinstance(model, str):
            return
        if not host or len(host) > LONGEST_NAME or len(model) > LONGEST_NAME:
            return
        self._chosen[visitor] = (host, model)
        self._chosen.move_to_end(visitor)
        while len(self._chosen) > self.most:
            self._chosen.popitem(last=False)

    def of(self, visitor: str) -> tuple[str | None, str | None]:
        """(host, model) chosen last by this browser, or (None, None)."""
        host, model = self._chosen.get(visitor, (None, None)) if visitor else (None, None)
        return host, model or None

    def __len__(self) -> int:
        return len(self._chosen)
