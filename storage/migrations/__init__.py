"""Alembic migrations, run by `claimwatch db upgrade` and at start-up."""
