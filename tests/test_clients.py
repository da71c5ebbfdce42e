"""Every interchange file opened by real clients, not only by our own parser.

translate-toolkit (a dev dependency) reads the TMX, both TBX forms and the XLIFF 2.1; OmegaT
(Debian's `omegat` 3.6, headless console mode) fills a project's target file from our TMX
in `tm/auto/` and reads our TBX from `glossary/`. What OmegaT does is judged by what it
wrote, never by its exit code: a TMX it cannot load is only logged (rc 0).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree
from render_support import NAME, build_store, glossary

from bilingual.document import Pair
from bilingual.interchange import import_xliff
from bilingual.render.export import export
from bilingual.render.xliff import write_xliff
from bilingual.terms.files import export_text, load_glossary
from bilingual.terms.glossary import Entry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF_XSD = Path(__file__).resolve().parent / "schemas" / "xliff-2.1" / "xliff_core_2.0.xsd"


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory):
    """The mini edition and its interchange files, written by our exporters."""
    root = tmp_path_factory.mktemp("clients")
    with build_store(root / NAME) as store:
        pairs = store.pairs()
        files = {
            "tmx": root / "edition.tmx",
            "xliff": root / "edition.xlf",
        }
        files["tmx"].write_text(export(store, "tmx"), encoding="utf-8")
        files["xliff"].write_text(write_xliff(store, glossary=glossary()), encoding="utf-8")
    yield root / NAME, pairs, files


@pytest.fixture(scope="module")
def shipped_tbx(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Entry], dict[str, Path]]:
    """The whole shipped glossary in both TBX forms."""
    entries = list(load_glossary(user=False).entries.values())
    root = tmp_path_factory.mktemp("tbx")
    files = {fmt: root / f"glossary-{fmt}.tbx" for fmt in ("tbx", "tbx3")}
    for fmt, path in files.items():
        path.write_text(export_text(entries, fmt), encoding="utf-8")
    return entries, files


def translated(pairs: list[Pair]) -> list[Pair]:
    return [p for p in pairs if p.en.strip()]


# --- translate-toolkit ---------------------------------------------------------------------------


def test_translate_toolkit_reads_our_tmx(edition) -> None:
    from translate.storage import factory, tmx

    _, pairs, files = edition
    store = factory.getobject(str(files["tmx"]))
    assert isinstance(store, tmx.tmxfile)
    expected = translated(pairs)
    assert len(store.units) == len(expected) == 12
    assert store.sourcelanguage == "zh-CN"
    assert [(u.source, u.target) for u in store.units] == [(p.zh, p.en) for p in expected]
    for unit in store.units:  # both languages on every unit
        langs = {tuv.get(XML_LANG) for tuv in unit.xmlelement.iter("{*}tuv")}
        assert langs == {"zh-CN", "en"}


def test_translate_toolkit_reads_our_tbx(shipped_tbx) -> None:
    from translate.storage import factory, tbx

    entries, files = shipped_tbx
    store = factory.getobject(str(files["tbx"]))
    assert isinstance(store, tbx.tbxfile)
    assert len(store.units) == len(entries) > 7000
    assert [(u.source, u.target) for u in store.units] == [(e.zh, e.en) for e in entries]
    synonyms = sum(len(u.get_source_terms()) for u in store.units)
    assert synonyms == sum(1 + len(e.zh_variants) for e in entries)
    first = store.units[0]
    assert first.getlanguageNodes()[0].get(XML_LANG) == "zh"


def test_translate_toolkit_refuses_tbx_v3(shipped_tbx) -> None:
    """Why `--format tbx` is the 2008 form: the toolkit's TBX reader expects `martif` (with
    a bare assert, so this also documents that the v3 file never loads there)."""
    from translate.storage import tbx

    _, files = shipped_tbx
    with pytest.raises(AssertionError):
        tbx.tbxfile.parsefile(str(files["tbx3"]))


def test_translate_toolkit_reads_and_edits_our_xliff(edition, tmp_path: Path) -> None:
    """The toolkit's XLIFF 2 reader sees every unit; a target it edits and saves comes back
    into the edition through `bilingual import`."""
    from translate.storage import xliff2

    directory, pairs, files = edition
    store = xliff2.Xliff2File.parsefile(str(files["xliff"]))
    assert (store.sourcelanguage, store.targetlanguage) == ("zh-CN", "en")
    assert len(store.units) == len(pairs) == 13
    for unit, pair in zip(store.units, pairs, strict=True):
        assert (unit.getid(), unit.source) == (pair.sid, pair.zh)
        assert unit.target == (pair.en or None)
        assert unit.istranslated() is bool(pair.en)
        assert unit.isapproved() is (pair.status == "approved")
    untranslated = next(u for u in store.units if not u.target)
    untranslated.target = "Party members and officials are on the front line."
    edited = tmp_path / "edited.xlf"
    store.savefile(str(edited))
    schema = etree.XMLSchema(etree.parse(str(XLIFF_XSD)))
    assert schema.validate(etree.parse(str(edited)))

    copy = tmp_path / NAME
    shutil.copytree(directory, copy)
    from bilingual.store import EditionStore

    with EditionStore(copy) as edition_store:
        result = import_xliff(edition_store, edited)
        assert (result.edited, result.refused) == (1, [])
        pair = edition_store.pair(untranslated.getid())
        assert (pair.en, pair.status) == (untranslated.target, "edited")


# --- OmegaT ----------------------------------------------------------------------------------------

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
CONTROL = "这是一个不在记忆库中的句子。"  # not in the TM: must stay untranslated

omegat = pytest.mark.skipif(
    (not OMEGAT_JAR.exists() or shutil.which("java") is None) and not os.environ.get("CI"),
    reason="OmegaT is not installed (apt-get install omegat; .ci/run installs it)",
)

PROJECT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en-US</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""

# OmegaT 3.6's console mode never starts its GlossaryManager (Core.initializeConsole), so
# this script, run by OmegaT on the project's LOAD event, hands each glossary/*.tbx to the
# reader the GUI's GlossaryManager uses (GlossaryReaderTBX) and prints what it read.
GLOSSARY_SCRIPT = """
import org.omegat.core.Core
import org.omegat.gui.glossary.GlossaryReaderTBX
if (eventType.toString() == "LOAD") {
    def dir = new File(Core.getProject().getProjectProperties().getGlossaryRoot())
    dir.listFiles().findAll { it.name.endsWith(".tbx") }.sort { it.name }.each { f ->
        try {
            def entries = GlossaryReaderTBX.read(f, false)
            println "GLOSSARY-CHECK ok ${f.name} entries=${entries.size()}"
            println "GLOSSARY-FIRST ${entries[0].srcText} = ${entries[0].locText}"
        } catch (Throwable e) {
            println "GLOSSARY-CHECK failed ${f.name} ${e.getClass().name}"
        }
    }
}
"""


def tbx_pair_count(path: Path) -> int:
    """What OmegaT counts, read independently of our code: one glossary entry per (zh term,
    en term) pair of a termEntry."""
    count = 0
    for entry in ET.parse(path).iter("termEntry"):
        terms = {"zh": 0, "en": 0}
        for lang_set in entry.iter("langSet"):
            terms[lang_set.get(XML_LANG).split("-")[0]] += len(lang_set.findall("tig/term"))
        count += terms["zh"] * max(1, terms["en"])
    return count


@pytest.fixture(scope="module")
def omegat_run(edition, shipped_tbx, tmp_path_factory):
    """An OmegaT project around our TMX and TBX files, run once in console-translate mode."""
    _, pairs, files = edition
    _, tbx_files = shipped_tbx
    root = tmp_path_factory.mktemp("omegat")
    project = root / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "omegat"):  # all are required
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT_XML, encoding="utf-8")
    text = "\n\n".join([p.zh for p in translated(pairs)] + [CONTROL]) + "\n"
    (project / "source" / "page.txt").write_text(text, encoding="utf-8")
    # tm/auto/: OmegaT inserts its 100 % matches; a TMX in plain tm/ is only offered
    shutil.copy(files["tmx"], project / "tm" / "auto" / "edition.tmx")
    shutil.copy(tbx_files["tbx"], project / "glossary" / "glossary.tbx")
    shutil.copy(tbx_files["tbx3"], project / "glossary" / "glossary-v3.tbx")
    script = root / "glossary_check.groovy"  # OmegaT needs an absolute path
    script.write_text(GLOSSARY_SCRIPT, encoding="utf-8")
    command = [
        "java",
        "-Djava.awt.headless=true",
        "-Duser.language=en",
        "-Duser.country=US",
        "-jar",
        str(OMEGAT_JAR),
        str(project),
        "--mode=console-translate",
        f"--config-dir={root / 'config'}",  # never the user's ~/.omegat
        "--disable-project-locking",
        "--no-team",
        f"--script={script}",
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return project, proc


@omegat
def test_omegat_fills_the_target_from_our_tmx(edition, omegat_run) -> None:
    _, pairs, _ = edition
    project, proc = omegat_run
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "(TF_TM_LOAD_ERROR)" not in proc.stderr
    assert "edition.tmx (TMXR_INFO_READING_FILE)" in proc.stderr
    target = (project / "target" / "page.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in target.split("\n\n")]
    assert paragraphs == [p.en for p in translated(pairs)] + [CONTROL]
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    remaining = next(line for line in stats.splitlines() if line.startswith("Remaining:"))
    assert remaining.split()[1] == "1"  # only the control sentence


@omegat
def test_omegat_reads_our_tbx_and_refuses_tbx_v3(shipped_tbx, omegat_run) -> None:
    entries, files = shipped_tbx
    _, proc = omegat_run
    expected = tbx_pair_count(files["tbx"])
    assert expected >= len(entries) > 7000
    lines = proc.stdout.splitlines()
    assert f"GLOSSARY-CHECK ok glossary.tbx entries={expected}" in lines, proc.stdout[-2000:]
    assert f"GLOSSARY-FIRST {entries[0].zh} = {entries[0].en}" in lines
    # the v3 form, for contrast: OmegaT's reader knows only the unnamespaced martif
    assert "GLOSSARY-CHECK failed glossary-v3.tbx javax.xml.bind.UnmarshalException" in lines
