-- Sync by file exchange (schema version 4).
-- Every copy of a book is a replica; changes travel with their author's signature and the author's knowledge
-- (deps: the highest counter of every other replica the author held when writing), so that any copy can tell
-- which concurrent edits met and apply them in causal order.

ALTER TABLE changes ADD COLUMN deps TEXT;       -- JSON {replica: counter}; NULL when the author knew no other

CREATE TABLE replicas (          -- synced: the copies of this book and their public keys
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sign_key TEXT NOT NULL,              -- Ed25519 public key, hex
    box_key TEXT NOT NULL,               -- X25519 public key, hex (files are encrypted for it)
    added_by TEXT,                       -- the replica whose seed it joined from (NULL for the first)
    invite TEXT,                         -- JSON: the seed's invitation, signed by added_by
    retired INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE conflict_resolutions (  -- synced: an accountant's decision on one losing value
    id TEXT PRIMARY KEY,
    loser_change TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('kept', 'applied')),
    note TEXT NOT NULL DEFAULT ''
) STRICT;

-- local, not synced ------------------------------------------------------------------------------------------
CREATE TABLE sync_sigs (         -- the author's Ed25519 signature of each change, kept so relays can pass it on
    change_id TEXT PRIMARY KEY,
    sig BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_peers (        -- what each other replica last reported knowing, and when we heard from it
    replica TEXT PRIMARY KEY,
    knows TEXT NOT NULL,                 -- JSON {replica: counter}
    received_at TEXT,
    file_hash TEXT                       -- of the last file read from it (the sync folder skips a file seen before)
) STRICT;

CREATE TABLE sync_pending (      -- verified changes waiting for a change they depend on
    change_id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    sig BLOB NOT NULL
) STRICT;

CREATE TABLE sync_conflicts (    -- derived from the log: values that lost to a concurrent edit, until resolved
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- field | unique | deleted | posted | clock
    winner_change TEXT,
    loser_change TEXT NOT NULL,
    value TEXT,                          -- JSON of the losing value
    PRIMARY KEY (tbl, row_id, field, loser_change)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_conflicts_row ON sync_conflicts (tbl, row_id);

-- the lines a voucher ever had, for re-deciding a voucher when its posting meets a concurrent edit
CREATE INDEX changes_line_voucher ON changes (json_extract(data, '$.voucher_id'))
    WHERE tbl = 'voucher_lines' AND op = 'insert';
