"""Where the database lies: in a folder a cloud service copies to its servers, or on a network
share, either of which puts the names of people at risk beyond the organiser's computer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from organiser.config import get_setting, set_setting
from organiser.services.backups import database_location

CLOUD, NETWORK = "cloud", "network"
WARNED_SETTING = "storage.shared_warned"
MOUNTS = Path("/proc/mounts")

# A folder's name -> the service that synchronises it, as their desktop programs name them
# (macOS keeps them all under ~/Library/CloudStorage, iCloud under "Mobile Documents").
_CLOUD_FOLDERS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("Dropbox", lambda name: name == "Dropbox" or name.startswith(("Dropbox (", "Dropbox-"))),
    ("OneDrive", lambda name: name.startswith("OneDrive")),
    (
        "Google Drive",
        lambda name: (
            name in ("Google Drive", "GoogleDrive", "My Drive") or name.startswith("GoogleDrive-")
        ),
    ),
    ("iCloud Drive", lambda name: name in ("iCloud Drive", "iCloudDrive", "Mobile Documents")),
)
_NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs"})


@dataclass(frozen=True)
class SharedPlace:
    """Why the database is not the organiser's alone: `kind` is CLOUD or NETWORK, `name` the
    service ("Dropbox") or the file system ("nfs4"), `folder` where it begins."""

    kind: str
    name: str
    folder: Path

    def text(self) -> str:
        """In English, for the command line (the window says it in the user's language)."""
        if self.kind == CLOUD:
            return (
                f"the database is in a folder that {self.name} synchronises ({self.folder}): "
                "copies of it, with every name and letter in it, go to that service and to "
                "every computer linked to it. Keep it in a folder of this computer's own."
            )
        return (
            f"the database is on a network share ({self.name} at {self.folder}): others who "
            "reach the share may read it, and a database shared over the network can be "
            "damaged. Keep it on this computer's own disk."
        )


def cloud_folder(path: Path) -> SharedPlace | None:
    """The cloud service whose folder holds `path`, judged by the folders' names."""
    whole = Path(path).expanduser().absolute()
    for folder in (whole, *whole.parents):
        for service, matches in _CLOUD_FOLDERS:
            if matches(folder.name):
                return SharedPlace(CLOUD, service, folder)
    return None


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011 (octal escapes)."""
    return field.encode("latin-1").decode("unicode_escape").encode("latin-1").decode()


def network_mount(path: Path, mounts: str) -> SharedPlace | None:
    """The network file system holding `path`, from a mount table in /proc/mounts' format:
    the mount point nearest to it decides (NFS, SMB/CIFS, and any FUSE one such as sshfs)."""
    whole = Path(path).expanduser().absolute()
    nearest: tuple[Path, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, kind = Path(_unescape(fields[1])), fields[2]
        if (point == whole or point in whole.parents) and (
            nearest is None or len(point.parts) > len(nearest[0].parts)
        ):
            nearest = (point, kind)
    if nearest is None:
        return None
    point, kind = nearest
    if kind in _NETWORK_FILESYSTEMS or kind.startswith("fuse."):
        return SharedPlace(NETWORK, kind, point)
    return None


def shared_place(path: Path, mounts: str | None = None) -> SharedPlace | None:
    """Whether `path` lies in a synchronised folder or on a network share (the mount table
    is read from /proc/mounts on Linux when not given; elsewhere only names are judged)."""
    found = cloud_folder(path)
    if found is not None:
        return found
    if mounts is None:
        if not sys.platform.startswith("linux"):
            return None
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    return network_mount(path, mounts)


def warn_once(engine: Engine, mounts: str | None = None) -> SharedPlace | None:
    """The reason to warn about where this SQLite database lies, the first time only: a
    database warned about is remembered in the settings and not warned about again."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    location = database_location(engine)
    warned = [str(item) for item in get_setting(WARNED_SETTING)]
    if location in warned:
        return None
    found = shared_place(Path(location), mounts)
    if found is not None:
        set_setting(WARNED_SETTING, [*warned, location])
    return found
