-- The control account of an asset (151, 131/132/134, 161 or a sub-account): where its cost is booked, which
-- decides how it is depreciated. NULL takes the chart's default for the asset's category (resources/charts).
ALTER TABLE assets ADD COLUMN account_id TEXT REFERENCES accounts (id);
