"""The store contract against a real PostgreSQL server, started for this test run and thrown away.

Needs Debian's ``postgresql`` package (``apt-get install -y postgresql``; CI installs it) and
psycopg (``pip install 'thoisu[postgres]'``). Without them these tests fail and say so: a
silent skip would let PostgreSQL support rot unnoticed.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from test_store import StoreContract
from thoisu.store import Store

INSTALL = "apt-get update && apt-get install -y postgresql"


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if not found:
        pytest.fail(f"PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; "
                    f"install them ({INSTALL}) to run the PostgreSQL store tests")
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    """A PostgreSQL cluster in a temporary directory, reachable only through a unix socket there."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        try:
            import psycopg  # noqa: F401
        except ImportError:
            pytest.fail("psycopg is not installed; pip install 'thoisu[postgres]'")
        # Not pytest's tmp_path: its parents are private to root, and the server runs as postgres.
        self.dir = Path(tempfile.mkdtemp(prefix="thoisu-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._databases = itertools.count()

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:  # initdb refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.dir / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}"
                        f"{done.stderr}{tail}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        name = f"tin_{next(self._databases)}"
        admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        return self.url(name)


class TestPostgreSQL(StoreContract):
    @pytest.fixture
    def url(self, postgres: _Server) -> str:
        return postgres.new_database()

    def install_refusal(self, store: Store, title: str) -> None:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.title = '{title}' THEN RAISE EXCEPTION 'refused by a test trigger'; "
                "END IF; RETURN NEW; END $$")
            conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON articles "
                                 "FOR EACH ROW EXECUTE FUNCTION refuse()")


def test_a_nul_character_fails_that_article_only(postgres: _Server) -> None:
    # PostgreSQL text cannot hold U+0000, which scraped pages sometimes carry.
    from test_store import small_article

    with Store.open(postgres.new_database()) as store:
        result = store.add_articles([small_article("n1"), small_article("n2", title="a\x00b"),
                                     small_article("n3")])
        assert result.added == ["n1", "n3"]
        assert [f.id for f in result.failed] == ["n2"]
        assert store.count_articles() == 2


def test_a_missing_database_says_to_create_it(postgres: _Server) -> None:
    from thoisu.store import StoreError

    url = postgres.url("khong_co")
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    shown = make_url(url).render_as_string(hide_password=True)
    assert caught.value.message == (f'store at {shown}: database "khong_co" does not exist; '
                                    "create the database first (createdb) or fix the URL")
