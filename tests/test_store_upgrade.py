"""A store made before revision 0002 is upgraded in place: nothing lost, derived results
filled in by ``thoisu reanalyse``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from thoisu.cli import cli
from thoisu.store import Store
from thoisu.store.migrate import alembic_config, head_revision

TEXTS = [
    ("Mưa lớn gây ngập sâu ở Huế", "Sáng nay, mưa lớn kéo dài khiến nhiều tuyến phố ở Huế "
     "ngập sâu. Ông Trần Văn Bình cho biết nước dâng nhanh từ hôm qua."),
    ("Huế tiếp tục ngập sau mưa lớn", "Mưa lớn tiếp tục trút xuống Huế, nhiều tuyến phố "
     "vẫn ngập sâu. Ông Trần Văn Bình nói nước chưa rút."),
    ("Giá xăng giảm 500 đồng", "Liên Bộ Công Thương – Tài chính giảm giá xăng RON 95 "
     "thêm 500 đồng mỗi lít từ 15 giờ chiều nay."),
]


def old_store(path: Path) -> str:
    """A store at revision 0001 with three articles and one story, as thoisu wrote them then."""
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        for k, (title, lead) in enumerate(TEXTS):
            conn.execute(text(
                "INSERT INTO articles (id, title, lead, paragraphs, captions, source, published, "
                "published_evidence, language, meta, removed, problems, origin_path, added_at) "
                "VALUES (:id, :title, :lead, '[]', '[]', :source, :published, NULL, 'vi', "
                "'{}', '[]', '[]', :path, :added)"),
                {"id": f"{k:016x}", "title": title, "lead": lead, "source": f"Báo {k % 2}",
                 "published": f"2016-03-{28 + k}", "path": f"bai{k}.txt",
                 "added": datetime(2026, 11, 30, tzinfo=UTC)})
        conn.execute(text("INSERT INTO stories (id, title, updated_at) VALUES "
                          "('s-1', 'Mưa lớn ở Huế', :t)"), {"t": datetime(2026, 11, 30)})
        for position, article in enumerate([f"{0:016x}", f"{1:016x}"]):
            conn.execute(text("INSERT INTO story_articles (story_id, article_id, position) "
                              "VALUES ('s-1', :a, :p)"), {"a": article, "p": position})
    engine.dispose()
    return url


def test_an_old_store_is_upgraded_in_place_and_keeps_every_article(tmp_path: Path) -> None:
    url = old_store(tmp_path / "cu.db")
    with Store.open(url) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                == head_revision()
            count = conn.execute(text("SELECT article_count FROM stories")).scalar()
        assert count == 2
        kept = store.list_articles()
        assert [a.title for a in kept] == [t for t, _ in TEXTS]
        assert all(a.analysis_version is None for a in kept)
        assert [s.articles for s in store.list_stories()] == [[f"{0:016x}", f"{1:016x}"]]
        assert len(store.stale_article_ids("any")) == 3


def test_reanalyse_fills_what_the_old_store_lacks(tmp_path: Path,
                                                  monkeypatch: object) -> None:
    url = old_store(tmp_path / "cu.db")
    runner = CliRunner()
    stats = tmp_path / "dem.json"
    result = runner.invoke(cli, ["reanalyse", "--db", url, "-q", "--stats", str(stats)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 articles analysed again, 1 stories described again\n"
    assert json.loads(stats.read_text())["analyse"]["articles"] == 3
    with Store.open(url) as store:
        assert all(a.analysis_version for a in store.list_articles())
        assert [a.published.iso() for a in store.list_articles() if a.published] == \
            ["2016-03-28", "2016-03-29", "2016-03-30"]  # stored dates kept
        story = store.get_story("s-1")
        assert story is not None and story.summary and story.entities
        # The article in no story stays so until an ingest or a rebuild groups it.
        assert store.ids_without_story() == [f"{2:016x}"]
    again = runner.invoke(cli, ["reanalyse", "--db", url, "-q"], catch_exceptions=False)
    assert again.stdout == "0 articles analysed again, 0 stories described again\n"
    rebuilt = runner.invoke(cli, ["stories", "rebuild", "--db", url, "-q", "--yes"],
                            catch_exceptions=False)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.stdout.startswith("3 articles in 2 stories")
    with Store.open(url) as store:
        assert store.ids_without_story() == []
        assert store.stale_story_ids(store.list_stories()[0].analysis_version or "") == []
