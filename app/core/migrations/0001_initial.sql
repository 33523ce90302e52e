-- Joint Ledger book, schema version 1.
-- Every synced table has a random UUID primary key `id` so that copies of the book can merge without clashes.
-- Money columns end in _fen (integer fen); quantities end in _q (integer ten-thousandths); rates end in _bp
-- (integer basis points). Dates are ISO text 'YYYY-MM-DD', periods 'YYYY-MM' ('YYYY-00' holds opening balances).

CREATE TABLE meta (              -- local facts about this file, not synced
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE changes (           -- every write to a synced table, in order: the base of sync and audit
    seq INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL UNIQUE,      -- replica:counter
    replica TEXT NOT NULL,
    counter INTEGER NOT NULL,
    hlc TEXT NOT NULL,                   -- hybrid logical clock, sortable text
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    data TEXT,                           -- JSON: new values (insert: the whole row; update: changed fields)
    old TEXT,                            -- JSON: previous values of the changed fields
    user TEXT NOT NULL,
    at TEXT NOT NULL,                    -- wall-clock time, UTC ISO
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;
CREATE INDEX changes_row ON changes (tbl, row_id);
CREATE INDEX changes_replica ON changes (replica, counter);

CREATE TABLE settings (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE members (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('collective', 'household', 'person')),
    id_number TEXT,
    parent_id TEXT REFERENCES members (id),
    phone TEXT,
    bank TEXT,
    bank_account TEXT,
    household_size INTEGER CHECK (household_size IS NULL OR household_size >= 0),
    joined TEXT,
    left_on TEXT,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX members_parent ON members (parent_id);
CREATE INDEX members_name ON members (name);

CREATE TABLE share_classes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    unit TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE holdings (          -- a change of holding is a new record; the latest one on a date counts
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members (id),
    class_id TEXT NOT NULL REFERENCES share_classes (id),
    effective TEXT NOT NULL,
    units_q INTEGER NOT NULL CHECK (units_q >= 0),
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (member_id, class_id, effective)
) STRICT;

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    parent_id TEXT REFERENCES accounts (id),
    class TEXT NOT NULL CHECK (class IN ('asset', 'liability', 'equity', 'cost', 'income', 'expense')),
    normal_side TEXT NOT NULL CHECK (normal_side IN ('debit', 'credit', 'either')),
    member_id TEXT REFERENCES members (id),
    asset_id TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX accounts_parent ON accounts (parent_id);

CREATE TABLE assets (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('fixed', 'biological', 'land', 'intangible', 'other')),
    location TEXT NOT NULL DEFAULT '',
    quantity_q INTEGER NOT NULL DEFAULT 0 CHECK (quantity_q >= 0),
    unit TEXT NOT NULL DEFAULT '',
    acquired TEXT NOT NULL,
    cost_fen INTEGER NOT NULL CHECK (cost_fen >= 0),
    contributor_id TEXT REFERENCES members (id),
    life_months INTEGER NOT NULL DEFAULT 0 CHECK (life_months >= 0),
    residual_bp INTEGER NOT NULL DEFAULT 0 CHECK (residual_bp BETWEEN 0 AND 10000),
    prior_depreciation_fen INTEGER NOT NULL DEFAULT 0,
    expense_account_id TEXT REFERENCES accounts (id),
    status TEXT NOT NULL DEFAULT 'in_use' CHECK (status IN ('in_use', 'leased', 'disposed')),
    disposed_on TEXT,
    note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE vouchers (
    id TEXT PRIMARY KEY,
    period TEXT NOT NULL,
    number INTEGER,                      -- assigned when posted, gap-free per period
    date TEXT NOT NULL,
    word TEXT NOT NULL DEFAULT '记',
    attachments INTEGER NOT NULL DEFAULT 0 CHECK (attachments >= 0),
    kind TEXT NOT NULL DEFAULT 'normal'
        CHECK (kind IN ('normal', 'opening', 'reversal', 'depreciation', 'closing', 'distribution', 'payout')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'posted')),
    preparer TEXT NOT NULL,
    reviewer TEXT,
    poster TEXT,
    posted_at TEXT,
    reverses_id TEXT REFERENCES vouchers (id),
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (period, number)
) STRICT;
CREATE INDEX vouchers_status ON vouchers (status, period);

CREATE TABLE voucher_lines (
    id TEXT PRIMARY KEY,
    voucher_id TEXT NOT NULL REFERENCES vouchers (id),
    seq INTEGER NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    summary TEXT NOT NULL DEFAULT '',
    debit_fen INTEGER NOT NULL DEFAULT 0,
    credit_fen INTEGER NOT NULL DEFAULT 0,
    member_id TEXT REFERENCES members (id),
    asset_id TEXT REFERENCES assets (id),
    CHECK (debit_fen = 0 OR credit_fen = 0)  -- one side per line; red-ink (negative) amounts allowed
) STRICT;
CREATE INDEX voucher_lines_voucher ON voucher_lines (voucher_id, seq);
CREATE INDEX voucher_lines_account ON voucher_lines (account_id);

CREATE TABLE periods (           -- a month that has been closed (结账); a closed year closes all its months
    id TEXT PRIMARY KEY,
    period TEXT NOT NULL UNIQUE,
    closed_at TEXT NOT NULL,
    closed_by TEXT NOT NULL
) STRICT;

CREATE TABLE depreciation (      -- one record per asset and month, so a run never counts twice
    id TEXT PRIMARY KEY,
    asset_id TEXT NOT NULL REFERENCES assets (id),
    period TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    voucher_id TEXT NOT NULL REFERENCES vouchers (id),
    UNIQUE (asset_id, period)
) STRICT;

-- Derived, local, rebuildable: posted totals per account and period. Not synced; `check` compares it with lines.
CREATE TABLE period_totals (
    account_id TEXT NOT NULL,
    period TEXT NOT NULL,
    closing INTEGER NOT NULL,            -- 1 for year-end closing vouchers (kept apart for the income statement)
    debit_fen INTEGER NOT NULL,
    credit_fen INTEGER NOT NULL,
    PRIMARY KEY (account_id, period, closing)
) STRICT, WITHOUT ROWID;
