<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于联营账簿</source>
        <translation>About Joint Ledger</translation>
    </message>
    <message>
        <source>联营账簿 Joint Ledger</source>
        <translation>Joint Ledger 联营账簿</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>本软件使用并随附以下组件，各组件按其许可证发布：</source>
        <translation>This software uses and ships the following components, each under its own licence:</translation>
    </message>
    <message>
        <source>组件</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>许可证文本</source>
        <translation>Licence text</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>联营账簿</source>
        <translation>Joint Ledger</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消，请稍候…</source>
        <translation>Cancelling, please wait…</translation>
    </message>
</context>
<context>
    <name>AssetDialog</name>
    <message>
        <source>编辑资产</source>
        <translation>Edit asset</translation>
    </message>
    <message>
        <source>登记资产</source>
        <translation>Register asset</translation>
    </message>
    <message>
        <source>资产编号</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>资产名称</source>
        <translation>Asset name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>坐落位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>取得日期</source>
        <translation>Acquired</translation>
    </message>
    <message>
        <source>原值（元）</source>
        <translation>Cost (yuan)</translation>
    </message>
    <message>
        <source>使用年限（月）</source>
        <translation>Useful life (months)</translation>
    </message>
    <message>
        <source>残值率（%）</source>
        <translation>Residual rate (%)</translation>
    </message>
    <message>
        <source>已提折旧（元）</source>
        <translation>Depreciation before (yuan)</translation>
    </message>
    <message>
        <source>出资成员编号</source>
        <translation>Contributed by (member code)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AssetsPage</name>
    <message>
        <source>资产登记簿</source>
        <translation>Asset register</translation>
    </message>
    <message>
        <source>资产编号</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>资产名称</source>
        <translation>Asset name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>坐落位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>取得日期</source>
        <translation>Acquired</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>累计折旧</source>
        <translation>Accumulated depreciation</translation>
    </message>
    <message>
        <source>净值</source>
        <translation>Net value</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>输入资产编号、名称、位置或出资成员筛选</source>
        <translation>Type an asset code, name, location or contributor to filter</translation>
    </message>
    <message>
        <source>登记资产</source>
        <translation>Register asset</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>更改状态</source>
        <translation>Change status</translation>
    </message>
    <message>
        <source>计提折旧</source>
        <translation>Depreciation</translation>
    </message>
    <message>
        <source>资产</source>
        <translation>Assets</translation>
    </message>
</context>
<context>
    <name>ClassDialog</name>
    <message>
        <source>新增股份类别</source>
        <translation>Add share class</translation>
    </message>
    <message>
        <source>例如：股、元、亩</source>
        <translation>e.g. share, yuan, mu</translation>
    </message>
    <message>
        <source>类别名称</source>
        <translation>Class name</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>DepreciationDialog</name>
    <message>
        <source>计提折旧</source>
        <translation>Depreciation</translation>
    </message>
    <message>
        <source> 月</source>
        <translation> (month)</translation>
    </message>
    <message>
        <source>折旧明细</source>
        <translation>Depreciation by asset</translation>
    </message>
    <message>
        <source>资产编号</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>资产名称</source>
        <translation>Asset name</translation>
    </message>
    <message>
        <source>本月折旧</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>借方科目</source>
        <translation>Debit account</translation>
    </message>
    <message>
        <source>贷方科目</source>
        <translation>Credit account</translation>
    </message>
    <message>
        <source>输入资产编号或名称筛选</source>
        <translation>Type an asset code or name to filter</translation>
    </message>
    <message>
        <source>将生成的凭证</source>
        <translation>Voucher to be created</translation>
    </message>
    <message>
        <source>科目</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>借方金额</source>
        <translation>Debit</translation>
    </message>
    <message>
        <source>贷方金额</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>输入科目或摘要筛选</source>
        <translation>Type an account or summary to filter</translation>
    </message>
    <message>
        <source>生成折旧凭证</source>
        <translation>Create depreciation voucher</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>计提期间：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>将生成的凭证（草稿，需审核后记账）：</source>
        <translation>Voucher to be created (a draft, to be reviewed and posted):</translation>
    </message>
    <message>
        <source>%1 共 %2 项资产，折旧合计 %3 元</source>
        <translation>%1: %2 assets, depreciation %3 yuan in total</translation>
    </message>
    <message>
        <source>已生成 %1 的折旧凭证（草稿），请在“凭证”中审核记账。</source>
        <translation>The depreciation voucher for %1 was created as a draft; review and post it under Vouchers.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HoldingDialog</name>
    <message>
        <source>设置持股</source>
        <translation>Set holding</translation>
    </message>
    <message>
        <source>成员编号</source>
        <translation>Member code</translation>
    </message>
    <message>
        <source>股份类别</source>
        <translation>Share class</translation>
    </message>
    <message>
        <source>持有数量</source>
        <translation>Quantity held</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>库存现金</source>
        <translation>Cash on hand</translation>
    </message>
    <message>
        <source>银行存款</source>
        <translation>Bank deposits</translation>
    </message>
    <message>
        <source>本年收入</source>
        <translation>Income this year</translation>
    </message>
    <message>
        <source>本年支出</source>
        <translation>Expenses this year</translation>
    </message>
    <message>
        <source>待审核凭证</source>
        <translation>Vouchers to review</translation>
    </message>
    <message>
        <source>最近备份</source>
        <translation>Last backup</translation>
    </message>
    <message>
        <source>最近同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>去审核凭证</source>
        <translation>Review vouchers</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>%1年收入</source>
        <translation>Income %1</translation>
    </message>
    <message>
        <source>%1年支出</source>
        <translation>Expenses %1</translation>
    </message>
    <message>
        <source>%1年各月收入与支出（元）</source>
        <translation>Income and expenses by month, %1 (yuan)</translation>
    </message>
    <message>
        <source>%1 张</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>尚未备份</source>
        <translation>No backup yet</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Never synced</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>股份</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>资产</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>凭证</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <source>账簿</source>
        <translation>Ledgers</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>收益分配</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建账簿…</source>
        <translation>New book…</translation>
    </message>
    <message>
        <source>打开账簿…</source>
        <translation>Open book…</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Open recent</translation>
    </message>
    <message>
        <source>关闭账簿</source>
        <translation>Close book</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于联营账簿</source>
        <translation>About Joint Ledger</translation>
    </message>
    <message>
        <source>联营账簿</source>
        <translation>Joint Ledger</translation>
    </message>
    <message>
        <source>联营账簿 - %1</source>
        <translation>Joint Ledger - %1</translation>
    </message>
        <message>
            <source>当前用户：%1</source>
            <translation>User: %1</translation>
        </message>
        <message>
            <source>切换用户…</source>
            <translation>Switch user…</translation>
        </message>
        <message>
            <source>期初与科目</source>
            <translation>Opening &amp; accounts</translation>
        </message>
        <message>
            <source>结账</source>
            <translation>Month close</translation>
        </message>
        <message>
            <source>用户与备份</source>
            <translation>Users &amp; backups</translation>
        </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>编辑成员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>新增成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>成员编号</source>
        <translation>Member code</translation>
    </message>
    <message>
        <source>姓名或名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>所属组织</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <source>家庭人口</source>
        <translation>Household size</translation>
    </message>
    <message>
        <source>加入日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>年-月-日，例如 2025-01-01</source>
        <translation>year-month-day, e.g. 2025-01-01</translation>
    </message>
    <message>
        <source>18位身份证号或统一社会信用代码</source>
        <translation>18-character resident ID or credit code</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>股份类别</source>
        <translation>Share class</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>持股</source>
        <translation>Holdings</translation>
    </message>
    <message>
        <source>持股变动</source>
        <translation>Holding changes</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>变动内容</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>Change record</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>成员名册</source>
        <translation>Member register</translation>
    </message>
    <message>
        <source>输入姓名、编号、证件号码或所属组织筛选</source>
        <translation>Type a name, code, ID number or group to filter</translation>
    </message>
    <message>
        <source>新增成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>标记退出</source>
        <translation>Mark as left</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>姓名或名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>所属组织</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>家庭人口</source>
        <translation>Household size</translation>
    </message>
    <message>
        <source>加入日期</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>退出日期</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>%1 %2 的退出日期：</source>
        <translation>Date %1 %2 left:</translation>
    </message>
        <message>
            <source>类别：</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <source>全部类别</source>
            <translation>All kinds</translation>
        </message>
</context>
<context>
    <name>MissingPage</name>
    <message>
        <source>此功能暂不可用。</source>
        <translation>This feature is not available.</translation>
    </message>
</context>
<context>
    <name>MonthChart</name>
    <message>
        <source>收入</source>
        <translation>Income</translation>
    </message>
    <message>
        <source>支出</source>
        <translation>Expenses</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>M%1</translation>
    </message>
</context>
<context>
    <name>NewBookDialog</name>
    <message>
        <source>新建账簿</source>
        <translation>New book</translation>
    </message>
    <message>
        <source>例如：东岭片区强村联营有限公司</source>
        <translation>e.g. Dongling Joint Village Enterprise Co.</translation>
    </message>
    <message>
        <source>2023年《农村集体经济组织会计制度》</source>
        <translation>2023 accounting system for rural collective economic organizations</translation>
    </message>
    <message>
        <source>2004年《村集体经济组织会计制度》</source>
        <translation>2004 accounting system for village collective economic organizations</translation>
    </message>
    <message>
        <source>18位统一社会信用代码，可不填</source>
        <translation>18-character unified social credit code (optional)</translation>
    </message>
    <message>
        <source> 月</source>
        <translation> (month)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>组织名称</source>
        <translation>Organization name</translation>
    </message>
    <message>
        <source>组织类型</source>
        <translation>Kind of organization</translation>
    </message>
    <message>
        <source>会计制度</source>
        <translation>Accounting system</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>启用年月</source>
        <translation>First month</translation>
    </message>
    <message>
        <source>保存位置</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>新账簿</source>
        <translation>New book</translation>
    </message>
    <message>
        <source>账簿保存位置</source>
        <translation>Where to save the book</translation>
    </message>
    <message>
        <source>请选择账簿的保存位置。</source>
        <translation>Choose where to save the book.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>保存组织信息</source>
        <translation>Save organization details</translation>
    </message>
    <message>
        <source>组织信息（保存在账簿中）</source>
        <translation>Organization (stored in the book)</translation>
    </message>
    <message>
        <source>组织名称</source>
        <translation>Organization name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>组织类型</source>
        <translation>Kind of organization</translation>
    </message>
    <message>
        <source>会计制度</source>
        <translation>Accounting system</translation>
    </message>
    <message>
        <source>会计年度起始月</source>
        <translation>Fiscal year starts in</translation>
    </message>
    <message>
        <source>账簿文件</source>
        <translation>Book file</translation>
    </message>
    <message>
        <source>使用大字体</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>关于联营账簿…</source>
        <translation>About Joint Ledger…</translation>
    </message>
    <message>
        <source>本机设置</source>
        <translation>This PC</translation>
    </message>
    <message>
        <source>界面语言 / Language</source>
        <translation>Language / 界面语言</translation>
    </message>
    <message>
        <source>字体</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>%1年制度</source>
        <translation>%1 system</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>M%1</translation>
    </message>
    <message>
        <source>联营账簿 - %1</source>
        <translation>Joint Ledger - %1</translation>
    </message>
</context>
<context>
    <name>SharesPage</name>
    <message>
        <source>股份类别</source>
        <translation>Share class</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>合计持有</source>
        <translation>Total held</translation>
    </message>
    <message>
        <source>持有人数</source>
        <translation>Holders</translation>
    </message>
    <message>
        <source>输入类别名称筛选</source>
        <translation>Type a class name to filter</translation>
    </message>
    <message>
        <source>新增类别</source>
        <translation>Add class</translation>
    </message>
    <message>
        <source>持股明细</source>
        <translation>Holdings</translation>
    </message>
    <message>
        <source>设置持股</source>
        <translation>Set holding</translation>
    </message>
    <message>
        <source>持股日期：</source>
        <translation>Holdings on:</translation>
    </message>
    <message>
        <source>股份</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>%1 持股明细</source>
        <translation>Holdings on %1</translation>
    </message>
    <message>
        <source>成员编号</source>
        <translation>Member code</translation>
    </message>
    <message>
        <source>姓名或名称</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>联营账簿</source>
        <translation>Joint Ledger</translation>
    </message>
    <message>
        <source>联营组织与村集体经济组织的账簿、股份与收益分配</source>
        <translation>Books, shares and income distribution for joint operations and village collectives</translation>
    </message>
    <message>
        <source>新建账簿…</source>
        <translation>New book…</translation>
    </message>
    <message>
        <source>打开账簿…</source>
        <translation>Open book…</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>最近打开的账簿（双击打开）</source>
        <translation>Recent books (double-click to open)</translation>
    </message>
    <message>
        <source>还没有打开过账簿：请新建一个账簿，或打开已有的账簿文件。</source>
        <translation>No book opened yet: create a new book or open an existing book file.</translation>
    </message>
    <message>
        <source>打开账簿</source>
        <translation>Open book</translation>
    </message>
    <message>
        <source>联营账簿 (*%1)</source>
        <translation>Joint Ledger books (*%1)</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>更改资产状态</source>
        <translation>Change asset status</translation>
    </message>
    <message>
        <source>资产</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>处置日期</source>
        <translation>Disposal date</translation>
    </message>
</context>
<context>
    <name>TableView</name>
    <message>
        <source>输入名称、编号、证件号码或分组筛选</source>
        <translation>Type a name, code, ID number or group to filter</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>筛选：</source>
        <translation>Filter:</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条</source>
        <translation>
            <numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>程序出了点问题，账簿没有受影响。详细记录在：
%1</source>
        <translation>Something went wrong; the book was not harmed. The details are logged in:
%1</translation>
    </message>
    <message>
        <source>联营账簿</source>
        <translation>Joint Ledger</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>第 %1 页，共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>打印预览 - %1</source>
        <translation>Print preview - %1</translation>
    </message>
</context>
<context>
    <name>start</name>
    <message>
        <source>账簿检查</source>
        <translation>Book check</translation>
    </message>
</context>
</TS>