"""Python's cycle collector, set for a class pressing Send at once (`app.py` opts in; tests keep the defaults).

A burst of 100 streams allocates some 80,000 container objects: with Python's defaults that is about 110 young
collections, ten middle ones and one full one, and the full one walked every object the start had built
(Gradio's Blocks and config, the openai types: about 290,000), some 220 ms on one core while every student
waited (a traced burst; README, performance). No gradio here."""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)

# Container objects allocated between two young collections (Python's default: 700). A burst then costs a few
# young collections instead of a hundred; the garbage waiting meanwhile is a few MB at most.
YOUNG_OBJECTS = 20_000


def set_for_bursts() -> None:
    _, middle, full = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, middle, full)


def keep_start_out() -> int:
    """Once the start has loaded everything (the page, the SDK, the tokenizers): what it built lives as long as
    the process, so the collector stops walking it (gc.freeze). Objects freed by their count still go; a cycle
    among them would stay, and only a hot reload (a development tool) drops the start's Blocks. Returns how many
    objects were set aside."""
    gc.collect()
    gc.freeze()
    kept = gc.get_freeze_count()
    log.info("%d objects from the start kept out of the cycle collector's walks", kept)
    return kept
