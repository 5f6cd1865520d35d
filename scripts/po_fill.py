"""Developer tool: fill empty zh_Hans translations from TRANSLATIONS files and report the rest.

Each app may keep `locale/zh_Hans.tsv` (and more `locale/zh_Hans.*.tsv`) (English<TAB>Chinese, one per line): the source of
truth for its translations, easy to review and merge. This script writes them into the
app's django.po; `make messages` then compiles. Untranslated strings are listed.

A line may carry a message context: `context|English<TAB>Chinese` fills the entry written by
`pgettext("context", "English")` or `{% translate "English" context "context" %}`; a line
without `|` fills the entry without a context. Django merges every app's catalogue into one
and the app listed first in INSTALLED_APPS wins a (context, msgid): when an app means
something else by a common English word ("Report", "Closed"), give it a context there.
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
                    ctx, _bar, en = en.partition("|") if "|" in en else ("", "", en)
                    table[(ctx or None, en.replace("\\n", "\n"))] = zh.replace("\\n", "\n")
        po = polib.pofile(str(po_path))
        for entry in po:
            key = (entry.msgctxt, entry.msgid)
            if key in table:
                entry.msgstr = table[key]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                    entry.previous_msgctxt = entry.previous_msgid = None
            elif (not entry.msgstr or "fuzzy" in entry.flags) and not entry.msgid_plural:  # fuzzy: not compiled
                missing += 1
                where = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
                print(f"{app_locale.parent.name}: untranslated: {entry.msgid!r}{where}")
            if entry.msgid_plural and key in table:
                entry.msgstr_plural = {0: table[key]}
        po.save()
    if missing:
        print(f"{missing} strings still need a translation in locale/zh_Hans.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
