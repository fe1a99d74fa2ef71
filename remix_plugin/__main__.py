"""`python -m remix_plugin`: the headless face of the plugin."""

import sys

from remix_plugin.cli import main

sys.exit(main())
