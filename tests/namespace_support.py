"""Run a Python script with a small tmpfs of its own: a real full disk for tests.

`unshare -rm` gives the script a user and mount namespace, so it may mount a tmpfs without
being root and nothing is left mounted afterwards. Tests skip where the machine has no
`unshare` or no user namespaces.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Prepended to every script: mount the tmpfs (or stop), and `fill_disk(path)`, which
# refuses to write anywhere but a small filesystem and never writes more than 64 MiB.
MOUNT = r"""
import os, subprocess, sys
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + sys.argv[2], "tmpfs", sys.argv[1]],
               check=True)
sys.argv = sys.argv[:1] + sys.argv[3:]
LIMIT = 64 << 20
def fill_disk(path):
    vfs = os.statvfs(os.path.dirname(path))
    if vfs.f_blocks * vfs.f_frsize > LIMIT:
        sys.exit("fill_disk: " + path + " is not on a small tmpfs; nothing written")
    with open(path, "wb") as fh:
        try:
            for _ in range(LIMIT // 65536):
                fh.write(bytes(65536))
                fh.flush()
        except OSError:
            return
    sys.exit("fill_disk: the disk did not fill up")
"""


def run_with_tmpfs(disk: Path, size: str, script: str, *args: object) -> dict:
    """Mount a tmpfs of `size` (e.g. "6m") at `disk` (an empty folder), run `script` with
    `disk` and `args` as sys.argv[1:], and return the JSON object it prints last."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    if probe.returncode:
        pytest.skip("no user namespaces here: " + probe.stderr.decode().strip())
    disk.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", MOUNT + script, str(disk), size, str(disk)]
        + [str(a) for a in args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])
