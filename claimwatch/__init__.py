"""ClaimWatch: reads forwarded articles on jihadist-group activity and posts weekly digests.

The code lives in the repository's top-level folders (bot/, handlers/, extract/,
digest/, storage/, config/); pyproject.toml installs each one as a subpackage of
`claimwatch`, so `import claimwatch.config` never collides with another
distribution's bare `config` or `bot` module.
"""

__version__ = "0.1.0"
