-- The distribution as villages do it: per-share figures and deductions on the records, the plan's adoption
-- (meeting, plan notice, objections), payments returned by the bank, and share certificates. All synced.

ALTER TABLE distributions ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
-- JSON {"mode", "rates": {class: fen per unit} | null, "remainders": {component: fen}, "remainder_to",
--       "collective": [{"code", "name", "amount_fen", "parts", "units"}], "collective_to", "deductions_fen"}
ALTER TABLE distribution_lines ADD COLUMN deductions TEXT NOT NULL DEFAULT '[]';  -- JSON [{"reason", "amount_fen", "account"}]
ALTER TABLE distribution_lines ADD COLUMN net_fen INTEGER;  -- what is paid out (NULL on older rows: amount_fen)

CREATE TABLE distribution_meetings (   -- the 成员（代表）大会 that voted on a year's plan
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    plan TEXT NOT NULL,                  -- the plan's TOML as voted on
    held_on TEXT NOT NULL,
    body TEXT NOT NULL,                  -- 成员大会 or 成员代表大会
    entitled INTEGER NOT NULL CHECK (entitled > 0),  -- members (or representatives) entitled to vote
    attended INTEGER NOT NULL CHECK (attended >= 0),
    votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
    votes_against INTEGER NOT NULL CHECK (votes_against >= 0),
    abstained INTEGER NOT NULL CHECK (abstained >= 0),
    resolution TEXT NOT NULL,            -- the resolution's number
    adopted INTEGER NOT NULL CHECK (adopted IN (0, 1)),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX distribution_meetings_year ON distribution_meetings (year);

CREATE TABLE distribution_plan_notices (  -- 方案公示: the plan and each household's amount, posted before booking
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    plan TEXT NOT NULL,
    start TEXT NOT NULL,
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90),
    printed_at TEXT NOT NULL
) STRICT;
CREATE INDEX distribution_plan_notices_year ON distribution_plan_notices (year);

CREATE TABLE distribution_objections (   -- the objection register of a year's plan
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    member_id TEXT REFERENCES members (id),
    raised_by TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    about TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_on TEXT,
    resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
) STRICT;
CREATE INDEX distribution_objections_year ON distribution_objections (year);

CREATE TABLE distribution_returns (   -- a payment the bank sent back (a wrong account): the payout reopens
    id TEXT PRIMARY KEY,
    payout_id TEXT NOT NULL REFERENCES distribution_payouts (id),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    returned_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    voucher_id TEXT NOT NULL             -- a draft voucher may be deleted: the return then lapses
) STRICT;
CREATE INDEX distribution_returns_payout ON distribution_returns (payout_id);

CREATE TABLE share_certificates (     -- 股权证 issued per household; a reissue replaces the one before
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    member_id TEXT NOT NULL REFERENCES members (id),
    issued_on TEXT NOT NULL,
    holdings TEXT NOT NULL,              -- JSON {class: units_q} as printed
    replaces TEXT REFERENCES share_certificates (id),
    replaced_on TEXT,
    issued_by TEXT NOT NULL
) STRICT;
CREATE INDEX share_certificates_member ON share_certificates (member_id);
