"""Python + AI Playground: `python app.py`, then open http://127.0.0.1:7860.

With no configuration it runs on the builtin offline model; hosts come from .env (see .env.sample).
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile

# The launched Blocks: `gradio app.py` and Spaces' hot reload look for it here. After an edit they run this file
# again in the same namespace, and the server of the first launch serves the new Blocks: the first one is kept.
demo = globals().get("demo")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Python + AI Playground")
    parser.add_argument("--builtin-first-token-ms", type=float, default=0, help="(tests) simulated latency")
    parser.add_argument("--builtin-token-ms", type=float, default=0, help="(tests) simulated latency per token")
    parser.add_argument("--builtin-faults", action="store_true", help="(tests) enable the fault-<kind> models")
    args = parser.parse_args(argv)

    from dotenv import load_dotenv

    load_dotenv()
    # No outside network call at start: gradio's analytics and version check stay off unless asked for.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    # Gradio files uploads and samples by their content in one folder per machine, and an app that stops deletes
    # the ones it handled: another copy on the same machine would lose its samples. Each copy has its own.
    os.environ.setdefault("GRADIO_TEMP_DIR", tempfile.mkdtemp(prefix="playground-"))
    # Gradio summarises every past event with pandas after each event (for its monitoring page): with a
    # class streaming, that costs more CPU than the streams. Keep few records and never summarise.
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "100")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**12))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from components.classroom.playground import Playground
    from components.core.errors import RedactingFilter

    playground = Playground(os.environ)
    for handler in logging.getLogger().handlers:  # no key or token in any log line
        handler.addFilter(RedactingFilter(playground.all_secrets))
    for noisy in ("httpx", "httpx2", "httpcore", "httpcore2"):  # one line per request is noise
        logging.getLogger(noisy).setLevel(logging.WARNING)

    from components.builtin_model.server import ServerOptions
    from components.classroom import collector
    from components.ui.page import launch

    options = ServerOptions(args.builtin_first_token_ms / 1000, args.builtin_token_ms / 1000, args.builtin_faults)
    collector.set_for_bursts()  # a class pressing Send at once: see components/classroom/collector.py
    launch(playground, options, on_built=keep, running=demo, after_warm_up=collector.keep_start_out).block_thread()


def keep(built) -> None:
    global demo
    demo = built


if __name__ == "__main__":
    main()
