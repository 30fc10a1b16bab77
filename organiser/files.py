"""The one way the program writes a file (a temporary file beside it, renamed into place), and
the one way it reads a file the user names (a regular file, its size checked before reading)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from organiser.errors import FileWriteError, ValidationError

TEMPORARY_SUFFIX = ".part"
# What the program makes is the organiser's alone (letters, names of people at risk): readable
# by its owner only, whatever the umask. Windows keeps no such bits; there these do nothing.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# ".letter.pdf.4242.k3j9x.part": hidden, beside the file it becomes, named after the process
# writing it, so that the next start can tell one left by a killed process from one being
# written now by another.
_TEMPORARY = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.part$")


def temporary_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def temporary_path(target: Path, tag: str) -> Path:
    """A fixed temporary name beside `target` for this process (tag: what is being written)."""
    return target.with_name(f"{temporary_prefix(target)}{tag}{TEMPORARY_SUFFIX}")


def make_private_folder(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents readable by their owner only; folders that
    already exist are left as they are. The folders made, the deepest first."""
    missing = []
    step = Path(folder)
    while not step.exists() and step != step.parent:
        missing.append(step)
        step = step.parent
    Path(folder).mkdir(parents=True, exist_ok=True)
    for made in missing:
        os.chmod(made, PRIVATE_FOLDER)
    return missing


def create_private_file(path: Path) -> bool:
    """An empty file readable by its owner only, for SQLite to fill (the journal, WAL and
    shared-memory files SQLite makes beside it take its mode); False when it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)  # the umask may have taken bits off the owner's too
    return True


def keep_private(paths: Iterable[Path]) -> list[Path]:
    """Tighten files and folders of ours that others may read (made by an older version, or
    copied in) to owner-only; returns those changed. Missing ones, and another user's, are
    left alone."""
    changed = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            continue
        wanted = PRIVATE_FOLDER if stat.S_ISDIR(status.st_mode) else PRIVATE_FILE
        ours = os.name == "posix" and status.st_uid == os.getuid()
        if not ours or not (stat.S_ISDIR(status.st_mode) or stat.S_ISREG(status.st_mode)):
            continue  # never a device: /dev/null made 0600 would break the computer
        if stat.S_IMODE(status.st_mode) & 0o077:
            with contextlib.suppress(OSError):
                os.chmod(path, stat.S_IMODE(status.st_mode) & wanted)
                changed.append(Path(path))
    return changed


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


# The open databases' files, which no export may be written over (a slip of the tab key).
_PROTECTED: set[Path] = set()
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def protect(database: Path) -> None:
    """No file the program writes may replace this database or its companion files."""
    whole = Path(database).resolve()
    _PROTECTED.update({whole, *(Path(f"{whole}{suffix}") for suffix in SQLITE_COMPANIONS)})


def refuse_unwritable_target(target: Path) -> None:
    """A FileWriteError, before anything is written, for a target that must not be replaced:
    a folder, a device or pipe (/dev/null replaced by a file would break the computer), or an
    open database."""
    problem = ""
    if Path(target).resolve() in _PROTECTED:
        problem = "it is a database in use; choose another file"
    elif target.is_dir():
        problem = "it is a folder; give a file name inside it"
    elif target.exists() and not target.is_file():
        problem = "it is not an ordinary file (a device, a pipe or a socket)"
    if problem:
        raise FileWriteError(f"Cannot write {target}: {problem}. Nothing was written.")


def _cannot_write(target: Path, error: OSError) -> FileWriteError:
    reason = error.strerror or str(error)
    return FileWriteError(
        f"Cannot write {target}: {reason}. It was left as it was; nothing half-written remains."
    )


def _temporary_beside(target: Path, folders_made: list[Path] | None = None) -> tuple[int, str]:
    """A new hidden temporary file beside `target` (its folder made if missing, and added to
    `folders_made`), open for writing: its descriptor and name. mkstemp makes it 0600
    whatever the umask, so the file it becomes stays owner-only."""
    refuse_unwritable_target(target)
    try:
        made = make_private_folder(target.parent)
        if folders_made is not None:
            folders_made += made
        return tempfile.mkstemp(
            prefix=temporary_prefix(target), suffix=TEMPORARY_SUFFIX, dir=target.parent
        )
    except OSError as error:
        raise _cannot_write(target, error) from error


@contextlib.contextmanager
def _written_whole(target: Path, fd: int, tmp_name: str) -> Iterator[BinaryIO]:
    """The temporary file as a binary file, flushed to the disk when the block ends; taken
    away on any error (a file-system error becoming a FileWriteError that names `target`)."""
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise _cannot_write(target, error) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces `path`, on any error nothing is left behind.
    A file-system error (no such folder, no permission, a full disk) becomes a FileWriteError
    that names `path`, never the hidden temporary file."""
    target = Path(path)
    fd, tmp_name = _temporary_beside(target)
    with _written_whole(target, fd, tmp_name) as handle:
        yield handle
    _put_in_place(target, tmp_name)


def _put_in_place(target: Path, tmp_name: str) -> None:
    try:
        os.replace(tmp_name, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise _cannot_write(target, error) from error


class StagedFiles:
    """Files written whole, each under a hidden temporary name beside its target, then all
    put in place by `publish`, or all taken away by `discard`: a batch refused after some of
    its files were written leaves every target as it was. `stage` may be called from several
    threads at once (each file's write waits on the disk, not on the interpreter)."""

    def __init__(self) -> None:
        self._staged: dict[Path, str] = {}
        self._lock = threading.Lock()
        self._folders: list[Path] = []  # made for the files, the deepest first
        self.created: list[Path] = []  # targets that `publish` made (none was there before)

    def stage(self, path: str | os.PathLike[str], data: bytes) -> None:
        target = Path(path)
        with self._lock:  # one thread at a time makes a missing folder, and knows it did
            fd, tmp_name = _temporary_beside(target, self._folders)
        with _written_whole(target, fd, tmp_name) as handle:
            handle.write(data)
        with self._lock:
            earlier = self._staged.pop(target, None)
            self._staged[target] = tmp_name
        if earlier is not None:
            with contextlib.suppress(OSError):
                os.unlink(earlier)

    def publish(self) -> None:
        """Every staged file in place, in the order staged; the first that cannot be is a
        FileWriteError, and the files not yet put in place are taken away."""
        with self._lock:
            staged, self._staged = list(self._staged.items()), {}
        for number, (target, tmp_name) in enumerate(staged):
            existed = target.exists()
            try:
                _put_in_place(target, tmp_name)
            except FileWriteError:
                self._staged = dict(staged[number + 1 :])
                self.discard()
                raise
            if not existed:
                self.created.append(target)

    def discard(self) -> None:
        """The staged files not yet in place taken away, and the folders made for them when
        nothing else is in them."""
        with self._lock:
            staged, self._staged = list(self._staged.values()), {}
        for tmp_name in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        for folder in self._folders:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty


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
