"""The sub-commands of `claimwatch`, one module per area; importing this registers them all."""

from claimwatch.bot.commands import articles, core

__all__ = ["articles", "core"]
