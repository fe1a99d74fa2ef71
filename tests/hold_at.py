"""The command line with a job held at one named checkpoint (remix_plugin.core.base.staging.checkpoint):

    python tests/hold_at.py POINT ARGS...     (ARGS as for python -m remix_plugin)

On reaching POINT it writes «REMIX_PAUSED POINT» on stderr and waits, so that a test kills it right
there. The hold lives here, in the tests: the plugin's own checkpoints do nothing."""

import sys
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the project, not tests/ (whose qgis/ would hide QGIS's)

from remix_plugin.cli import main  # noqa: E402
from remix_plugin.core.base import staging  # noqa: E402


def hold(point: str, wanted: str) -> None:
    if point == wanted:
        sys.stderr.write(f"REMIX_PAUSED {point}\n")
        sys.stderr.flush()
        time.sleep(600)


if __name__ == "__main__":
    wanted = sys.argv[1]
    staging.HOLDS.append(lambda point: hold(point, wanted))
    sys.exit(main(sys.argv[2:]))
