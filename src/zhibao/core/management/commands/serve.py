"""`zhibao serve`: the development server with the background worker and the reminder loop
(what `make run` uses).

For production run a real server (gunicorn zhibao.wsgi), `zhibao worker` and
`zhibao remind --every 600` separately, under a process manager (README).
"""
import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform on 127.0.0.1 with a background worker and reminders, and list the demo accounts."

    #: Processes started beside the web server and stopped with it.
    helpers = (("worker", "--verbosity", "0"), ("remind", "--every", "600", "--verbosity", "0"))

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        processes = [subprocess.Popen([sys.executable, "-m", "zhibao", *args]) for args in self.helpers]
        try:
            self._print_accounts(host, port)
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _print_accounts(self, host, port):
        from zhibao.demo.accounts import DEMO_ACCOUNTS

        out = self.stdout
        out.write(self.style.SUCCESS(f"\n知保 Zhibao is starting on http://{host}:{port}/\n"))
        out.write("Demo accounts (演示账号):\n")
        for account in DEMO_ACCOUNTS:
            out.write(f"  {account.username:<14} {account.password:<18} {account.role_label}\n")
        out.write("\n")
