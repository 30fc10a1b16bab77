"""The one way the program writes a file: to a temporary file beside it, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from organiser.errors import FileWriteError

TEMPORARY_SUFFIX = ".part"
# ".letter.pdf.4242.k3j9x.part": hidden, beside the file it becomes, named after the process
# writing it, so that the next start can tell one left by a killed process from one being
# written now by another.
_TEMPORARY = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.part$")


def temporary_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def temporary_path(target: Path, tag: str) -> Path:
    """A fixed temporary name beside `target` for this process (tag: what is being written)."""
    return target.with_name(f"{temporary_prefix(target)}{tag}{TEMPORARY_SUFFIX}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files in `folder` whose writer is no longer running (killed, or crashed)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        match = _TEMPORARY.match(name)
        if match and not _alive(int(match["pid"])) and (folder / name).is_file():
            found.append(folder / name)
    return sorted(found)


def remove_stale_temporaries(folders: Iterable[Path]) -> list[Path]:
    """Remove what killed writers left behind; what cannot be removed is left, silently."""
    removed = []
    for folder in folders:
        for path in stale_temporaries(folder):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _cannot_write(target: Path, error: OSError) -> FileWriteError:
    reason = error.strerror or str(error)
    return FileWriteError(
        f"Cannot write {target}: {reason}. It was left as it was; nothing half-written remains."
    )


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces `path`, on any error nothing is left behind.
    A file-system error (no such folder, no permission, a full disk) becomes a FileWriteError
    that names `path`, never the hidden temporary file."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=temporary_prefix(target), suffix=TEMPORARY_SUFFIX, dir=target.parent
        )
    except OSError as error:
        raise _cannot_write(target, error) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise _cannot_write(target, error) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_output(path) as handle:
        handle.write(data)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def copy_file_atomic(source: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """A byte-for-byte copy of `source` (read in pieces, so a large file is no burden)."""
    with open(source, "rb") as origin, atomic_output(path) as handle:
        while piece := origin.read(1 << 20):
            handle.write(piece)
