"""Check the translation catalogues: none stale, none untranslated or fuzzy.

    python scripts/check_messages.py            # extract into a temporary copy and compare
    python scripts/check_messages.py --no-extract

Stale: a msgid that `makemessages` extracts from the code today is missing from a language's .po.
Incomplete: an entry with an empty msgstr (any plural form) or flagged fuzzy. Prints counts per language and
exits 1 on any problem. Run it as `make messages-check`; `make lint` (and so CI) runs it too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "localaction"
LANGUAGES = ("es", "fr", "pt_BR", "de", "zh_Hans", "ko", "ja")
DOMAINS = ("django", "djangojs")


@dataclass
class Report:
    language: str
    total: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.untranslated or self.fuzzy or self.missing)


def _key(message_id: object) -> str:
    return message_id[0] if isinstance(message_id, tuple | list) else str(message_id)


def read_catalogue(path: Path) -> dict[str, tuple[bool, bool]]:
    """msgid -> (translated, fuzzy) for every non-header entry of a .po file."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    entries: dict[str, tuple[bool, bool]] = {}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        key = _key(message.id)
        if message.context:
            key = f"{message.context}\x04{key}"
        entries[key] = (all(bool(s) for s in strings), message.fuzzy)
    return entries


def check(locale_dir: Path, fresh_dir: Path | None, languages: tuple[str, ...] = LANGUAGES) -> list[Report]:
    """Compare each language's catalogues in locale_dir with a fresh extraction in fresh_dir (if given)."""
    reports = []
    for language in languages:
        report = Report(language)
        for domain in DOMAINS:
            po = locale_dir / language / "LC_MESSAGES" / f"{domain}.po"
            if not po.exists():
                if domain == "django":
                    report.missing.append(f"<no {po.relative_to(locale_dir)}>")
                continue
            entries = read_catalogue(po)
            report.total += len(entries)
            report.untranslated += [k for k, (done, _f) in entries.items() if not done]
            report.fuzzy += [k for k, (_d, fuzzy) in entries.items() if fuzzy]
            if fresh_dir is not None:
                fresh = fresh_dir / language / "LC_MESSAGES" / f"{domain}.po"
                if fresh.exists():
                    report.missing += [k for k in read_catalogue(fresh) if k not in entries]
        reports.append(report)
    return reports


def extract(into: Path) -> Path:
    """Run makemessages on a copy of the package so the real catalogues are untouched."""
    copy = into / "localaction"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    manage = [sys.executable, "-m", "django", "makemessages", "--no-location", "--no-obsolete"]
    args = [f"--locale={lang}" for lang in LANGUAGES]
    env_settings = "--settings=localaction.site.settings"
    for domain in DOMAINS:
        subprocess.run(
            [*manage, *args, f"--domain={domain}", env_settings],
            cwd=copy,
            check=True,
            capture_output=True,
            env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")},
        )
    return copy / "locale"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=PACKAGE / "locale")
    parser.add_argument("--no-extract", action="store_true", help="skip the staleness comparison")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = None if options.no_extract else extract(Path(tmp))
        reports = check(options.locale_dir, fresh)
    for r in reports:
        state = "ok" if r.ok else "INCOMPLETE"
        print(
            f"{r.language:8} {r.total:5} entries  {len(r.untranslated):5} untranslated  "
            f"{len(r.fuzzy):4} fuzzy  {len(r.missing):4} missing from the .po  {state}"
        )
        for msgid in r.missing[:5]:
            print(f"    stale: {msgid!r} is marked in the code but not in the .po (run `make messages`)")
    if all(r.ok for r in reports):
        return 0
    print("catalogues incomplete: run `make messages`, translate the entries, then `make messages-check`")
    return 1


if __name__ == "__main__":
    sys.exit(main())
