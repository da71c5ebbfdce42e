"""A small shipped glossary for tests, independent of the real data in glossary/."""

from __future__ import annotations

from pathlib import Path

import pytest

HEADER = "zh\ten\tpinyin\tcategory\tnote\tsource\tvariants\tstatus"
ROWS = [
    "网格化管理\tgrid-based management\twǎng gé huà guǎn lǐ\tgovernance\t\ttest\t网格管理\tapproved",
    "网格化\tgrid-based\twǎng gé huà\tgovernance\t\ttest\t\tapproved",
    "组织部\tOrganization Department\tzǔ zhī bù\tparty-body\t\ttest\t\tapproved",
    "市委组织部\tMunicipal Party Committee Organization Department"
    "\tshì wěi zǔ zhī bù\tparty-body\t\ttest\t\tapproved",
    "市委\tMunicipal Party Committee\tshì wěi\tparty-body\t\ttest\t\tapproved",
    "党费\tParty membership dues\tdǎng fèi\tparty-membership\t\ttest\t\tapproved",
    "火线入党\tjoin the Party on the front line\thuǒ xiàn rù dǎng\tparty-membership"
    "\t\ttest\t\tprovisional",
    "不忘初心、牢记使命\tstay true to our founding mission\tbù wàng chū xīn láo jì shǐ mìng"
    "\tslogan\t\ttest\t不忘初心，牢记使命\tapproved",
    "党员\tParty member\tdǎng yuán\tparty-membership\t\ttest\t\tapproved",
    "预备党员\tprobationary Party member\tyù bèi dǎng yuán\tparty-membership\t\ttest\t\tapproved",
    "居委会\tresidents committee\tjū wěi huì\tgrassroots\tor: neighborhood committee\ttest"
    "\t\tapproved",
    "四个意识\tFour Consciousnesses\tsì gè yì shí\tslogan\t\ttest\t\tapproved",
    "忻州市\tXinzhou City\txīn zhōu shì\tplace\t\ttest\t\tapproved",
]
SHIPPED_TSV = "\n".join([HEADER, *ROWS]) + "\n"


def write_shipped(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "terms.tsv").write_text(SHIPPED_TSV, encoding="utf-8")
    return directory


@pytest.fixture(name="shipped")
def shipped_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A shipped glossary dir (BILINGUAL_GLOSSARY_DIR) and an empty per-test user data dir."""
    directory = write_shipped(tmp_path / "shipped")
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(directory))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return directory
