"""The archive format alone: what it writes reads back, and the caps are checked before reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from organiser.errors import ValidationError
from organiser.formats import archive as fmt

UUID = "0f0e0d0c-0b0a-4908-8706-050403020100"


def _archive() -> fmt.Archive:
    records: fmt.Records = {kind: {} for kind in fmt.KINDS}
    records["attachments"][UUID] = {"name": "logo.png", "version": 1}
    records["campaigns"]["1f0e0d0c-0b0a-4908-8706-050403020100"] = {"title": "Ақжайық 민주노총"}
    return fmt.Archive("2026-12-02T12:00:00+00:00", "0.1.0", {"kind": "everything"}, records,
                       {UUID: bytes(range(256))})  # fmt: skip


def test_what_is_written_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    fmt.save_archive(path, _archive())
    assert fmt.read_archive(path) == _archive()
    assert not list(tmp_path.glob(".*part"))  # the temporary file went


def test_a_file_over_the_cap_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.zip"
    fmt.save_archive(path, _archive())
    monkeypatch.setattr(fmt, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValidationError, match=r"big\.zip is .*; at most 100 bytes can be read"):
        fmt.read_archive(path)


def test_too_many_members_are_refused_from_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.zip"
    fmt.save_archive(path, _archive())
    monkeypatch.setattr(fmt, "MAX_MEMBERS", 2)
    with pytest.raises(ValidationError, match=r"many\.zip cannot be imported: it holds 3 members"):
        fmt.read_archive(path)


def test_members_expanding_beyond_the_total_cap_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "wide.zip"
    fmt.save_archive(path, _archive())
    monkeypatch.setattr(fmt, "MAX_TOTAL_BYTES", 300)
    with pytest.raises(ValidationError, match=r"wide\.zip cannot be imported: its members would"):
        fmt.read_archive(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"Cannot read .*gone\.zip"):
        fmt.read_archive(tmp_path / "gone.zip")
