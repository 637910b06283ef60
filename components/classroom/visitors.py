"""What one browser's pages share: the host and model it chose last, so the next page it opens starts there; each
tab's setup as it was last run, so coming back to a page finds its tabs as they were left; its own keys.
Keyed by the browser's identity cookie (access.visitor_of); bounded, the least recently used dropped first.
No gradio here."""

from __future__ import annotations

import json
from collections import OrderedDict

MOST_VISITORS = 10_000  # a few hundred bytes each
MOST_SETUP_BROWSERS = 1000  # browsers whose tab setups are kept, each at most MOST_SETUP_CHARS
MOST_SETUP_CHARS = 40_000  # all of one browser's tab setups, as JSON (a share link's own cap)
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


def browser_of(session: str) -> str:
    """The browser part of a sealed session ("hash#browser"); "" when it sent no identity cookie. (An unsealed
    name, as the API's tests use, stands for itself.)"""
    _, sealed, browser = session.partition("#")
    return browser if sealed else session


class BrowserKeys:
    """What each browser typed in the Keys panel, used for its calls only and never shown. Each page of the
    playground is a Gradio session of its own, so the keys follow the browser, not one session: they stay while
    one of its pages is still open (Gradio keeps a closed page's session CLOSED_GRACE_S for a reload) and are
    dropped with the last one, or at once by Forget."""

    def __init__(self) -> None:
        self.typed: dict[str, dict[str, str]] = {}  # browser -> its keys
        self.pages: dict[str, set[str]] = {}  # browser -> the session hashes of its pages that may use them

    def of(self, session: str | None) -> dict[str, str]:
        return self.typed.get(browser_of(session), {}) if session else {}

    def save(self, session: str, values: dict[str, str]) -> None:
        browser = browser_of(session)
        kept = {name: value.strip() for name, value in values.items() if value and value.strip()}
        if not browser or not kept:
            self.forget(session)
            return
        self.typed[browser] = kept
        self.page_opened(session)

    def forget(self, session: str) -> None:
        browser = browser_of(session)
        self.typed.pop(browser, None)
        self.pages.pop(browser, None)

    def page_opened(self, session: str | None) -> None:
        """A page of a browser that has keys opened (its load event): the keys stay while it is open."""
        browser = browser_of(session or "")
        if browser in self.typed:
            self.pages.setdefault(browser, set()).add(session.partition("#")[0])

    def page_gone(self, session_hash: str) -> None:
        """Gradio let this session go (closed, idle or evicted): the last page of a browser takes its keys."""
        for browser, hashes in list(self.pages.items()):
            hashes.discard(session_hash)
            if not hashes:
                self.forget(f"#{browser}")

    def session_hashes(self) -> set[str]:
        # (copies: the Keys panel's handler may add a page from a worker thread while the sweeper reads)
        return {h for hashes in list(self.pages.values()) for h in list(hashes)}

    def values(self) -> list[dict[str, str]]:
        return list(self.typed.values())


class TabSetups:
    """Each tab's setup (what a share link of it carries: prompts, system message, knobs, examples) as the browser
    last ran it: a page opened again starts its tabs there. Bounded per browser and in browsers."""

    def __init__(self, most_browsers: int = MOST_SETUP_BROWSERS, most_chars: int = MOST_SETUP_CHARS):
        self.most_browsers, self.most_chars = most_browsers, most_chars
        self._setups: OrderedDict[str, dict[str, dict]] = OrderedDict()

    def remember(self, browser: str, tab: str, setup: dict) -> None:
        if not browser:
            return
        setups = {**self._setups.get(browser, {}), tab: setup}
        try:
            size = len(json.dumps(setups, ensure_ascii=False))
        except (TypeError, ValueError):  # not plain data: not kept
            return
        if size > self.most_chars:
            return
        self._setups[browser] = setups
        self._setups.move_to_end(browser)
        while len(self._setups) > self.most_browsers:
            self._setups.popitem(last=False)

    def of(self, browser: str, tab: str) -> dict | None:
        return self._setups.get(browser, {}).get(tab) if browser else None
