# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backup layout without a device: finding a backup by name, token, run id or time; retention; what is refused."""
from __future__ import annotations

import json

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_backup
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError


def make(root, pair: str, name: str, taken: str, token: str, job: str = "deploy") -> str:
    folder = root / pair_backup.pair_dir_name(pair) / name
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps({
        "schema": pair_backup.SCHEMA, "version": 1, "pair": pair, "chassis": ["a", "b"], "taken": taken, "job": job,
        "token": token, "files": {}}))
    return str(folder)


@pytest.fixture
def backups(tmp_path):
    made = [make(tmp_path, "cgnat pair/1", "20250301T100000Z", "2025-03-01T10:00:00+00:00", "aaaa1111-a"),
            make(tmp_path, "cgnat pair/1", "20250302T100000Z", "2025-03-02T10:00:00+00:00", "bbbb2222-a"),
            make(tmp_path, "cgnat pair/1", "20250302T100000Z-2", "2025-03-02T10:00:00.500000+00:00", "cccc3333-a",
                 job="rollback")]
    (tmp_path / "cgnat_pair_1" / "not-a-backup").mkdir()
    return tmp_path, made


def test_a_pair_name_becomes_a_safe_directory_name():
    assert pair_backup.pair_dir_name("cgnat pair/1") == "cgnat_pair_1"
    assert pair_backup.pair_dir_name("pair1-mx1 + pair1-mx2") == "pair1-mx1_pair1-mx2"
    assert pair_backup.pair_dir_name("../..") == "pair"


def test_backups_are_listed_oldest_first_and_only_real_ones(backups):
    root, made = backups
    assert [b.path for b in pair_backup.list_backups(str(root), "cgnat pair/1")] == made
    assert pair_backup.list_backups(str(root), "another pair") == []


@pytest.mark.parametrize("kwargs,index", [
    ({"backup": "latest"}, 2), ({"backup": "20250302T100000Z"}, 1),
    ({"before": "bbbb2222-a"}, 1), ({"before": "aaaa1111"}, 0),                 # a token, a run id
    ({"before": "2025-03-01T12:00:00Z"}, 1), ({"before": "2025-03-01"}, 0),      # the first backup at or after
    ({"before": "2025-03-02T11:00:00+01:00"}, 1), ({"before": "20250302T100000Z"}, 1),
])
def test_find_a_backup(backups, kwargs, index):
    root, made = backups
    assert pair_backup.find_backup(str(root), "cgnat pair/1", **kwargs).path == made[index]


def test_a_backup_directory_is_found_by_its_path_whatever_the_pair(backups):
    root, made = backups
    assert pair_backup.find_backup(str(root), "other", backup=made[0]).path == made[0]


@pytest.mark.parametrize("kwargs,text", [
    ({}, "give a backup to roll back to"),
    ({"backup": "latest", "before": "x"}, "give a backup to roll back to"),
    ({"backup": "20990101T000000Z"}, "no backup 20990101T000000Z of cgnat pair/1"),
    ({"before": "not-a-token-or-time"}, "neither the token of a deploy"),
    ({"before": "2030-01-01"}, "no backup of cgnat pair/1 was taken at or after 2030-01-01"),
])
def test_what_cannot_be_found_is_said(backups, kwargs, text):
    root, _made = backups
    with pytest.raises(InputError, match=text.replace("/", ".")):
        pair_backup.find_backup(str(root), "cgnat pair/1", **kwargs)


def test_no_backup_at_all_says_where_it_looked(tmp_path):
    with pytest.raises(InputError, match="no backup of p under"):
        pair_backup.find_backup(str(tmp_path), "p", backup="latest")


def test_retention_keeps_the_newest_and_the_protected(backups):
    root, made = backups
    assert pair_backup.prune(str(root), "cgnat pair/1", 0) == []
    assert pair_backup.prune(str(root), "cgnat pair/1", 1, protect=[made[0]]) == [made[1]]
    assert [b.path for b in pair_backup.list_backups(str(root), "cgnat pair/1")] == [made[0], made[2]]
    assert (root / "cgnat_pair_1" / "not-a-backup").is_dir()        # never touched


def test_a_newer_or_foreign_meta_is_refused(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"schema": pair_backup.SCHEMA, "version": 2}))
    with pytest.raises(InputError, match="newer than this collection reads"):
        pair_backup.read_info(str(folder))
    (folder / "meta.json").write_text(json.dumps({"schema": "something else"}))
    with pytest.raises(InputError, match="not a backup of mxha.srd"):
        pair_backup.read_info(str(folder))
    (folder / "meta.json").write_text("{")
    with pytest.raises(InputError, match="not a backup of mxha.srd"):
        pair_backup.read_info(str(folder))
