"""Files are written through a temporary file beside them; what a killed writer left behind is
removed at the next start, and only that (never a file another running process is writing)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from organiser import store
from organiser.errors import FileWriteError
from organiser.files import (
    StagedFiles,
    atomic_output,
    keep_private,
    stale_temporaries,
    write_bytes_atomic,
)


def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                           capture_output=True, text=True)  # fmt: skip
    return int(child.stdout)


def test_a_write_leaves_the_new_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write_bytes_atomic(target, b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    write_bytes_atomic(target, b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half")
        raise RuntimeError("disk gone")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.pdf"]


def test_only_the_temporaries_of_ended_processes_are_stale(tmp_path: Path) -> None:
    gone = tmp_path / f".letter.pdf.{dead_pid()}.x8k2q1ab.part"
    mine = tmp_path / f".letter.pdf.{os.getpid()}.a1b2c3d4.part"
    user_file = tmp_path / ".notes.part"  # not ours: no process number
    for path in (gone, mine, user_file):
        path.write_bytes(b"partial")
    assert stale_temporaries(tmp_path) == [gone]


def test_opening_the_database_removes_what_a_killed_export_left_beside_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "calendar.ics"
    script = textwrap.dedent(f"""
        import sys, time
        from organiser.files import atomic_output
        with atomic_output({str(target)!r}) as handle:
            handle.write(b"BEGIN:VCALENDAR" * 1000)
            handle.flush()
            print("writing", flush=True)
            time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert len(left) == 1 and not target.exists()  # the kill left a temporary, no truncated file
    engine = store.open_database(str(tmp_path / "organiser.sqlite3"))  # the next start
    engine.dispose()
    assert not left[0].exists()
    assert not target.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_a_folder_or_an_open_database_is_never_replaced_by_a_write(tmp_path: Path) -> None:
    pipe, folder, database = tmp_path / "pipe", tmp_path / "folder", tmp_path / "db.sqlite3"
    os.mkfifo(pipe)
    folder.mkdir()
    store.open_database(str(database)).dispose()
    for target in (pipe, folder, database, Path(f"{database}-wal")):
        with pytest.raises(FileWriteError, match="Nothing was written"):
            write_bytes_atomic(target, b"x")
    assert stat.S_ISFIFO(pipe.stat().st_mode) and folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite3", "folder", "pipe"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_tightening_modes_touches_only_our_files_and_folders(tmp_path: Path) -> None:
    """Never a device or a pipe: /dev/null made 0600 by root would break the computer."""
    pipe, loose = tmp_path / "pipe", tmp_path / "loose.sqlite3"
    os.mkfifo(pipe, 0o644)
    loose.write_bytes(b"")
    loose.chmod(0o664)
    assert keep_private([pipe, loose, tmp_path / "missing"]) == [loose]
    assert stat.S_IMODE(pipe.stat().st_mode) == 0o644
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600


def test_staged_files_are_in_place_only_once_published(tmp_path: Path) -> None:
    out = tmp_path / "new" / "out"
    (tmp_path / "new").mkdir()
    old = tmp_path / "new" / "kept.pdf"
    old.write_bytes(b"as it was")
    staged = StagedFiles()
    staged.stage(out / "a.pdf", b"A")
    staged.stage(out / "b.pdf", b"B")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == []
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())
    staged.publish()
    assert (out / "a.pdf").read_bytes() == b"A" and (out / "b.pdf").read_bytes() == b"B"
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]  # no temporary left
    assert staged.created == [out / "a.pdf", out / "b.pdf"]


def test_staged_files_discarded_leave_every_target_and_folder_as_it_was(tmp_path: Path) -> None:
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"as it was")
    staged = StagedFiles()
    staged.stage(existing, b"new")
    staged.stage(tmp_path / "made" / "deeper" / "x.pdf", b"X")
    staged.discard()
    assert existing.read_bytes() == b"as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pdf"]  # the folders made too


def test_a_file_that_cannot_be_staged_names_its_target(tmp_path: Path) -> None:
    (tmp_path / "taken.pdf").mkdir()
    with pytest.raises(FileWriteError, match=r"taken\.pdf"):
        StagedFiles().stage(tmp_path / "taken.pdf", b"x")
