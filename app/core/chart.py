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
    )
