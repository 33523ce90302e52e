-- The income distribution (收益分配): what was posted, per member, the payouts, what each signed statement said,
-- and the book's signing certificates. All synced except signing_keys (a private key stays on its PC).

CREATE TABLE distributions (     -- one per year: posting twice for the same year is refused
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE,
    plan TEXT NOT NULL,                  -- the plan's TOML as posted
    record_date TEXT NOT NULL,
    date TEXT NOT NULL,                  -- the voucher date
    distributable_fen INTEGER NOT NULL,
    pool_fen INTEGER NOT NULL,           -- to the members in all
    withholdings TEXT NOT NULL,          -- JSON [{"name", "amount_fen", "account"}]
    voucher_id TEXT NOT NULL,            -- a draft voucher may be deleted: the record then lapses
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE distribution_lines (
    id TEXT PRIMARY KEY,
    distribution_id TEXT NOT NULL REFERENCES distributions (id),
    member_id TEXT NOT NULL REFERENCES members (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
    parts TEXT NOT NULL,                 -- JSON {component: fen}, components are 保底 and class names
    units TEXT NOT NULL,                 -- JSON {class: units_q} held on the record date
    UNIQUE (distribution_id, member_id)
) STRICT;

CREATE TABLE distribution_payouts (  -- each payment to a member is a voucher
    id TEXT PRIMARY KEY,
    line_id TEXT NOT NULL REFERENCES distribution_lines (id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    paid_on TEXT NOT NULL,
    paid_by TEXT NOT NULL,               -- who handed the money over
    voucher_id TEXT NOT NULL,            -- a draft voucher may be deleted: the record then lapses
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX distribution_payouts_line ON distribution_payouts (line_id);

CREATE TABLE distribution_documents (  -- what a signed statement or notice said, found by its verification code
    id TEXT PRIMARY KEY,
    distribution_id TEXT NOT NULL REFERENCES distributions (id),
    member_id TEXT REFERENCES members (id),  -- NULL for the public notice
    kind TEXT NOT NULL CHECK (kind IN ('statement', 'notice')),
    code TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,               -- JSON: the figures as printed
    signed_at TEXT NOT NULL
) STRICT;
CREATE INDEX distribution_documents_dist ON distribution_documents (distribution_id, kind);

CREATE TABLE signing_certificates (  -- public: synced, so every copy of the book can check every signature
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    certificate TEXT NOT NULL,           -- PEM
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE signing_keys (      -- local, never synced: the private key (PKCS#8, encrypted with the passphrase)
    certificate_id TEXT PRIMARY KEY,
    key TEXT NOT NULL
) STRICT;
