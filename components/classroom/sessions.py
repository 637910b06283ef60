"""What the server keeps per browser session, bounded, for a copy that runs for weeks.

Gradio keeps a SessionState per session hash until 10,000 sessions, and each one starts with a copy of every
block's config (kept for deep links), so memory grows with visitors × components. Here:
- a session keeps only the values of the blocks it changed (and the blocks an update replaced); a deep link still
  gets every block (their configs are made when asked);
- at most PLAYGROUND_MAX_SESSIONS sessions are kept (the least recently used one goes first, so an active class
  keeps its state);
- every minute, sessions whose browser closed more than CLOSED_GRACE_S ago, or idle for IDLE_LIMIT_S, are freed,
  with the playground's own per-session entries."""

from __future__ import annotations

import asyncio
import datetime
from copy import copy

import gradio as gr
import gradio.state_holder as state_holder
import gradio.utils

DEFAULT_MAX_SESSIONS = 2000
CLOSED_GRACE_S = 10 * 60  # a closed tab may come back (a reload, a lost connection)
IDLE_LIMIT_S = 3 * 3600  # a session nobody used for a lesson's length
SWEEP_EVERY_S = 60


class LeanSessionState(state_holder.SessionState):
    """A SessionState that keeps, of the blocks this session changed, only their new values (and the blocks an
    update replaced): a block's config is built only when a deep link asks for the session's components. Gradio
    builds and stores a config for every block an event touches, on the first event of every session (a whole
    page of them when the page opens) and again for a State on every streamed update."""

    def __init__(self, blocks: gr.Blocks):  # (the parent's __init__ copies every block's config: not called)
        self.blocks_config = copy(blocks.default_config)
        self._root_blocks = blocks.blocks
        self.values: dict[int, object] = {}  # block id -> the value this session's page shows
        self.state_data = {}
        self._state_ttl = {}
        self.is_closed = False
        self.STATE_TTL_WHEN_CLOSED = 3600

    def __setitem__(self, key: int, value) -> None:
        block = self.blocks_config.blocks.get(key)
        if isinstance(block, gr.State):
            self._state_ttl[key] = (block.time_to_live, datetime.datetime.now())
            self.state_data[key] = value
        else:  # an update replaced the block: its config (value included) comes from the new one
            self.blocks_config.blocks[key] = value
            self.values.pop(key, None)

    def _update_config(self, key: int) -> None:
        self.values.pop(key, None)

    def _update_value_in_config(self, key: int, value) -> None:
        self.values[key] = value

    @property
    def components(self):
        for key, block in self.blocks_config.blocks.items():
            if key in self._root_blocks:
                config = self.blocks_config.config_for_block(key, [], block)
                if config and key in self.values and "props" in config:
                    config = {**config, "props": {**config["props"], "value": self.values[key]}}
                if config:
                    yield config


def max_sessions(env) -> int:
    try:
        return max(1, int(env.get("PLAYGROUND_MAX_SESSIONS") or DEFAULT_MAX_SESSIONS))
    except ValueError:
        return DEFAULT_MAX_SESSIONS


def lean_sessions() -> None:
    """Before launch: new sessions are lean ones (what StateHolder creates for a new session hash)."""
    state_holder.SessionState = LeanSessionState


def watched_states_once(blocks: gr.Blocks) -> None:
    """Before launch: which States an event listens to (.change) is fixed once the page is built (it has no
    gr.render). Gradio finds them again on every update of every event by scanning all ~170 events of the page
    for each State output: 9% of a streamed reply's CPU."""
    watched = {block_id for fn in blocks.fns.values() for block_id, event in fn.targets if event == "change"}

    def get_state_ids_to_track(block_fn, state) -> tuple[list[int], list]:
        if state is None:
            return [], []
        ids = [block._id for block in block_fn.outputs if block.stateful and block._id in watched]
        return ids, [gradio.utils.deep_hash(state[block_id]) for block_id in ids]

    blocks.get_state_ids_to_track = get_state_ids_to_track


def sweep(holder, forget, now: datetime.datetime | None = None) -> int:
    """Free sessions closed for CLOSED_GRACE_S or idle for IDLE_LIMIT_S; `forget(hash)` frees our own entries.
    Returns how many went."""
    now = now or datetime.datetime.now()
    gone = []
    with holder.lock:
        for session_hash, session in list(holder.session_data.items()):
            idle = (now - holder.time_last_used.get(session_hash, now)).total_seconds()
            if idle > IDLE_LIMIT_S or (session.is_closed and idle > CLOSED_GRACE_S):
                del holder.session_data[session_hash]
                holder.time_last_used.pop(session_hash, None)
                gone.append(session_hash)
    for session_hash in gone:
        forget(session_hash)
    return len(gone)


def forget_evicted(holder, remembered, forget) -> None:
    """Our own per-session entries for sessions Gradio already let go (beyond the cap)."""
    for session_hash in [h for h in list(remembered) if h not in holder.session_data]:
        forget(session_hash)


def forget_on_eviction(holder, forget) -> None:
    """When Gradio drops its least recently used session (beyond PLAYGROUND_MAX_SESSIONS), `forget(hash)` drops
    ours at once: a student's keys must not outlive the session they were typed in."""
    update = holder.update

    def update_and_forget(session_id: str) -> None:
        oldest = next(iter(holder.session_data), None) if len(holder.session_data) > holder.capacity else None
        update(session_id)
        if oldest is not None and oldest not in holder.session_data:
            forget(oldest)

    holder.update = update_and_forget


def sweep_queue(queue) -> None:
    """Gradio's queue keeps, per session, the ids of its events until their streams deliver them, and then an
    empty set forever: the empty ones can go. (A set with ids is never touched, even when the events are done: a
    stream that has not read their results yet would find its entry gone.) Runs on the server's event loop,
    between two steps of any stream, never from another thread."""
    for session_hash, ids in list(queue.pending_event_ids_session.items()):
        if not ids:
            queue.pending_event_ids_session.pop(session_hash, None)


def sweep_once(demo: gr.Blocks, playground) -> None:
    sweep(demo.state_holder, playground.forget_session)
    forget_evicted(demo.state_holder, playground.kept_sessions(), playground.forget_session)
    sweep_queue(demo._queue)


_running: set[asyncio.Task] = set()  # the sweepers' tasks (the event loop keeps only weak references)


def start_sweeping(demo: gr.Blocks, playground) -> None:
    """Before launch: forget a session's entries when Gradio evicts it, and sweep every SWEEP_EVERY_S on the
    server's own event loop (started with it: Gradio runs its startup events there, once its app exists)."""

    async def sweep_forever() -> None:
        while demo.is_running:  # (set before startup events run; cleared by close())
            await asyncio.sleep(SWEEP_EVERY_S)
            sweep_once(demo, playground)

    async def start() -> None:
        forget_on_eviction(demo.state_holder, playground.forget_session)  # the launched app's holder
        task = asyncio.get_running_loop().create_task(sweep_forever())
        _running.add(task)
        task.add_done_callback(_running.discard)

    demo.extra_startup_events.append(start)
