"""The main window's pages, in sidebar order: (key, module, class). Each module is owned by one part of the app."""

PAGES = [
    ("home", "app.gui.pages.home", "HomePage"),  # 首页
    ("members", "app.gui.pages.members", "MembersPage"),  # 成员
    ("shares", "app.gui.pages.shares", "SharesPage"),  # 股份
    ("assets", "app.gui.pages.assets", "AssetsPage"),  # 资产
    ("setup", "app.gui.pages.setup", "SetupPage"),  # 期初与科目
    ("vouchers", "app.gui.pages.vouchers", "VouchersPage"),  # 凭证
    ("ledgers", "app.gui.pages.ledgers", "LedgersPage"),  # 账簿
    ("reports", "app.gui.pages.reports", "ReportsPage"),  # 报表
    ("closing", "app.gui.pages.closing", "ClosingPage"),  # 结账
    ("distribution", "app.gui.pages.distribution", "DistributionPage"),  # 收益分配
    ("sync", "app.gui.pages.sync", "SyncPage"),  # 同步
    ("admin", "app.gui.pages.admin", "AdminPage"),  # 用户与备份
    ("settings", "app.gui.pages.settings", "SettingsPage"),  # 设置
]
