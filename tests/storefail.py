"""A real store made to fail as on a full disk (tests of "nothing is lost").

SQLite's ``PRAGMA max_page_count`` caps the file at the pages it has: a write that
needs one more page fails exactly as on a full disk (``SQLITE_FULL``, "database
or disk is full"), through the real driver and SQLAlchemy. Small writes that fit
in a page's free space still succeed, so tests write something that needs room
(:data:`BIG`).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import event

#: a text long enough that saving it needs new pages of the file
BIG = "a long note that does not fit in the space left on the disk. " * 120


@contextmanager
def full_disk(store) -> Iterator[None]:
    """Every connection of ``store`` may not grow the file while inside; as before after."""

    def cap(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={pages}")
        cursor.close()

    store.engine.dispose()
    with store.engine.connect() as conn:  # no free page left inside the file either (a dropped index leaves some)
        conn.exec_driver_sql("VACUUM")
    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # pooled connections are replaced by capped ones
    try:
        yield
    finally:
        event.remove(store.engine, "connect", cap)
        store.engine.dispose()
