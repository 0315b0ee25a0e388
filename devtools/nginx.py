# nginx in front of the app as deploy/nginx.conf configures it: its partners part, taken
# as written, over plain HTTP on free ports, run by Debian's nginx in a temporary folder.
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from devtools.harness import ROOT, free_port, stop_process

DEPLOYED = ROOT / "deploy" / "nginx.conf"
# The part of the whole configuration that the replicas' test runs lies between these.
BEGIN_MARK, END_MARK = "# --- partners: begin", "# --- partners: end"
# The address the documented part listens on, replaced by a free port here (plain HTTP:
# the certificate's lines go with it).
DOCUMENTED_LISTEN = "listen 443 ssl;"
DOCUMENTED_REPLICAS = ("127.0.0.1:8501", "127.0.0.1:8502")
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
START_SECONDS = 20


def nginx_path() -> str | None:
    """Return Debian's nginx executable, if it is installed."""
    found = shutil.which("nginx")
    return found or next((p for p in NGINX_CANDIDATES if Path(p).is_file()), None)


def documented_block() -> str:
    """Return deploy/nginx.conf's partners part (its zones, map, upstream and server)."""
    text = DEPLOYED.read_text(encoding="utf-8")
    found = re.search(rf"{re.escape(BEGIN_MARK)}[^\n]*\n(.*?){re.escape(END_MARK)}", text, re.S)
    if found is None:
        raise AssertionError(f"deploy/nginx.conf needs its part between {BEGIN_MARK!r} and END")
    return found.group(1)


class Nginx:
    """nginx with the documented block, on a free port, in front of two replicas."""

    def __init__(self, folder: Path, replica_ports: tuple[int, int]) -> None:
        """Write the configuration into `folder` and start nginx in the foreground."""
        executable = nginx_path()
        if executable is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        self.port = free_port()
        block = documented_block()
        for needed in (DOCUMENTED_LISTEN, *DOCUMENTED_REPLICAS):
            if needed not in block:
                raise AssertionError(f"the documented nginx block no longer names {needed}")
        block = block.replace(DOCUMENTED_LISTEN, f"listen 127.0.0.1:{self.port};")
        block = "\n".join(
            line for line in block.splitlines() if not line.strip().startswith("ssl_")
        )
        for documented_port, port in zip(DOCUMENTED_REPLICAS, replica_ports, strict=True):
            block = block.replace(documented_port, f"127.0.0.1:{port}")
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "error.log"
        config = folder / "nginx.conf"
        config.write_text(
            f"pid {folder / 'nginx.pid'};\n"
            f"error_log {self.log} info;\n"
            "events {}\n"
            "http {\n"
            f"    access_log {folder / 'access.log'};\n"
            f"    client_body_temp_path {folder};\n"
            f"    proxy_temp_path {folder};\n"
            f"{block}\n"
            "}\n",
            encoding="utf-8",
        )
        self.access_log = folder / "access.log"
        self.process = subprocess.Popen(
            [executable, "-c", str(config), "-p", str(folder), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)  # polling the port until nginx listens
        raise RuntimeError("nginx did not listen in time")

    def stop(self) -> None:
        """Stop nginx."""
        stop_process(self.process)
