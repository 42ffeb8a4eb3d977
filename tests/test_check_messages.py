"""scripts/check_messages.py on a tiny fake catalogue: stale, untranslated and fuzzy entries are caught."""

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_messages.py"
spec = importlib.util.spec_from_file_location("check_messages", SCRIPT)
assert spec and spec.loader
check_messages = importlib.util.module_from_spec(spec)
sys.modules["check_messages"] = check_messages
spec.loader.exec_module(check_messages)

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write_po(root: Path, language: str, body: str) -> None:
    folder = root / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(HEADER + body, encoding="utf-8")


def test_complete_catalogue_passes(tmp_path):
    write_po(tmp_path / "real", "es", 'msgid "Inventory"\nmsgstr "Inventario"\n')
    write_po(tmp_path / "fresh", "es", 'msgid "Inventory"\nmsgstr ""\n')
    [report] = check_messages.check(tmp_path / "real", tmp_path / "fresh", ("es",))
    assert report.ok and report.total == 1


def test_stale_untranslated_and_fuzzy_are_reported(tmp_path):
    body = (
        'msgid "Inventory"\nmsgstr "Inventario"\n\n'
        'msgid "Sector"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Scope"\nmsgstr "Alcance"\n\n'
        'msgid "one record"\nmsgid_plural "%(n)s records"\nmsgstr[0] "un registro"\nmsgstr[1] ""\n'
    )
    write_po(tmp_path / "real", "es", body)
    write_po(tmp_path / "fresh", "es", 'msgid "Inventory"\nmsgstr ""\n\nmsgid "Notation key"\nmsgstr ""\n')
    [report] = check_messages.check(tmp_path / "real", tmp_path / "fresh", ("es",))
    assert report.missing == ["Notation key"]
    assert sorted(report.untranslated) == ["Sector", "one record"]
    assert report.fuzzy == ["Scope"]
    assert not report.ok


def test_missing_language_file_is_a_failure(tmp_path):
    (tmp_path / "real").mkdir()
    [report] = check_messages.check(tmp_path / "real", None, ("ko",))
    assert not report.ok and report.missing
