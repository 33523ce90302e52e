<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="78" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="78" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="78" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="86" />
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="87" />
        <source>设置角色…</source>
        <translation>Set roles…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="88" />
        <source>停用或启用</source>
        <translation>Disable or enable</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="89" />
        <source>重设密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="94" />
        <source>用户与角色</source>
        <translation>Users and roles</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="100" />
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="100" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="100" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="107" />
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="107" />
        <source>恢复所选备份…</source>
        <translation>Restore the chosen backup…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="111" />
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="122" />
        <source>用户与备份</source>
        <translation>Users &amp; backups</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="131" />
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="131" />
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="136" />
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="136" />
        <source>打开时</source>
        <translation>On opening</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="136" />
        <source>恢复前</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="147" />
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="147" />
        <source>请先选中一位用户。</source>
        <translation>Choose a user first.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="177" />
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="177" />
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="182" />
        <location filename="../../../app/gui/pages/admin.py" line="187" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="182" />
        <source>请先选中一个备份。</source>
        <translation>Choose a backup first.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="188" />
        <source>用 %1 的备份替换现在的账簿？现在的账簿会先备份。</source>
        <translation>Replace the book with the backup of %1? The book as it is now is backed up first.</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="33" />
        <location filename="../../../app/gui/pages/closing.py" line="56" />
        <location filename="../../../app/gui/pages/closing.py" line="122" />
        <source>结账</source>
        <translation>Month close</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="35" />
        <location filename="../../../app/gui/pages/closing.py" line="111" />
        <source>反结账</source>
        <translation>Reopen month</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="37" />
        <source>年结…</source>
        <translation>Year-end close…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="40" />
        <source>会计年度：</source>
        <translation>Fiscal year:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="43" />
        <source>期间</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="43" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="43" />
        <source>凭证</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="43" />
        <source>未记账</source>
        <translation>Not posted</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="52" />
        <source>年结前的检查：</source>
        <translation>Checks before the year-end close:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="79" />
        <source>全年凭证都已记账（未记账 %1 张）</source>
        <translation>Every voucher of the year is posted (%1 not posted)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="80" />
        <source>科目余额表试算平衡</source>
        <translation>The trial balance balances</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="81" />
        <source>上一年度已结账</source>
        <translation>The year before is closed</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="82" />
        <source>本年度尚未年结</source>
        <translation>The year is not closed yet</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="83" />
        <source>最后一个月尚未结账（年结时在该月结转并结账）</source>
        <translation>The last month is still open (the year-end close books and closes it)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="98" />
        <source>已结账</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="98" />
        <source>未结账</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="109" />
        <source>结账 %1</source>
        <translation>Close %1</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="111" />
        <source>反结账 %1</source>
        <translation>Reopen %1</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="122" />
        <source>%1 还没有结束，不能结账。</source>
        <translation>%1 has not ended yet; it cannot be closed.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="137" />
        <location filename="../../../app/gui/pages/closing.py" line="141" />
        <source>年结</source>
        <translation>Year-end close</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="137" />
        <source>还不能年结：%1。</source>
        <translation>The year cannot be closed yet: %1.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/closing.py" line="142" />
        <source>结转 %1 年的收入、费用和收益分配，并结账全年各月？年结后不能再反结账。</source>
        <translation>Close the income, expenses and distribution of %1 and close every month? A closed year cannot be reopened.</translation>
    </message>
</context>
<context>
    <name>OpeningBalances</name>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="42" />
        <source>科目编码</source>
        <translation>Account code</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="42" />
        <source>科目名称</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="42" />
        <source>借方余额</source>
        <translation>Debit balance</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="42" />
        <source>贷方余额</source>
        <translation>Credit balance</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="47" />
        <source>保存期初余额</source>
        <translation>Save opening balances</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="53" />
        <source>在启用月份之前的余额。借方合计等于贷方合计（试算平衡）才能保存。</source>
        <translation>Balances before the first month. They are saved once the debits equal the credits.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="108" />
        <source>试算平衡</source>
        <translation>balanced</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="108" />
        <source>不平衡，差额 %1</source>
        <translation>not balanced, difference %1</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="110" />
        <source>借方合计 %1，贷方合计 %2：%3</source>
        <translation>Debits %1, credits %2: %3</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="229" />
        <source>期初余额</source>
        <translation>Opening balances</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="230" />
        <source>明细科目</source>
        <translation>Sub-accounts</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="235" />
        <source>期初与科目</source>
        <translation>Opening &amp; accounts</translation>
    </message>
</context>
<context>
    <name>SubAccounts</name>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="138" />
        <source>科目编码</source>
        <translation>Account code</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="138" />
        <source>科目名称</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="138" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="143" />
        <source>增加明细科目…</source>
        <translation>Add sub-account…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="144" />
        <source>改名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="145" />
        <source>停用或启用</source>
        <translation>Disable or enable</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="146" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="164" />
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="187" />
        <source>明细科目</source>
        <translation>Sub-accounts</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="187" />
        <source>请先选中一个科目。</source>
        <translation>Choose an account first.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="198" />
        <source>增加明细科目</source>
        <translation>Add a sub-account</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="198" />
        <source>%1 下的明细科目名称：</source>
        <translation>Name of the sub-account under %1:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="207" />
        <source>科目改名</source>
        <translation>Rename account</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/setup.py" line="207" />
        <source>%1 的新名称：</source>
        <translation>New name of %1:</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="40" />
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="40" />
        <source>设置角色</source>
        <translation>Set roles</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="40" />
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="46" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="48" />
        <source>密码（至少6个字符）</source>
        <translation>Password (6 characters or more)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/admin.py" line="58" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
</context>
</TS>