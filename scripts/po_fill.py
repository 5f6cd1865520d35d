"""Developer tool: fill empty zh_Hans translations from TRANSLATIONS files and report the rest.

Each app may keep `locale/zh_Hans.tsv` (and more `locale/zh_Hans.*.tsv`) (English<TAB>Chinese, one per line): the source of
truth for its translations, easy to review and merge. This script writes them into the
app's django.po; `make messages` then compiles. Untranslated strings are listed.
"""
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src" / "zhibao"


def main(apps: list[str]) -> int:
    missing = 0
    pattern = "{}/locale/zh_Hans/LC_MESSAGES/django.po"
    paths = [ROOT / pattern.format(a) for a in apps] if apps else ROOT.glob(pattern.format("*"))
    for po_path in sorted(p for p in paths if p.exists()):
        app_locale = po_path.parents[2]
        table = {}
        for tsv in sorted(app_locale.glob("zh_Hans*.tsv")):
            for line in tsv.read_text(encoding="utf-8").splitlines():
                if "\t" in line and not line.startswith("#"):
                    en, zh = line.split("\t", 1)
                    table[en.replace("\\n", "\n")] = zh.replace("\\n", "\n")
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid in table:
                entry.msgstr = table[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif not entry.msgstr and not entry.msgid_plural:
                missing += 1
                print(f"{app_locale.parent.name}: untranslated: {entry.msgid!r}")
            if entry.msgid_plural and entry.msgid in table:
                entry.msgstr_plural = {0: table[entry.msgid]}
        po.save()
    if missing:
        print(f"{missing} strings still need a translation in locale/zh_Hans.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
