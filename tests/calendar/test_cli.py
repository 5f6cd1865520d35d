"""`zhibao deadline` and `zhibao holidays`."""
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhibao.calendar import workdays
from zhibao.calendar.models import HolidaySchedule

from .conftest import SCHEDULE_2027

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_prints_the_iso_date():
    assert run("2026-09-28", "--working-days", "5") == "2026-10-10\n"
    assert run("2025-09-16", "--days", "15") == "2025-10-09\n"
    assert run("2025-01-31", "--months", "1") == "2025-02-28\n"


def test_provisional_is_said_after_the_date():
    assert run("2027-03-01", "--working-days", "5") == "2027-03-08 provisional\n"


def test_pause_and_explain():
    out = run("2026-11-01", "--days", "30", "--pause", "2026-11-10/2026-11-14", "--explain")
    lines = out.splitlines()
    assert lines[0] == "2026-12-07"
    assert any("2026-11-10" in line for line in lines[1:])


@pytest.mark.parametrize("args,fragment", [
    (("2026-13-01", "--days", "3"), "is not a date"),
    (("2026-09-28",), "Give the period"),
    (("2026-09-28", "--days", "3", "--months", "1"), "Give only one of --working-days, --days or --months"),
    (("2026-09-28", "--days", "-1"), "at least 1"),
    (("2026-09-28", "--days", "x"), "is not a whole number"),
    (("2100-12-01", "--months", "1"), "after 2100"),
])
def test_bad_input_is_exit_code_2(args, fragment):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert exc.value.returncode == 2
    assert fragment in str(exc.value)


def test_real_console_command_exits_2_on_bad_input(tmp_path):
    """The installed console script: a message on stderr, nothing on stdout, exit code 2.
    (Bad input is refused before the database is consulted, so an empty var dir will do.)"""
    zhibao = Path(sys.executable).with_name("zhibao")
    env = {"ZHIBAO_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for args in (["2026-09-31", "--days", "3"],):
        bad = subprocess.run([str(zhibao), "deadline", *args], env=env, capture_output=True, text=True, timeout=120)
        assert bad.returncode == 2, (args, bad.stderr)
        assert bad.stdout == "" and bad.stderr.strip()


def test_holidays_import_and_show(tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(SCHEDULE_2027, encoding="utf-8")
    out = StringIO()
    call_command("holidays", "import", str(path), "--year", "2027", "--source", "国办发明电〔2026〕99号（测试）",
                 "--published", "2026-11-10", "--force", stdout=out)
    assert "2027 entered" in out.getvalue()
    assert HolidaySchedule.objects.get(year=2027).days.count() == 36
    assert not workdays.is_working_day(workdays.datetime.date(2027, 10, 4))[0]
    shown = StringIO()
    call_command("holidays", "show", "2027", stdout=shown)
    assert shown.getvalue().startswith("2027 entered: 国办发明电〔2026〕99号（测试）")
    assert "2027-09-26 workday 国庆节调休" in shown.getvalue()


def test_holidays_import_refuses_bad_lines_and_warnings(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("2027-10-01 holiday 国庆节\n2027-10-06 workday 调休\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("holidays", "import", str(path), "--year", "2027", "--source", "x")
    assert exc.value.returncode == 2 and "Line 2" in str(exc.value)
    path.write_text("2027-10-01 holiday 国庆节\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("holidays", "import", str(path), "--year", "2027", "--source", "x")
    assert "--force" in str(exc.value)
    assert not HolidaySchedule.objects.exists()
