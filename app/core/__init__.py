"""The domain of Joint Ledger. Never imports Qt."""
