"""Database: SQLAlchemy async models, repositories, Alembic migrations, the spool."""
