"""`zhibao procedures [--write PATH | --check PATH]`: the procedure declarations as Markdown.

Without options it prints the document; `--write` writes it (docs/procedures.md); `--check`
exits with status 1 when the file differs from the declarations. It also validates them."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhibao.cases import procedures
from zhibao.cases.procedures.markdown import render


class Command(BaseCommand):
    help = "Print, write or check docs/procedures.md from the procedure declarations."

    def add_arguments(self, parser):
        parser.add_argument("--write", metavar="PATH")
        parser.add_argument("--check", metavar="PATH")

    def handle(self, *args, write=None, check=None, **options):
        errors = procedures.validate()
        if errors:
            raise CommandError("Procedure declarations are inconsistent:\n" + "\n".join(errors))
        text = render()
        if write:
            Path(write).write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {write}")
        elif check:
            current = Path(check).read_text(encoding="utf-8") if Path(check).exists() else ""
            if current != text:
                raise CommandError(f"{check} is out of date; run: zhibao procedures --write {check}", returncode=1)
            self.stdout.write(f"{check} is up to date")
        else:
            self.stdout.write(text, ending="")
