"""`python -m desktop …`: the same as the `fiscaldesk` command."""

import sys

from desktop.cli import main

sys.exit(main())
