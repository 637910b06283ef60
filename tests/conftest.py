import os

# Offline and quiet: no analytics, no version check, no hub look-ups.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("AZURE_TOKEN_CREDENTIALS", "dev")

import pytest  # noqa: E402

from tests.support import FakeHost, ServedApp  # noqa: E402


@pytest.fixture(scope="session")
def builtin_url():
    """The builtin model alone, with faults available, as a real HTTP server."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    from components.builtin_model.server import ServerOptions, create_app

    app = Starlette(routes=[Mount("/v1", create_app(ServerOptions(faults=True)))])
    with ServedApp(app) as served:
        yield f"{served.url}/v1"


@pytest.fixture
def fake_host():
    host = FakeHost()
    with ServedApp(host.app()) as served:
        host.url = served.url
        host.port = served.port
        yield host
