"""The one way the program writes a file (a temporary file beside it, renamed into place), and
the one way it reads a file the user names (a regular file, its size checked before reading)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from organiser.errors import FileWriteError, ValidationError

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


def size_text(size: int) -> str:
    """A size as people read it: '512 bytes', '3 KB', '50 MB'."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def _cannot_read(target: Path, field: str, error: OSError) -> ValidationError:
    return ValidationError(field, f"Cannot read {target}: {error.strerror or error}.")


@contextlib.contextmanager
def open_input(path: str | os.PathLike[str], limit: int, field: str = "file") -> Iterator[BinaryIO]:
    """A file the user named, opened for reading once it is known to be a regular file of at
    most `limit` bytes. Opened without blocking, so a named pipe cannot hang the program, and
    checked on the opened descriptor, so what is checked is what is read. Refusals are
    ValidationErrors on `field` that name the file."""
    target = Path(path).expanduser()
    try:
        fd = os.open(
            target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as error:
        raise _cannot_read(target, field, error) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise ValidationError(field, f"{target} is {kind}, not a file; choose a file.")
        if info.st_size > limit:
            raise ValidationError(
                field,
                f"{target.name} is {size_text(info.st_size)}; at most {size_text(limit)} "
                "can be read here.",
            )
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        try:
            yield handle
        except OSError as error:
            raise _cannot_read(target, field, error) from None


def read_input(path: str | os.PathLike[str], limit: int, field: str = "file") -> bytes:
    """The bytes of a file the user named, refused (naming it) when it is not a regular file
    or is larger than `limit` — before anything is read, and again if it grew meanwhile."""
    with open_input(path, limit, field) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            field, f"{Path(path).name} is larger than {size_text(limit)}; it was not read."
        )
    return data
