"""The sub-commands of `claimwatch`, one module per area; importing this registers them all."""

from claimwatch.bot.commands import archive, articles, core, posting, reports

__all__ = ["archive", "articles", "core", "posting", "reports"]
