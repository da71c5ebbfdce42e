"""The EPUB checked by Ace by DAISY (tools/ace, installed by .ci/run) running Debian's
chromium: no serious or critical accessibility violation, and in fact none at all."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from render_support import NAME, build_store, glossary

from bilingual.render import render_edition

ROOT = Path(__file__).resolve().parent.parent
ACE = ROOT / "tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    (not ACE.exists() or not CHROMIUM.exists()) and not os.environ.get("CI"),
    reason="Ace is not installed (npm ci --prefix tools/ace --ignore-scripts; .ci/run does)",
)


def ace(epub: Path, out: Path) -> Counter[tuple[str, str]]:
    """Run Ace on `epub`; (impact, rule) → count of its violations."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
    proc = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(out), str(epub)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    report = out / "report.json"
    assert proc.returncode == 0 and report.exists(), proc.stderr[-2000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    found: Counter[tuple[str, str]] = Counter()
    for document in data["assertions"]:
        for violation in document["assertions"]:
            test = violation["earl:test"]
            found[(test["earl:impact"], test["dct:title"])] += 1
    return found


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with build_store(tmp_path_factory.mktemp("ace") / NAME) as store:
        (path,) = render_edition(store, formats=("epub",), glossary=glossary())
    return path


def test_ace_finds_no_violation(epub: Path, tmp_path: Path) -> None:
    assert ace(epub, tmp_path / "report") == Counter()


def test_ace_can_fail(epub: Path, tmp_path: Path) -> None:
    """Without the accessibility metadata and the DPUB-ARIA roles, Ace reports what it
    reported before they were added (serious: accessMode, accessibilityFeature, …)."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith((".opf", ".xhtml")):
                text = data.decode()
                lines = [line for line in text.splitlines(True) if "schema:access" not in line]
                data = "".join(lines).replace(' role="doc-chapter"', "").encode()
            target.writestr(info, data)
    found = ace(broken, tmp_path / "report")
    serious = {rule for impact, rule in found if impact in ("serious", "critical")}
    assert {"metadata-accessmode", "metadata-accessibilityfeature"} <= serious
    assert found[("moderate", "epub-type-has-matching-role")] >= 1
