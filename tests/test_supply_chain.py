"""Supply chain: what CI and `make` fetch is pinned to exact, checked content.

Actions by full commit SHA (the tag in a comment), the container image and Node to
exact versions, every Python package with its hashes and installed with
--require-hashes, and the pull-request workflow running the browser tests with
Debian's Chromium (a missing browser fails, never skips).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import PROJECT

WORKFLOWS = sorted((PROJECT / ".github/workflows").glob("*.yml"))
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_tag(path: Path) -> None:
    lines = [
        line.split("uses:", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "uses:" in line
    ]
    assert lines, path
    assert [line for line in lines if not PINNED_ACTION.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_container_and_node_are_exact_versions(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    images = [job["container"]["image"] for job in workflow["jobs"].values() if "container" in job]
    assert all(re.fullmatch(r"python:3\.\d+\.\d+-slim-bookworm", image) for image in images), images
    nodes = [step["with"]["node-version"] for step in steps(workflow) if "setup-node" in step.get("uses", "")]
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", node) for node in nodes), nodes


def test_pull_requests_run_the_browser_tests_with_debian_chromium() -> None:
    workflow = yaml.safe_load((PROJECT / ".github/workflows/pr.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert job["container"]["image"].endswith("-slim-bookworm")
    assert job["env"]["PORTAL_SOP_REQUIRE_BROWSER"] == "1"
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    assert "apt-get install" in commands and " chromium" in commands and "poppler-utils" in commands
    assert "make test" in commands


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_python_package_is_pinned_with_hashes(name: str) -> None:
    text = (PROJECT / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z])", text)  # a package's block: its line, hashes, "# via"
    packages = [entry for entry in entries if not entry.startswith("#")]
    assert packages
    for entry in packages:
        assert re.match(r"^[A-Za-z0-9._-]+==[^\s\\]+ \\\n", entry), entry.splitlines()[0]
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_make_installs_with_require_hashes() -> None:
    lines = (PROJECT / "Makefile").read_text(encoding="utf-8").splitlines()
    (command,) = [line for line in lines if line.startswith("PIP_INSTALL :=")]
    assert "pip install" in command and "--require-hashes" in command
    installs = [line for line in lines if "-r requirements" in line]
    assert len(installs) == 2 and all(line.strip().startswith("$(PIP_INSTALL) ") for line in installs), (
        installs
    )
