"""Reproducible builds (issue 22): a second build of this commit, in another folder, is the same
file as the one CI built (`packaging/dist.py`: a fixed hash seed, every timestamp the commit's;
installer.nsi: no file times), so IT can check a published SHA-256 against its own build.

Runs with the frozen build (FISCALDESK_FROZEN: CI and `make test-frozen`); about a minute."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import deb  # noqa: E402  (packaging/ is not a package)
import dist  # noqa: E402

pytestmark = pytest.mark.skipif(not os.environ.get("FISCALDESK_FROZEN"),
                                reason="needs the frozen build: `make test-frozen` (CI always runs these)")


def test_a_second_build_of_this_commit_is_byte_for_byte_the_same(tmp_path):
    built = ROOT / "dist" / dist.program_name()
    installer = dist.installer_path()
    assert built.is_file() and installer.is_file(), "run `python packaging/dist.py --fast-installer` first"
    again = dist.build(distpath=tmp_path / "dist", workpath=tmp_path / "build", shape="--both")
    assert dist.sha256(again) == dist.sha256(built)
    setup = dist.build_installer(dist.onedir_program(tmp_path / "dist").parent,
                                 tmp_path / "dist" / installer.name, fast=True)
    assert dist.sha256(setup) == dist.sha256(installer)
    first = deb.build_deb(dist.onedir_program().parent, tmp_path / "a.deb", dist.version(), "none")
    second = deb.build_deb(dist.onedir_program(tmp_path / "dist").parent, tmp_path / "b.deb", dist.version(), "none")
    assert dist.sha256(first) == dist.sha256(second)


def test_the_build_time_is_the_commits():
    epoch = dist.source_date_epoch()
    assert epoch.isdigit() and int(epoch) >= 315532800
    environment = dist.reproducible_environment()
    assert environment["PYTHONHASHSEED"] == "0" and environment["SOURCE_DATE_EPOCH"] == epoch
