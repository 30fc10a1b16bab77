"""The hand-over archive: one zip holding a manifest, every record as JSON keyed by UUID, and the
attachments' bytes; written atomically, read as untrusted input (caps, checksum, format version).

The manifest lists every member with its size and SHA-256, and its own `checksum` is the SHA-256
of the manifest's canonical JSON without that key: one checksum over the whole content.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from organiser.errors import ValidationError
from organiser.files import atomic_output, open_input, write_bytes_atomic

FORMAT_NAME = "campaign-organiser-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.json"
ATTACHMENTS = "attachments/"
KINDS = (
    "attachments",
    "organisations",
    "people",
    "campaigns",
    "actions",
    "letters",
    "commitments",
    "situations",
    "templates",
    "international_days",
)
MAX_FILE_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 100_000
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

Records = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Archive:
    """An archive as plain data: `records[kind][uuid]` holds a record's fields (JSON values,
    references as UUIDs); `files[uuid]` an attachment's bytes."""

    created: str
    app_version: str
    scope: dict[str, str]
    records: Records
    files: dict[str, bytes] = field(default_factory=dict)


def refused(path: str | os.PathLike[str], why: str) -> ValidationError:
    return ValidationError("file", f"{Path(path).name} cannot be imported: {why}.")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _checksum(manifest: dict[str, Any]) -> str:
    return _digest(_canonical({k: v for k, v in manifest.items() if k != "checksum"}))


def save_archive(
    path: str | os.PathLike[str], archive: Archive, seal: Callable[[bytes], bytes] | None = None
) -> None:
    """Write `archive` to `path` through a temporary file renamed into place; with `seal`, the
    zip is built in memory and only its sealed (encrypted) bytes reach the disk."""
    members = {RECORDS: _canonical(archive.records)}
    members.update({f"{ATTACHMENTS}{key}": data for key, data in sorted(archive.files.items())})
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created": archive.created,
        "app_version": archive.app_version,
        "scope": archive.scope,
        "members": {name: {"size": len(d), "sha256": _digest(d)} for name, d in members.items()},
    }
    manifest["checksum"] = _checksum(manifest)
    if seal is None:
        with atomic_output(path) as handle:
            _write_zip(handle, manifest, members)
        return
    buffer = io.BytesIO()
    _write_zip(buffer, manifest, members)
    write_bytes_atomic(path, seal(buffer.getvalue()))


def _write_zip(handle: BinaryIO, manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        for name, data in members.items():
            zf.writestr(name, data)


def read_archive(
    path: str | os.PathLike[str], unseal: Callable[[bytes], bytes] | None = None
) -> Archive:
    """Read and check an archive, or raise ValidationError('file', ...) naming the file and the
    member or place at fault. Nothing is decompressed before the zip's directory passed the caps.
    With `unseal`, the file is read whole and handed to it first (a sealed archive is opened
    in memory, never written out unencrypted)."""
    with open_input(path, MAX_FILE_BYTES) as handle:
        if unseal is not None:
            return _read(path, io.BytesIO(unseal(handle.read(MAX_FILE_BYTES + 1))))
        return _read(path, handle)


def _read(path: str | os.PathLike[str], handle: BinaryIO) -> Archive:
    try:
        zf = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise refused(
            path, f"it is not a zip archive, or it is damaged or cut short ({error})"
        ) from None
    with zf:
        infos = _check_directory(path, zf)
        manifest = _manifest(path, zf, infos)
        members = manifest["members"]
        if set(members) != set(infos) - {MANIFEST}:
            extra = sorted(set(members) ^ (set(infos) - {MANIFEST}))
            raise refused(path, f"member {extra[0]} is not listed in both the manifest and zip")
        contents = {name: _member(path, zf, infos[name], members[name]) for name in members}
    records = _records(path, contents.pop(RECORDS, None))
    files = {name.removeprefix(ATTACHMENTS): data for name, data in contents.items()}
    return Archive(
        str(manifest.get("created", "")),
        str(manifest.get("app_version", "")),
        _scope(path, manifest.get("scope")),
        records,
        files,
    )


def _check_directory(path: str | os.PathLike[str], zf: zipfile.ZipFile) -> dict[str, Any]:
    """The caps, from the zip's directory alone: how many members, how large each and all."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refused(path, f"it holds {len(infos)} members, more than {MAX_MEMBERS}")
    total = 0
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise refused(path, f"member {info.filename} would expand to {info.file_size} bytes")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refused(path, f"its members would expand to more than {MAX_TOTAL_BYTES} bytes")
        if info.filename in by_name:
            raise refused(path, f"member {info.filename} appears twice")
        if info.flag_bits & 0x1:
            raise refused(path, f"member {info.filename} is encrypted")
        if not _expected_name(info.filename):
            raise refused(path, f"member {info.filename} does not belong in an archive")
        by_name[info.filename] = info
    if MANIFEST not in by_name:
        raise refused(path, f"it is not a Campaign Organiser archive (no {MANIFEST})")
    return by_name


def _expected_name(name: str) -> bool:
    if name in (MANIFEST, RECORDS):
        return True
    return name.startswith(ATTACHMENTS) and bool(_UUID.match(name.removeprefix(ATTACHMENTS)))


def _bounded(path: str | os.PathLike[str], zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than its directory entry declares."""
    try:
        with zf.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as error:
        raise refused(path, f"member {info.filename} is damaged ({error})") from None
    if len(data) != info.file_size:
        raise refused(path, f"member {info.filename} is not the size its directory declares")
    return data


def _json(path: str | os.PathLike[str], name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise refused(path, f"member {name} is not JSON ({error})") from None


def _manifest(
    path: str | os.PathLike[str], zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]
) -> dict[str, Any]:
    manifest = _json(path, MANIFEST, _bounded(path, zf, infos[MANIFEST]))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise refused(
            path, f"it is not a Campaign Organiser archive ({MANIFEST} names no such format)"
        )
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refused(path, f"{MANIFEST}: format_version {version!r} is not a version")
    if version > FORMAT_VERSION:
        raise refused(
            path,
            f"{MANIFEST}: it was written in archive format {version} by a newer Campaign "
            f"Organiser; this one reads format {FORMAT_VERSION} — install the newer version",
        )
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(
        isinstance(m, dict) and isinstance(m.get("sha256"), str) for m in members.values()
    ):
        raise refused(path, f"{MANIFEST}: its list of members is damaged")
    if manifest.get("checksum") != _checksum(manifest):
        raise refused(path, f"{MANIFEST}: the checksum does not match its content")
    return manifest


def _member(
    path: str | os.PathLike[str],
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    declared: dict[str, Any],
) -> bytes:
    data = _bounded(path, zf, info)
    if len(data) != declared.get("size") or _digest(data) != declared["sha256"]:
        raise refused(path, f"member {info.filename}: the checksum does not match its content")
    return data


def _records(path: str | os.PathLike[str], data: bytes | None) -> Records:
    if data is None:
        raise refused(path, f"it has no {RECORDS}")
    records = _json(path, RECORDS, data)
    if not isinstance(records, dict):
        raise refused(path, f"{RECORDS} does not hold records by kind")
    for kind, by_uuid in records.items():
        if kind not in KINDS:
            raise refused(path, f"{RECORDS}: '{kind}' is not a kind of record")
        if not isinstance(by_uuid, dict):
            raise refused(path, f"{RECORDS}: {kind} are not keyed by UUID")
        for key, fields in by_uuid.items():
            if not _UUID.match(key) or not isinstance(fields, dict):
                raise refused(path, f"{RECORDS}: {kind}/{key} is not a record under its UUID")
    return {kind: records.get(kind, {}) for kind in KINDS}


def _scope(path: str | os.PathLike[str], scope: Any) -> dict[str, str]:
    if not isinstance(scope, dict) or not all(isinstance(v, str) for v in scope.values()):
        raise refused(path, f"{MANIFEST}: its scope is damaged")
    return {str(k): v for k, v in scope.items()}


def now_text(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
