-- Spreadsheet import: the column mapping the user confirmed for a sheet layout, so next year's sheet of the same
-- layout imports in one step. Local to this file (not synced): keyed on the kind and the normalized header row.

CREATE TABLE sheet_mappings (
    key TEXT PRIMARY KEY,                -- sha256 of [kind, normalized headers], 32 hex characters
    kind TEXT NOT NULL,
    headers TEXT NOT NULL,               -- JSON: the header row as it was
    mapping TEXT NOT NULL,               -- JSON: {column index: field name}
    saved_at TEXT NOT NULL
) STRICT;
