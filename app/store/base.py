"""The declarative base every table of the store shares, and its naming convention."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def child_rows(order_by: str):
    """Rows owned by their parent, kept in the order they were given."""
    return relationship(cascade="all, delete-orphan", passive_deletes=True, order_by=order_by)
