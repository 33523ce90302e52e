-- Joint Ledger book, schema version 2: who may open the book, and an append-only change log.
-- Users are local to this file and never synced: a password hash does not travel on a USB stick, and each PC
-- decides who may use it. Their names are what the change log and the vouchers record (preparer, reviewer).

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    roles TEXT NOT NULL,                 -- comma-separated keys: admin, accountant, reviewer, cashier, head, viewer
    password TEXT NOT NULL,              -- scrypt$n$r$p$salt$hash (hex)
    failures INTEGER NOT NULL DEFAULT 0, -- wrong passwords in a row; each one doubles the wait before the next try
    failed_at TEXT,                      -- UTC ISO time of the last wrong password
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
) STRICT;

-- The change log is the audit trail: entries are only ever added. (`jointledger audit --verify` also finds
-- edits made with these triggers dropped, through the hash chain.)
CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
