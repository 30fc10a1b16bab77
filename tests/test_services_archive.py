"""The hand-over archive: round trip, merge by UUID, campaign scope, and refusals that write
nothing."""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from organiser import store
from organiser.errors import ValidationError
from organiser.formats import archive as fmt
from organiser.models import (
    Campaign,
    Letter,
    LetterRecipient,
    Organisation,
    RecipientRole,
    Situation,
)
from organiser.services.archive import export_archive, import_archive
from tests.archive_world import file_hash, make_campaign_world, make_world, snapshot


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Engine]:
    engine = store.open_database(str(tmp_path / "other.sqlite3"))
    yield engine
    engine.dispose()


def test_round_trip_into_an_empty_database_gives_equal_rows(
    engine: Engine, other: Engine, tmp_path: Path
) -> None:
    make_world(engine)
    path = tmp_path / "all.zip"
    export_archive(engine, path)
    plan = import_archive(other, path)
    assert plan.written and plan.counts["add"] == len(plan.records) > 0
    assert snapshot(other) == snapshot(engine)
    assert snapshot(other)["situation_action"], "a situation's hearing travels with it"
    assert store.check(other) == []


def test_importing_twice_changes_nothing_the_second_time(
    engine: Engine, other: Engine, tmp_path: Path
) -> None:
    make_world(engine)
    path = tmp_path / "all.zip"
    export_archive(engine, path)
    import_archive(other, path)
    before = snapshot(other)
    again = import_archive(other, path)
    assert again.counts["unchanged"] == len(again.records)
    assert not again.written
    assert snapshot(other) == before
    import_archive(engine, path)  # into the database it came from: the same
    assert snapshot(engine) == before


def test_a_campaign_export_holds_only_that_campaigns_world(
    engine: Engine, other: Engine, tmp_path: Path
) -> None:
    first = make_campaign_world(engine, "one")
    second = make_campaign_world(engine, "two")
    with store.transaction(engine) as session:  # a situation of both campaigns
        situation = session.scalars(select(Situation).order_by(Situation.id)).first()
        assert situation is not None
        situation.campaigns.append(session.get(Campaign, second))
    path = tmp_path / "one.zip"
    export_archive(engine, path, campaign_id=first)
    archive = fmt.read_archive(path)
    assert archive.scope["kind"] == "campaign"
    texts = json.dumps(archive.records, ensure_ascii=False)
    assert "one" in texts and "two" not in texts
    assert {len(archive.records[k]) for k in ("campaigns", "actions", "letters")} == {1}
    assert len(archive.records["organisations"]) == 2  # the union and its federation
    assert len(archive.files) == 4
    import_archive(other, path)
    with store.transaction(other) as session:
        assert session.scalars(select(Campaign.title)).all() == ["Campaign one"]
        [situation] = session.scalars(select(Situation)).all()
        assert [c.title for c in situation.campaigns] == ["Campaign one"]
    assert store.check(other) == []
    assert import_archive(other, path).counts["unchanged"] == 13


def _rename(engine: Engine, name: str, new: str) -> None:
    with store.transaction(engine) as session:
        record = session.scalars(select(Organisation).where(Organisation.name == name)).one()
        record.name = new


def test_the_newer_version_wins_and_a_conflict_keeps_ours(
    engine: Engine, other: Engine, tmp_path: Path
) -> None:
    make_campaign_world(engine, "one")
    path = tmp_path / "all.zip"
    export_archive(engine, path)
    import_archive(other, path)
    _rename(engine, "Federation one", "Federation one (renamed there)")
    _rename(engine, "전국민주노동조합총연맹 one", "KCTU (there)")
    _rename(other, "전국민주노동조합총연맹 one", "KCTU (here)")
    export_archive(engine, path)
    dry = import_archive(other, path, dry_run=True)
    assert [r.label for r in dry.having("change")] == ["Federation one (renamed there)"]
    [conflict] = dry.having("conflict")
    assert (conflict.label, conflict.local_version, conflict.incoming_version) == (
        "KCTU (there)",
        2,
        2,
    )
    import_archive(other, path)
    with store.transaction(other) as session:
        names = set(session.scalars(select(Organisation.name)))
    assert names == {"Federation one (renamed there)", "KCTU (here)"}
    assert import_archive(other, path, dry_run=True).counts["change"] == 0


def test_a_dry_run_writes_nothing(
    engine: Engine, other: Engine, tmp_path: Path, db_path: Path
) -> None:
    make_world(engine)
    path = tmp_path / "all.zip"
    export_archive(engine, path)
    other_path = Path(str(other.url.database))
    other.dispose()
    before = file_hash(other_path)
    plan = import_archive(other, path, dry_run=True)
    other.dispose()
    assert plan.counts["add"] > 0 and not plan.written
    assert file_hash(other_path) == before
    assert not (other_path.parent / "other-backups").exists()


def _rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _manifest(members: dict[str, bytes], **fields: object) -> None:
    manifest = json.loads(members[fmt.MANIFEST])
    manifest.update(fields)
    members[fmt.MANIFEST] = json.dumps(manifest).encode()


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _change_records(path: Path) -> None:
    def change(members: dict[str, bytes]) -> None:
        members[fmt.RECORDS] = members[fmt.RECORDS].replace(b"Campaign one", b"Campaign 0ne")

    _rewrite(path, change)


def _change_manifest(path: Path) -> None:
    _rewrite(path, lambda members: _manifest(members, app_version="9.9"))


def _foreign(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")


def _bomb(path: Path) -> None:
    """A member whose directory entry declares 4 GB: refused before anything is inflated."""
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("attachments/00000000-0000-4000-8000-000000000000", b"0" * 1000)
    data = bytearray(path.read_bytes())
    entry = data.rfind(b"PK\x01\x02")  # the last central directory entry: the one just added
    struct.pack_into("<I", data, entry + 24, 0xFFFFFFF0)
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    _rewrite(path, lambda members: _manifest(members, format_version=fmt.FORMAT_VERSION + 1))


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_truncate, "damaged or cut short"),
        (_change_records, "member records.json: the checksum does not match"),
        (_change_manifest, "manifest.json: the checksum does not match"),
        (_foreign, "member word/document.xml does not belong"),
        (_bomb, "would expand to 4294967280 bytes"),
        (_newer, "archive format 2 by a newer Campaign Organiser"),
    ],
    ids=["truncated", "records-changed", "manifest-changed", "foreign", "zip-bomb", "newer"],
)
def test_a_spoilt_archive_is_refused_and_nothing_written(
    engine: Engine, other: Engine, tmp_path: Path, spoil: Callable[[Path], None], words: str
) -> None:
    make_campaign_world(engine, "one")
    make_campaign_world(other, "two")
    path = tmp_path / "spoilt.zip"
    export_archive(engine, path)
    spoil(path)
    other_path = Path(str(other.url.database))
    other.dispose()
    before = file_hash(other_path)
    with pytest.raises(ValidationError) as refusal:
        import_archive(other, path)
    other.dispose()
    assert "spoilt.zip" in str(refusal.value) and words in str(refusal.value)
    assert file_hash(other_path) == before


def test_a_reference_to_nothing_is_refused(engine: Engine, other: Engine, tmp_path: Path) -> None:
    make_campaign_world(engine, "one")
    path = tmp_path / "dangling.zip"
    archive = fmt.read_archive(export_archive(engine, path).path)
    [action] = archive.records["actions"].values()
    action["campaign"] = "11111111-1111-4111-8111-111111111111"
    fmt.save_archive(path, archive)
    with pytest.raises(ValidationError, match=r"dangling.zip: actions/.*refers to campaigns"):
        import_archive(other, path)
    with store.transaction(other) as session:
        assert session.scalar(select(func.count(Campaign.id))) == 0


def test_a_newer_letter_and_situation_replace_their_rows_and_links(
    engine: Engine, other: Engine, tmp_path: Path
) -> None:
    make_world(engine)
    path = tmp_path / "all.zip"
    export_archive(engine, path)
    import_archive(other, path)
    with store.transaction(engine) as session:
        letter = session.scalars(select(Letter).where(Letter.subject == "Protest one")).one()
        letter.recipients.pop(0)
        letter.recipients.append(LetterRecipient(role=RecipientRole.CC, name="Someone new"))
        letter.versions[0].body = "Свободу им"
        letter.subject = "Protest one, second draft"
        situation = session.scalars(select(Situation)).first()
        assert situation is not None
        situation.campaigns = []
        situation.notes = "released on bail"
    export_archive(engine, path)
    plan = import_archive(other, path)
    assert sorted(r.kind for r in plan.having("change")) == ["letters", "situations"]
    assert snapshot(other) == snapshot(engine)
