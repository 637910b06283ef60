"""The Gradio page: the shared host + model selector above the tabs, and the builtin model at /v1."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import sys
import threading
import time

import gradio as gr
import gradio.routes
import gradio.utils
from starlette.middleware import Middleware
from starlette.routing import Mount

from components.api.raw_calls import CallDefaults, public_parameter_counts
from components.builtin_model.server import ServerOptions, create_app
from components.classroom import sessions
from components.classroom.access import password_check
from components.classroom.gate import ClassGate, LimitedApp, ProxyHint, UploadCap, VisitorCookie
from components.classroom.playground import Playground
from components.core.hosts import import_sdk
from components.core.images import MAX_IMAGES_PER_REQUEST, MAX_UPLOAD_BYTES
from components.core.uploads import Uploads
from components.i18n import language_from_header, translate, ui_text
from components.lessons import tokens
from components.lessons.lesson_path import load_lesson
from components.lessons.next_token import TOKEN_CSS
from components.ui.accessible import ACCESSIBLE_CSS, accessible_on_load, theme
from components.ui.login_check import login_check_on_the_loop
from components.ui.page_cache import PageCache
from components.ui.pages import PAGES, TAB_MODULES, TabLinks, build_page
from components.ui.presenter import PRESENTER_CSS, PRESENTER_ON_LOAD
from components.ui.tabs.keys import oauth_available

MAX_ACTIVE_EVENTS = 1000
MAX_UPLOAD = "50mb"  # the largest image the Vision tab accepts (images.MAX_UPLOAD_BYTES)
UPLOAD_REQUEST_BYTES = MAX_IMAGES_PER_REQUEST * MAX_UPLOAD_BYTES + 2**20  # as many as one request may carry
AUTH_MESSAGE = "Class password (any user name) · Contraseña de la clase (cualquier nombre de usuario)"


def queue_size(env) -> int:
    """Events waiting at once (Gradio's default on ZeroGPU is 1): PLAYGROUND_QUEUE_SIZE, else 1000."""
    raw = (env.get("PLAYGROUND_QUEUE_SIZE") or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_ACTIVE_EVENTS


QUEUE_POLL_S = 0.005
PLACE_EVERY_S = 1.0


def build_demo(playground: Playground) -> tuple[gr.Blocks, gr.I18n]:
    """The main page, then the others (pages.PAGES): each serves only its own components and events."""
    i18n = gr.I18n(**ui_text())
    lesson = load_lesson(playground.env, set(TAB_MODULES))  # PLAYGROUND_LESSON, checked now: its error is logged
    # Gradio's own temporary files (uploads, files sent to the page) older than an hour go, every half hour.
    with one_server_app(), gr.Blocks(title="Python + AI Playground", delete_cache=(1800, 3600)) as demo:
        build_page(playground, i18n, PAGES[0], demo, lesson)
    for page in PAGES[1:]:
        with one_server_app(), demo.route(page.name("en"), page.path, show_in_navbar=False):
            build_page(playground, i18n, page, demo, lesson)
    # A class uses it at once: no event may wait for another user's request to finish. An event's place in line
    # goes out when it joins, then every PLACE_EVERY_S while it waits: Gradio's default tells every queued event
    # its place each time any event starts, O(n²) messages for a class sending at once (1,850 for 100).
    with one_server_app():
        demo.queue(
            default_concurrency_limit=None, max_size=queue_size(playground.env), status_update_rate=PLACE_EVERY_S
        )
    return demo, i18n


@contextlib.contextmanager
def one_server_app():
    """Gradio builds its whole server app (~250 routes, ~0.3 s each time here) when a Blocks closes and again in
    queue(), then the one it serves in launch(): the first two are thrown away. While the page is built, none is."""
    create_app = gradio.routes.App.__dict__["create_app"]
    gradio.routes.App.create_app = staticmethod(lambda *args, **kwargs: None)
    try:
        yield
    finally:
        gradio.routes.App.create_app = create_app


def builtin_routes(options: ServerOptions, playground: Playground | None = None) -> list[Mount]:
    app = create_app(options)
    if playground is not None:  # the class limits count scripts' calls too
        app = LimitedApp(app, playground.limits, playground.internal_token, limit_message)
    return [Mount("/v1", app=app)]


def limit_message(key: str, accept_language: str | None, **values) -> str:
    return translate(key, language_from_header(accept_language), **values)


def launch(
    playground: Playground,
    options: ServerOptions = ServerOptions(),
    on_built=None,
    running: gr.Blocks | None = None,
    after_warm_up=None,
    **launch_kwargs,
) -> gr.Blocks:
    """Start serving (without blocking) and point the builtin host at our own /v1. `on_built(demo)` runs
    before the server starts (app.py keeps it as `demo`, where Gradio's and Spaces' hot reload look for it);
    `after_warm_up()` once the SDK and the tokenizers are loaded too, in the warm-up thread.
    Under hot reload (`gradio app.py`) app.py runs again after an edit: Gradio then serves the new Blocks from
    the server `running` (the first launch) started, and the new Blocks asks it where that server listens."""
    with loops_closed_behind():  # Gradio's stray event loops (see there)
        demo, i18n = build_demo(playground)
        playground.uploads = Uploads(gradio.utils.get_upload_folder())  # the only files a request may name
        if on_built:
            on_built(demo)
        sessions.lean_sessions()
        login_check_on_the_loop()
        sessions.watched_states_once(demo)
        skip_matplotlib()
        sessions.start_sweeping(demo, playground)
        # uvicorn believes X-Forwarded-For from any loopback peer (its FORWARDED_ALLOW_IPS default): then a client
        # on this machine could name any address. Which forwarded entry to believe is PLAYGROUND_TRUSTED_PROXIES's
        # to say (unless the deployer set FORWARDED_ALLOW_IPS).
        os.environ.setdefault("FORWARDED_ALLOW_IPS", "")
        launched, _, _ = demo.launch(
            prevent_thread_lock=True,
            # Gradio runs at most max_threads events at once, whatever the concurrency limit: a class of 100
            # opening the page (6 load events each) and streaming must not wait for a slot.
            max_threads=MAX_ACTIVE_EVENTS,
            i18n=i18n,
            app_kwargs={
                "routes": builtin_routes(options, playground),
                "middleware": [
                    visitor_cookie(playground),
                    class_gate(playground, demo),
                    Middleware(UploadCap, most_bytes=UPLOAD_REQUEST_BYTES, message=limit_message),
                    Middleware(ProxyHint, trusted=playground.limits.trusted_proxies),
                    Middleware(TabLinks),
                    Middleware(CallDefaults, counts=lambda: public_parameter_counts(demo.fns)),
                    # innermost: cookies and policies are still added per request
                    Middleware(PageCache, pages=tuple(page.path for page in PAGES[1:])),
                ],
            },
            auth=password_check(playground.env),  # PLAYGROUND_PASSWORD: any user name, the class password
            auth_message=AUTH_MESSAGE,
            run_history=False,  # Gradio would keep every endpoint's inputs in the browser
            max_file_size=MAX_UPLOAD,
            footer_links=["api", "settings"],
            css=TOKEN_CSS + PRESENTER_CSS + ACCESSIBLE_CSS,
            theme=theme(),
            js=f"() => {{ ({PRESENTER_ON_LOAD})(); ({accessible_on_load()})(); }}",
            state_session_capacity=sessions.max_sessions(playground.env),  # least recently used out first
            **launch_kwargs,
        )
    if launched is None:  # Gradio's hot reload: the running server will serve this Blocks
        if running is None:
            raise RuntimeError("Under Gradio's hot reload, launch() needs the Blocks launched first (running=…)")
        demo.server_name, demo.server_port = address_of(running)
    threading.Thread(target=warm_up, args=(after_warm_up,), name="warm-up", daemon=True).start()
    playground.builtin_url = f"http://{_loopback(demo.server_name)}:{demo.server_port}/v1"
    playground.guard.own_ports.add(demo.server_port)  # a visitor's URL never leads back to this app
    # Gradio's queue polls for new events every 1 ms and for progress every 10 ms even when idle (~3% of a
    # core). 5 ms adds at most 5 ms before an event starts; we report no gr.Progress, so progress can wait.
    demo._queue.sleep_when_free = QUEUE_POLL_S
    demo._queue.progress_update_sleep_when_free = 0.1
    return demo


def warm_up(then=None) -> None:
    """What the first visitors would otherwise wait for, loaded once the server listens: the SDK (the first
    call), then the tokenizers (the first count); then `then()`."""
    import_sdk()
    tokens.load_all()
    if then:
        then()


def address_of(running: gr.Blocks, wait_s: float = 60) -> tuple[str, int]:
    """Where the first launch's server listens. Gradio starts its reload watcher (which runs app.py again and so
    reaches here) before the server, and sets the address only once the server is up: wait for it."""
    deadline = time.monotonic() + wait_s
    while getattr(running, "server_port", None) is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"The first launch's server did not start within {wait_s:.0f} s")
        time.sleep(0.05)
    return running.server_name, running.server_port


@contextlib.contextmanager
def loops_closed_behind():
    """Gradio makes a new event loop for every lock it makes outside a running loop (utils.safe_get_lock), and
    drops the one before unclosed: the garbage collector may finalise such a loop's socket before the loop and
    print a traceback. The ones the main thread set and replaced meanwhile are closed (the locks never use them:
    they bind to the server's loop when first used)."""
    set_event_loop, replaced = asyncio.set_event_loop, []

    def remembering(loop) -> None:
        if threading.current_thread() is threading.main_thread():
            replaced.append(loop)
        set_event_loop(loop)

    asyncio.set_event_loop = remembering
    try:
        yield
    finally:
        asyncio.set_event_loop = set_event_loop
        for loop in replaced[:-1]:  # the last one stays the main thread's loop
            if loop is not None and not loop.is_running() and not loop.is_closed():
                loop.close()


def skip_matplotlib() -> None:
    """Gradio imports matplotlib around every event (to pick its backend). Not installed, each try searched
    sys.path again: 3% of the server's CPU while a class streams. A None entry makes the import fail at once."""
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None


def visitor_cookie(playground: Playground) -> Middleware:
    """Every browser's identity cookie (sessions sealed by it) and the page's image policy; on a Space with
    sign-in, the Hugging Face avatar may show too."""
    avatars = "https://huggingface.co https://cdn-avatars.huggingface.co" if oauth_available(playground.env) else ""
    return Middleware(VisitorCookie, image_sources=avatars)


def class_gate(playground: Playground, demo: gr.Blocks) -> Middleware:
    """PLAYGROUND_PASSWORD on the builtin /v1 too (Gradio's login covers the page and its API) and on /login."""

    def logged_in(cookies) -> bool:  # Gradio's own login cookie, read as Gradio reads it
        app = getattr(demo, "server_app", None)
        if app is None:
            return False
        token = cookies.get(f"access-token-{app.cookie_id}") or cookies.get(f"access-token-unsecure-{app.cookie_id}")
        return bool(token) and token in app.tokens

    password = playground.env.get("PLAYGROUND_PASSWORD") or ""
    return Middleware(
        ClassGate,
        password=password,
        internal=playground.internal_token,
        logged_in=logged_in,
        trusted=playground.limits.trusted_proxies,
    )


def _loopback(server_name: str | None) -> str:
    """Reach our own server on loopback when it listens on every address."""
    if not server_name or server_name in ("0.0.0.0", "localhost", "::", "[::]"):
        return "127.0.0.1"
    return server_name
