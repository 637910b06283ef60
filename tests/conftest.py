import importlib.util
import os
import tempfile
from pathlib import Path

# Offline and quiet: no analytics, no version check, no hub look-ups.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("AZURE_TOKEN_CREDENTIALS", "dev")

# No test may leave this machine: this process and every Python process it starts refuse any address
# outside loopback and log the attempt; the test that made it fails (see netguard/sitecustomize.py).
NETGUARD = Path(__file__).resolve().parent / "netguard"
os.environ["NETGUARD_LOG"] = os.path.join(tempfile.mkdtemp(prefix="netguard-"), "outside.log")
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")]))
_spec = importlib.util.spec_from_file_location("netguard", NETGUARD / "sitecustomize.py")
netguard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(netguard)  # installs the guard in this process (NETGUARD_LOG is set)

import pytest  # noqa: E402

from tests.support import FakeHost, ServedApp  # noqa: E402

pytest_plugins = ["tests.browser_support"]  # the browser and page_in fixtures


@pytest.fixture(autouse=True)
def stays_on_this_machine():
    """Fails the test during which any process tried to reach an address outside loopback."""
    log = Path(os.environ["NETGUARD_LOG"])
    before = log.read_text() if log.exists() else ""
    yield
    after = log.read_text() if log.exists() else ""
    assert after == before, f"outside connections attempted:\n{after[len(before) :]}"


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


@pytest.fixture(scope="session")
def session_fake_host():
    host = FakeHost(answer="Patitas suaves en la cocina")
    with ServedApp(host.app()) as served:
        host.url, host.port = served.url, served.port
        yield host


@pytest.fixture(scope="session")
def launched_app(session_fake_host):
    """The whole app, launched once: builtin host (with faults), a custom host on the fake, and GitHub
    Models redirected to the fake (which answers 410 like the retired service)."""
    import httpx2

    from components.builtin_model.server import ServerOptions
    from components.classroom.playground import Playground
    from components.core.hosts import ClientPool
    from components.ui.page import launch
    from tests.support import RedirectTransport, free_port

    env = {
        "OPENAI_COMPAT_BASE_URL": f"{session_fake_host.url}/v1",
        "OPENAI_COMPAT_MODEL": "fake-model-b",
        "GITHUB_TOKEN": "ghp_testsecret4242",
        "GITHUB_MODEL": "openai/gpt-4o-mini",
        "OLLAMA_ENDPOINT": "http://127.0.0.1:9/v1",  # nothing listens there: connection refused
        "OLLAMA_MODEL": "llama3.2",
        "PLAYGROUND_ALLOW_LOCAL_URLS": "1",  # students' own servers on this network (the fakes, on loopback)
    }
    transport = RedirectTransport(session_fake_host.port, only=("models.github.ai",))
    # The SDK's own retries (2) as in the app; a short timeout so a hanging host fails fast.
    pool = ClientPool(http_client=httpx2.AsyncClient(transport=transport), max_retries=2, timeout=3)
    playground = Playground(env, pool)
    demo = launch(playground, ServerOptions(faults=True), server_port=free_port(), quiet=True)
    yield demo, playground
    demo.close()


@pytest.fixture(scope="session")
def app_client(launched_app):
    from gradio_client import Client

    demo, _ = launched_app
    return Client(demo.local_url, verbose=False, analytics_enabled=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Lets fixtures see whether the test failed (the browser tests keep a screenshot then)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
