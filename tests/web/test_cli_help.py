"""Every `vic` subcommand of VIC's own apps prints its Vietnamese help (regression: lazy help strings made
argparse crash on `vic remind --help`, `serve`, `worker`, `bench`, `report`)."""

from __future__ import annotations

import pytest
from django.core.management import ManagementUtility, get_commands

OURS = sorted(name for name, app in get_commands().items() if app.startswith("vic."))


def test_our_commands_are_found():
    assert {"calendar", "demo", "remind", "serve", "worker", "bench", "report"} <= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_help_prints(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["vic", name, "--help"]).execute()
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: vic " + name)
