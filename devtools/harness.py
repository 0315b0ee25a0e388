# Starting the app and finding Chromium: shared by the browser tests, bench/ and scripts/.
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import Frame

ROOT = Path(__file__).resolve().parents[1]
# Debian's package; the test tool never downloads a browser of its own.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_SECONDS = 60


def chromium_path() -> str | None:
    """Return the Chromium executable to drive (CHROMIUM_PATH or Debian's), if there is one."""
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = (configured,) if configured else CHROMIUM_CANDIDATES
    return next((path for path in candidates if path and Path(path).is_file()), None)


def free_port() -> int:
    """Ask the system for a free local TCP port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """A `streamlit run app.py` process on a free local port, and the URL it serves."""

    def __init__(
        self,
        extra_args: tuple[str, ...] = (),
        *,
        base_path: str = "",
        env: dict[str, str] | None = None,
        script: str = "app.py",
        root: Path = ROOT,
        port: int | None = None,
    ) -> None:
        """Start the server (under `base_path`, with `env` added) and wait until it answers.

        `root` is the checkout the script runs from: another one lets the benchmark measure
        an earlier version of the app beside this one.
        """
        self.port = port or free_port()  # known beforehand where settings name it (st.login)
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{base_path}" if base_path else "")
        self.log = ROOT / "test-results" / f"streamlit-{self.port}.log"
        self.log.parent.mkdir(exist_ok=True)
        command = [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.baseUrlPath", base_path,
            *extra_args,
        ]  # fmt: skip
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=root,
                stdout=log,
                stderr=subprocess.STDOUT,
                # The repository's packages import from any script's folder (bench/).
                env={**os.environ, "PYTHONPATH": str(root), **(env or {})},
            )
        try:
            self._wait_until_healthy()
        except RuntimeError:
            self.stop()
            raise

    def peak_memory_mb(self) -> float:
        """Return the server's peak resident memory so far, in MB (Linux: VmHWM in /proc)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def _wait_until_healthy(self) -> None:
        health = f"{self.url}/_stcore/health"  # always http://127.0.0.1
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log}")
            try:
                with urllib.request.urlopen(health, timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)  # polling the health endpoint until it answers
        raise RuntimeError(f"streamlit did not answer in {SERVER_START_SECONDS} s; see {self.log}")

    def stop(self) -> None:
        """Stop the server."""
        stop_process(self.process)


def stop_process(process: subprocess.Popen) -> None:
    """Ask a server process to stop; kill it if it has not within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


# Resolves true when the map's labels and markers have not moved over two animation frames
# and 300 ms: placement runs after the map's last move, and a flight takes a second.
MAP_STILL_JS = """() => new Promise((done) => {
    const read = () => [...document.querySelectorAll('.partner-label, path.partner-marker')]
        .map((e) => { const r = e.getBoundingClientRect();
                      return [r.left, r.top, r.width, e.textContent].join(); }).join();
    const before = read();
    requestAnimationFrame(() => requestAnimationFrame(() =>
        setTimeout(() => done(read() === before && before.length > 0), 300)));
})"""


def wait_until_map_is_still(frame: Frame, timeout_s: float = 30) -> None:
    """Wait until the map in `frame` has come to rest with its labels placed."""
    deadline = time.monotonic() + timeout_s
    while not frame.evaluate(MAP_STILL_JS):
        if time.monotonic() > deadline:
            raise TimeoutError("the map did not come to rest")
