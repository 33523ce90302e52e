"""Charts of accounts and statement layouts, read from resources/charts/<version>.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from app import RESOURCES

CHART_VERSIONS = ("2023", "2004")


@dataclass(frozen=True)
class ChartDefinition:
    version: str
    title: str
    accounts: list[dict]
    sub_accounts: list[dict]
    roles: dict[str, str]
    balance_sheet: dict[str, list[dict]]
    income_statement: list[dict]
    optional_accounts: list[dict]  # first-level accounts the chart's notes allow a book to add
    asset_accounts: dict[str, list[str]]  # asset category → its control accounts, the first that exists is the default
    member_accounts: list[str]  # the first-level accounts kept per member (往来: app/core/member_reports.py)
    depreciation_credit: dict[str, str | None]  # control account → account credited ("self": the asset's own; None: not depreciated)


@cache
def load_chart(version: str) -> ChartDefinition:
    data = json.loads((RESOURCES / "charts" / f"{version}.json").read_text(encoding="utf-8"))
    return ChartDefinition(
        version=data["version"],
        title=data["title"],
        accounts=data["accounts"],
        sub_accounts=data["sub_accounts"],
        roles=data["roles"],
        balance_sheet=data["balance_sheet"],
        income_statement=data["income_statement"],
        optional_accounts=data["optional_accounts"],
        asset_accounts=data["asset_accounts"],
        depreciation_credit=data["depreciation_credit"],
        member_accounts=data["member_accounts"],
    )
