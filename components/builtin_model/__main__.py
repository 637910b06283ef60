"""Serve the builtin model alone: python -m components.builtin_model --port 8000 (then base_url=.../v1)."""

from __future__ import annotations

import argparse

from starlette.applications import Starlette
from starlette.routing import Mount

from .server import ServerOptions, create_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The builtin demo model as an OpenAI-compatible API at /v1.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--first-token-ms", type=float, default=0, help="simulated latency before the first token")
    parser.add_argument("--token-ms", type=float, default=0, help="simulated latency between tokens")
    parser.add_argument("--faults", action="store_true", help="answer the models fault-<kind> with injected faults")
    parser.add_argument("--ignore-eos", action="store_true", help="every reply runs to max_tokens (benchmarks)")
    args = parser.parse_args(argv)
    options = ServerOptions(args.first_token_ms / 1000, args.token_ms / 1000, args.faults, args.ignore_eos)
    import uvicorn

    app = Starlette(routes=[Mount("/v1", create_app(options))])
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
