"""A database in a synchronised folder (Dropbox, OneDrive, Google Drive, iCloud Drive) or on a
network share (NFS, SMB/CIFS, FUSE) is warned about once, in the window and on the command line,
from fake paths and mount tables."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from organiser import store
from organiser.config import get_setting
from organiser.services import placement
from organiser.services.placement import CLOUD, NETWORK, cloud_folder, network_mount, shared_place
from tests.cli.helpers import run

MOUNTS = """\
/dev/vda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
tmpfs /tmp tmpfs rw 0 0
server:/export/home /mnt/nfs-home nfs4 rw,vers=4.2 0 0
//office/union\\040files /mnt/union\\040files cifs rw,vers=3.0 0 0
//nas/share /media/nas smb3 rw 0 0
me@host:/srv /home/me/remote fuse.sshfs rw,nosuid 0 0
/dev/vdb1 /mnt/nfs-home/local-disk ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "service", "folder"),
    [
        ("/home/me/Dropbox/union/organiser.sqlite3", "Dropbox", "/home/me/Dropbox"),
        ("/home/me/Dropbox (KCTU)/o.sqlite3", "Dropbox", "/home/me/Dropbox (KCTU)"),
        ("/Users/me/OneDrive - IALL/o.sqlite3", "OneDrive", "/Users/me/OneDrive - IALL"),
        ("/home/me/OneDrive/o.sqlite3", "OneDrive", "/home/me/OneDrive"),
        ("/home/me/Google Drive/o.sqlite3", "Google Drive", "/home/me/Google Drive"),
        ("/Users/me/Library/CloudStorage/GoogleDrive-me@x.org/My Drive/o.sqlite3",
         "Google Drive", "/Users/me/Library/CloudStorage/GoogleDrive-me@x.org/My Drive"),
        ("/Users/me/Library/Mobile Documents/com~apple~CloudDocs/o.sqlite3", "iCloud Drive",
         "/Users/me/Library/Mobile Documents"),
        ("/home/me/iCloudDrive/o.sqlite3", "iCloud Drive", "/home/me/iCloudDrive"),
    ],
)  # fmt: skip
def test_synchronised_folders_are_known_by_their_names(
    path: str, service: str, folder: str
) -> None:
    found = cloud_folder(Path(path))
    assert found is not None and (found.kind, found.name, found.folder) == (
        CLOUD, service, Path(folder)
    )  # fmt: skip


@pytest.mark.parametrize(
    "path",
    ["/home/me/Documents/o.sqlite3", "/home/me/dropbox-notes/o.sqlite3", "/home/me/Drive/o.db"],
)
def test_ordinary_folders_are_not_taken_for_synchronised_ones(path: str) -> None:
    assert cloud_folder(Path(path)) is None
    assert shared_place(Path(path), MOUNTS) is None


@pytest.mark.parametrize(
    ("path", "kind", "point"),
    [
        ("/mnt/nfs-home/me/o.sqlite3", "nfs4", "/mnt/nfs-home"),
        ("/mnt/union files/o.sqlite3", "cifs", "/mnt/union files"),
        ("/media/nas/o.sqlite3", "smb3", "/media/nas"),
        ("/home/me/remote/o.sqlite3", "fuse.sshfs", "/home/me/remote"),
    ],
)
def test_network_file_systems_are_read_from_the_mount_table(
    path: str, kind: str, point: str
) -> None:
    found = network_mount(Path(path), MOUNTS)
    assert found is not None and (found.kind, found.name, found.folder) == (
        NETWORK, kind, Path(point)
    )  # fmt: skip


def test_the_nearest_mount_point_decides() -> None:
    """A local disk mounted inside an NFS share is local; a name that merely begins like a
    mount point ("/mnt/nfs-home2") is not inside it."""
    assert network_mount(Path("/mnt/nfs-home/local-disk/o.sqlite3"), MOUNTS) is None
    assert network_mount(Path("/mnt/nfs-home2/o.sqlite3"), MOUNTS) is None
    assert network_mount(Path("/tmp/o.sqlite3"), MOUNTS) is None
    assert network_mount(Path("/tmp/o.sqlite3"), "garbage\n\n") is None


def test_a_shared_database_is_warned_about_once_then_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dropbox = tmp_path / "Dropbox"
    engine = store.open_database(str(dropbox / "organiser.sqlite3"))
    try:
        first = placement.warn_once(engine, mounts="")
        assert first is not None and first.name == "Dropbox" and "Dropbox" in first.text()
        assert placement.warn_once(engine, mounts="") is None
        assert get_setting(placement.WARNED_SETTING) == [str(dropbox / "organiser.sqlite3")]
    finally:
        engine.dispose()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the mount table is Linux's")
def test_the_command_line_warns_once_in_one_line_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(placement, "MOUNTS", tmp_path / "mounts")
    (tmp_path / "mounts").write_text(f"srv:/x {tmp_path} nfs rw 0 0\n")
    db = tmp_path / "organiser.sqlite3"
    first = run(capsys, db, "org", "add", "--name", "KCTU")
    assert first.code == 0 and first.out.strip() == "1"
    assert first.err.startswith("organiser: warning: the database is on a network share (nfs")
    assert len(first.err.splitlines()) == 1
    again = run(capsys, db, "org", "list")
    assert again.code == 0 and again.err == ""
