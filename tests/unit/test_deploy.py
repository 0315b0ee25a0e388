# The deployment files (deploy/) as an administrator uses them: the whole nginx.conf that
# `nginx -t` accepts (with a certificate of the test's own), the systemd unit that
# `systemd-analyze verify` accepts, and the role script run on a real PostgreSQL, after
# which the app's role can make its tables and the reader can only read them.
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import sqlalchemy as sa

from devtools.nginx import nginx_path
from devtools.postgres import DATABASE_USER
from tests.helpers.data import ROOT
from utils.editing.store import SqlStore

DEPLOY = ROOT / "deploy"


def required(tool: str, variable: str) -> str:
    """Return a tool's path; skip without it, unless CI requires it (then fail)."""
    found = shutil.which(tool) or (nginx_path() if tool == "nginx" else None)
    if found is None:
        if os.environ.get(variable) == "1":
            pytest.fail(f"{tool} is not installed")
        pytest.skip(f"{tool} is not installed")
    return found


def test_nginx_accepts_the_whole_configuration(tmp_path):
    nginx = required("nginx", "REQUIRE_NGINX")
    openssl = required("openssl", "REQUIRE_NGINX")
    cert, key = tmp_path / "partners.pem", tmp_path / "partners.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=example.gov.ru", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for written, here in (
        ("/etc/ssl/certs/partners.pem", cert), ("/etc/ssl/private/partners.key", key),
        ("/run/nginx.pid", tmp_path / "nginx.pid"),
        ("/var/log/nginx/error.log", tmp_path / "error.log"),
        ("/var/log/nginx/access.log", tmp_path / "access.log"),
    ):  # fmt: skip
        assert written in text
        text = text.replace(written, str(here))
    config = tmp_path / "nginx.conf"
    config.write_text(text, encoding="utf-8")
    done = subprocess.run([nginx, "-t", "-c", str(config), "-p", str(tmp_path)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


def test_systemd_accepts_the_unit(tmp_path):
    analyze = required("systemd-analyze", "REQUIRE_SYSTEMD")
    # The unit names the app where the hosting document installs it; here, this checkout.
    text = (DEPLOY / "partners@.service").read_text(encoding="utf-8")
    text = text.replace("/srv/partners/.venv/bin/python", sys.executable)
    text = text.replace("/srv/partners", str(ROOT))
    unit = tmp_path / "partners@8501.service"
    # Its user exists on the server; here the test's own.
    text = text.replace("User=partners", "User=root").replace("Group=partners", "Group=root")
    unit.write_text(text, encoding="utf-8")
    done = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_role_script_gives_the_app_its_database_and_the_reader_only_reading(
    postgres_cluster,
):
    psql = shutil.which("psql") or postgres_cluster.bindir / "psql"
    done = subprocess.run(
        [str(psql), "-h", "127.0.0.1", "-p", str(postgres_cluster.port), "-U", DATABASE_USER,
         "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-v", "password='app-secret'",
         "-v", "reader_password='reader-secret'", "-f", str(DEPLOY / "postgres-role.sql")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    base = f"127.0.0.1:{postgres_cluster.port}/partners"
    app = sa.create_engine(f"postgresql+psycopg://partners:app-secret@{base}")
    store = SqlStore(app)  # makes and migrates its own tables
    assert store.latest() == 0
    reader = sa.create_engine(f"postgresql+psycopg://partners_reader:reader-secret@{base}")
    with reader.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM partners_versions")).scalar() == 0
    with pytest.raises(sa.exc.ProgrammingError), reader.begin() as connection:
        connection.execute(sa.text("DELETE FROM partners_versions"))
    app.dispose()
    reader.dispose()
