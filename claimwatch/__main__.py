"""`python -m claimwatch` is the `claimwatch` command."""

from claimwatch.bot.cli import main

raise SystemExit(main())
