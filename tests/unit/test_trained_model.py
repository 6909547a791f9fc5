"""bot/maintain/results.py trained_model: the one "which model, or run make train" helper."""

from __future__ import annotations


def test_a_missing_model_is_reported_with_the_command_to_make_it(tmp_path, capsys) -> None:
    from bot.maintain.results import trained_model

    assert trained_model(tmp_path / "none.tar.gz") is None
    assert "run `make train` first" in capsys.readouterr().out
    present = tmp_path / "m.tar.gz"
    present.write_bytes(b"")
    assert trained_model(present) == present
