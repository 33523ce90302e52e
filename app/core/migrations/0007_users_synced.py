"""Schema version 7: users and roles become part of the book's history and travel with sync.

Until now users were local to one file and written around the change log, so a role change left no trace and a
user disabled on one PC still logged in on another. Users get an id like every synced row; each existing user is
recorded in the change log as added by this replica (the moment of the upgrade), so the audit trail covers them
from here on. Wrong-password counters stay on this PC (``login_failures``): they are no part of the books.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    from app.core.ops import Op
    from app.core.store import Store

    old = list(db.query("SELECT name, roles, password, failures, failed_at, active, created_at FROM users"))
    db.execute("DROP TABLE users")
    db.execute(
        "CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, roles TEXT NOT NULL,"
        " password TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL) STRICT"
    )
    db.execute(
        "CREATE TABLE login_failures (name TEXT PRIMARY KEY, failures INTEGER NOT NULL DEFAULT 0, failed_at TEXT) STRICT"
    )
    for u in old:
        if u["failures"]:
            db.execute("INSERT INTO login_failures VALUES (?, ?, ?)", [u["name"], u["failures"], u["failed_at"]])
    if not old:
        return
    replica = db.execute("SELECT value FROM meta WHERE key = 'replica_id'").fetchone()[0]
    store = Store(db, replica, lambda: "upgrade")
    with store.transaction(Op.EDIT_USERS):
        for u in old:
            store.insert(
                "users",
                {k: u[k] for k in ("name", "roles", "password", "active", "created_at")},
            )
