"""Every kind's `edit ID` sets each field `add` takes (and notes, website, membership, targets
and allies, a commitment's number, source and joint pledgers), `show ID --json` reads each back
with every field and link list; `delete ID` takes each kind to the trash; bad input to `edit`
is one line, exit 2, nothing written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run, snapshot


@dataclass
class World:
    """Ids (as the command line takes them) of a small campaign's records."""

    ids: dict[str, str]
    body: str

    def __getitem__(self, key: str) -> str:
        return self.ids[key]


def _id(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    result = run(capsys, db, *args)
    assert result.code == 0, result.err
    return result.out.strip()


@pytest.fixture
def world(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> World:
    body = tmp_path / "body.md"
    body.write_text("Dear comrades,\n\nIn solidarity.", encoding="utf-8")
    new_body = tmp_path / "new-body.md"
    new_body.write_text("Dear friends,\n\n**Release them.**", encoding="utf-8")
    ids: dict[str, str] = {}
    ids["gu"] = _id(capsys, db_path, "org", "add", "--name", "IndustriALL", "--kind",
                    "global-union-federation")  # fmt: skip
    ids["ituc"] = _id(capsys, db_path, "org", "add", "--name", "ITUC")
    ids["union"] = _id(capsys, db_path, "org", "add", "--name", "KMWU", "--country", "KR")
    ids["gov"] = _id(capsys, db_path, "org", "add", "--name", "Government", "--kind", "government")
    ids["person"] = _id(capsys, db_path, "person", "add", "--name", "Han", "--org", ids["union"])
    ids["other_person"] = _id(capsys, db_path, "person", "add", "--name", "Cho")
    ids["campaign"] = _id(capsys, db_path, "campaign", "add", "--title", "Crackdown",
                          "--country", "KR")  # fmt: skip
    ids["action"] = _id(capsys, db_path, "action", "add", "--campaign", ids["campaign"],
                        "--kind", "rally", "--title", "Rally", "--start", "2026-11-12")  # fmt: skip
    ids["letter"] = _id(capsys, db_path, "letter", "add", "--campaign", ids["campaign"],
                        "--kind", "resolution", "--sender", ids["gu"], "--subject", "Resolution",
                        "--body-file", str(body))  # fmt: skip
    ids["commitment"] = _id(capsys, db_path, "commitment", "add", "--campaign", ids["campaign"],
                            "--org", ids["gu"], "--what", "Support the rally")  # fmt: skip
    return World(ids, str(new_body))


# kind, the record's key in the world, then (options, a field of `show --json`, its value)
# with `{key}` standing for an id of the world.
Case = tuple[tuple[str, ...], str, Any]
EDITS: dict[str, tuple[str, list[Case]]] = {
    "org": ("union", [
        (("--name", "Korean Metal Workers' Union"), "name", "Korean Metal Workers' Union"),
        (("--acronym", "KMWU"), "acronym", "KMWU"),
        (("--kind", "international-confederation"), "kind", "international-confederation"),
        (("--country", "DE"), "country", "DE"),
        (("--email", "intl@metall.kr"), "email", "intl@metall.kr"),
        (("--phone", "+82 2 2670 9500"), "phone", "+82 2 2670 9500"),
        (("--address", "Seoul\nKorea"), "address", "Seoul\nKorea"),
        (("--language", "ko"), "language", "ko"),
        (("--affiliate-of", "{gu}"), "affiliate_of_id", "{gu}"),
        (("--website", "https://metall.nodong.org"), "website", "https://metall.nodong.org"),
        (("--notes", "Offices raided in 2015"), "notes", "Offices raided in 2015"),
        (("--members", "180000"), "members", 180000),
        (("--membership", "180,000 members"), "membership", "180,000 members"),
        (("--members", ""), "members", None),
        (("--affiliate-of", "none"), "affiliate_of_id", None),
    ]),
    "person": ("person", [
        (("--name", "Han Sang-gyun"), "name", "Han Sang-gyun"),
        (("--title", "President"), "title", "President"),
        (("--org", "{ituc}"), "organisation_id", "{ituc}"),
        (("--email", "han@kctu.org"), "email", "han@kctu.org"),
        (("--address", "Seoul Detention Centre"), "address", "Seoul Detention Centre"),
        (("--language", "ko"), "language", "ko"),
        (("--notes", "Sentenced to five years"), "notes", "Sentenced to five years"),
        (("--org", "none"), "organisation_id", None),
    ]),
    "campaign": ("campaign", [
        (("--title", "Stop the crackdown"), "title", "Stop the crackdown"),
        (("--country", "JP"), "country", "JP"),
        (("--target", "The government"), "target", "The government"),
        (("--summary", "Riot police raided"), "summary", "Riot police raided"),
        (("--demand", "Release", "--demand", "Withdraw"), "demands", ["Release", "Withdraw"]),
        (("--status", "active"), "status", "active"),
        (("--start", "2015-11-21"), "start_date", "2015-11-21"),
        (("--end", "2018-02-25"), "end_date", "2018-02-25"),
        (("--lead", "{gu}"), "lead_id", "{gu}"),
        (("--colour", "#d1242f"), "colour", "#d1242f"),
        (("--target-org", "{gov}"), "target_organisation_ids", ["{gov}"]),
        (("--target-org", "{gov}"), "target_organisation_names", ["Government"]),
        (("--ally", "{ituc}", "--ally", "{union}"), "ally_ids", ["{ituc}", "{union}"]),
        (("--ally", "{ituc}"), "ally_names", ["ITUC"]),
        (("--ally", "none"), "ally_ids", []),
        (("--lead", "none"), "lead_id", None),
    ]),
    "action": ("action", [
        (("--kind", "global-day-of-action"), "kind", "global-day-of-action"),
        (("--title", "Global day"), "title", "Global day"),
        (("--start", "2026-11-13"), "start_date", "2026-11-13"),
        (("--end", "2026-11-14"), "end_date", "2026-11-14"),
        (("--tz", "Europe/Berlin"), "timezone", "Europe/Berlin"),
        (("--location", "Seoul"), "location", "Seoul"),
        (("--status", "confirmed"), "status", "confirmed"),
        (("--notes", "Bring banners"), "notes", "Bring banners"),
        (("--workers", "1000"), "workers", 1000),
        (("--outcome", "Declared illegal"), "outcome", "Declared illegal"),
    ]),
    "commitment": ("commitment", [
        (("--org", "{union}"), "organisation_id", "{union}"),
        (("--what", "Join the rally"), "what", "Join the rally"),
        (("--action", "{action}"), "action_id", "{action}"),
        (("--due", "2026-11-12"), "due_date", "2026-11-12"),
        (("--status", "in-progress"), "status", "in-progress"),
        (("--evidence", "Photos"), "evidence", "Photos"),
        (("--evidence-url", "https://example.org/p"), "evidence_url", "https://example.org/p"),
        (("--number", "2"), "number", 2),
        (("--source-letter", "{letter}"), "source_letter_id", "{letter}"),
        (("--source-letter", "{letter}"), "source_letter_subject", "Resolution"),
        (("--joint", "its affiliates"), "joint_pledgers", "its affiliates"),
        (("--status", "fulfilled", "--on", "2026-01-05"), "fulfilled_on", "2026-01-05"),
        (("--number", ""), "number", None),
        (("--action", "none"), "action_id", None),
    ]),
    "letter": ("letter", [
        (("--kind", "protest-letter"), "kind", "protest-letter"),
        (("--sender", "{ituc}"), "sender_id", "{ituc}"),
        (("--subject", "Release them"), "subject", "Release them"),
        (("--date", "2016-07-05"), "letter_date", "2016-07-05"),
        (("--language", "ko"), "language", "ko"),
        (("--our-ref", "IA/2016/7"), "our_reference", "IA/2016/7"),
        (("--their-ref", "KR-1"), "their_reference", "KR-1"),
        (("--signatory", "{person}"), "signatories", [["person", "{person}"]]),
        (("--to", "org:{gov}"), "to", [["org", "{gov}"]]),
        (("--cc", "person:{other_person}"), "cc", [["person", "{other_person}"]]),
        (("--status", "approved"), "status", "approved"),
    ]),
}  # fmt: skip


def _filled(value: Any, world: World) -> Any:
    """`{key}` replaced by the world's id (as a number where the JSON has one)."""
    if isinstance(value, list):
        return [_filled(item, world) for item in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return int(world[value[1:-1]])
    return value


def _option(text: str, world: World) -> str:
    return text.format(**world.ids) if "{" in text and not text.startswith("#") else text


def _shown(record: dict[str, Any], field: str) -> Any:
    value = record[field]
    if field in ("signatories", "to", "cc"):  # parties: the reference each names
        return [party["ref"] for party in value]
    return value


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_edit_sets_every_field_and_show_json_reads_it_back(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: World, kind: str
) -> None:
    key, cases = EDITS[kind]
    record_id = world[key]
    version = run(capsys, db_path, kind, "show", record_id, "--json").json()["version"]
    for options, field, expected in cases:
        edited = run(capsys, db_path, kind, "edit", record_id,
                     *(_option(o, world) for o in options))  # fmt: skip
        assert edited.code == 0, (options, edited.err)
        shown = run(capsys, db_path, kind, "show", record_id, "--json").json()
        assert _shown(shown, field) == _filled(expected, world), options
        assert shown["version"] >= version and shown["id"] == int(record_id)
        version = shown["version"]
    if kind == "letter":  # the body comes from a file
        edited = run(capsys, db_path, kind, "edit", record_id, "--body-file", world.body)
        assert edited.code == 0, edited.err
        body = run(capsys, db_path, kind, "show", record_id, "--json").json()["body"]
        assert body == "Dear friends,\n\n**Release them.**"


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_show_json_gives_every_field_of_the_record(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: World, kind: str
) -> None:
    key, cases = EDITS[kind]
    shown = run(capsys, db_path, kind, "show", world[key], "--json").json()
    assert {"id", "uuid", "version"} <= set(shown)
    assert {field for _options, field, _value in cases} <= set(shown)
    readable = run(capsys, db_path, kind, "show", world[key])
    assert readable.code == 0 and f"uuid: {shown['uuid']}" in readable.out


@pytest.mark.parametrize(
    ("kind", "options", "named"),
    [
        ("org", ("--members", "many"), "number of members"),
        ("org", ("--kind", "confederation"), "Kind"),
        ("person", ("--org", "999"), "no organisation"),
        ("campaign", ("--target-org", "999"), "no organisation"),
        ("campaign", ("--target-org", "{gov}", "--ally", "{gov}"), "not both"),
        ("action", ("--workers", "-5"), "workers"),
        ("commitment", ("--number", "two"), "number in the resolution"),
        ("commitment", ("--source-letter", "999"), "no letter"),
        ("letter", ("--to", "union:1"), "reference"),
    ],
)
def test_bad_input_to_edit_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    world: World,
    kind: str,
    options: tuple[str, ...],
    named: str,
) -> None:
    before = snapshot(db_path)
    refused = run(capsys, db_path, kind, "edit", world[EDITS[kind][0]],
                  *(_option(o, world) for o in options))  # fmt: skip
    assert refused.code == 2 and refused.out == ""
    assert len(refused.err.strip().splitlines()) == 1 and named in refused.err
    assert snapshot(db_path) == before


def test_a_source_letter_of_another_campaign_is_refused(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: World
) -> None:
    other = _id(capsys, db_path, "campaign", "add", "--title", "Another")
    letter = _id(capsys, db_path, "letter", "add", "--campaign", other, "--kind", "statement",
                 "--sender", world["gu"], "--subject", "X", "--body-file", world.body)  # fmt: skip
    refused = run(capsys, db_path, "commitment", "edit", world["commitment"],
                  "--source-letter", letter)  # fmt: skip
    assert refused.code == 2 and "another campaign" in refused.err


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_delete_takes_each_kind_to_the_trash_and_show_then_refuses(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: World, kind: str
) -> None:
    record_id = world[EDITS[kind][0]]
    deleted = run(capsys, db_path, kind, "delete", record_id)
    assert deleted.code == 0, deleted.err
    gone = run(capsys, db_path, kind, "show", record_id, "--json")
    assert gone.code == 2 and len(gone.err.strip().splitlines()) == 1
    trash = run(capsys, db_path, "trash", "list", "--json").json()
    assert len(trash) == 1
    restored = run(capsys, db_path, "trash", "restore", str(trash[0]["id"]))
    assert restored.code == 0, restored.err
    assert run(capsys, db_path, kind, "show", record_id, "--json").code == 0


def test_an_organisation_deleted_and_restored_is_a_target_again(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: World
) -> None:
    campaign = world["campaign"]
    run(capsys, db_path, "campaign", "edit", campaign, "--target-org", world["gov"],
        "--ally", world["ituc"])  # fmt: skip
    assert run(capsys, db_path, "org", "delete", world["gov"]).code == 0
    shown = run(capsys, db_path, "campaign", "show", campaign, "--json").json()
    assert (shown["target_organisation_ids"], shown["ally_ids"]) == ([], [int(world["ituc"])])
    entry = run(capsys, db_path, "trash", "list", "--json").json()[0]["id"]
    assert run(capsys, db_path, "trash", "restore", str(entry)).code == 0
    shown = run(capsys, db_path, "campaign", "show", campaign, "--json").json()
    assert shown["target_organisation_ids"] == [int(world["gov"])]
