from pathlib import Path

import pytest

from thoisu.settings import Settings, SettingsError, load_settings


def test_file_then_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "thoisu.toml"
    cfg.write_text('tone_style = "new"\ndedup_threshold = 0.6\n', encoding="utf-8")
    s = load_settings(cfg, environ={"THOISU_DEDUP_THRESHOLD": "0.9"})
    assert s.tone_style == "new" and s.dedup_threshold == 0.9


def test_flags_override_and_none_is_ignored() -> None:
    s = Settings().replace(tone_style="new", summary_syllables=None)
    assert s.tone_style == "new" and s.summary_syllables == 200


def test_bad_settings_are_named(tmp_path: Path) -> None:
    cfg = tmp_path / "thoisu.toml"
    cfg.write_text("nonsense = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting 'nonsense'"):
        load_settings(cfg, environ={})
    with pytest.raises(SettingsError, match="THOISU_DEDUP_THRESHOLD"):
        load_settings(tmp_path / "none.toml", environ={"THOISU_DEDUP_THRESHOLD": "high"})
    with pytest.raises(SettingsError, match="tone_style"):
        load_settings(tmp_path / "none.toml", environ={"THOISU_TONE_STYLE": "newest"})


def test_a_misspelt_switch_is_an_error_not_off(tmp_path: Path) -> None:
    none = tmp_path / "none.toml"
    assert load_settings(none, environ={"THOISU_SEGMENT_WORDS": "Yes"}).segment_words is True
    assert load_settings(none, environ={"THOISU_SEGMENT_WORDS": "off"}).segment_words is False
    with pytest.raises(SettingsError, match="THOISU_SEGMENT_WORDS: segment_words = 'ture'"):
        load_settings(none, environ={"THOISU_SEGMENT_WORDS": "ture"})
