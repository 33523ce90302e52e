<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name>AccountEdit</name>
        <message>
            <source>没有与“%1”相符的末级科目。</source>
            <translation>No leaf account matches “%1”.</translation>
        </message>
        <message>
            <source>有 %1 个科目与“%2”相符，请从列表中选一个。</source>
            <translation>%1 accounts match “%2”; choose one from the list.</translation>
        </message>
    </context>
    <context>
        <name>LedgerDialog</name>
        <message>
            <source>明细账</source>
            <translation>Detail ledger</translation>
        </message>
    </context>
    <context>
        <name>LedgerView</name>
        <message>
            <source>明细账</source>
            <translation>Detail ledger</translation>
        </message>
        <message>
            <source>总账</source>
            <translation>General ledger</translation>
        </message>
        <message>
            <source>查询</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>科目：</source>
            <translation>Account:</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>凭证号</source>
            <translation>Voucher</translation>
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
            <source>借方</source>
            <translation>Debit</translation>
        </message>
        <message>
            <source>贷方</source>
            <translation>Credit</translation>
        </message>
        <message>
            <source>方向</source>
            <translation>Dr/Cr</translation>
        </message>
        <message>
            <source>余额</source>
            <translation>Balance</translation>
        </message>
        <message>
            <source>期间</source>
            <translation>Month</translation>
        </message>
    </context>
    <context>
        <name>LedgersPage</name>
        <message>
            <source>账簿</source>
            <translation>Ledgers</translation>
        </message>
    </context>
    <context>
        <name>LinesModel</name>
        <message>
            <source>摘要</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>会计科目</source>
            <translation>Account</translation>
        </message>
        <message>
            <source>借方金额</source>
            <translation>Debit</translation>
        </message>
        <message>
            <source>贷方金额</source>
            <translation>Credit</translation>
        </message>
    </context>
    <context>
        <name>MonthRange</name>
        <message>
            <source>至</source>
            <translation>to</translation>
        </message>
        <message>
            <source>年度：</source>
            <translation>Year:</translation>
        </message>
        <message>
            <source>月份：</source>
            <translation>Months:</translation>
        </message>
        <message>
            <source>%1年%2—%3月</source>
            <translation>%1, months %2–%3</translation>
        </message>
    </context>
    <context>
        <name>ReportTable</name>
        <message>
            <source>按摘要或名称筛选</source>
            <translation>Filter by summary or name</translation>
        </message>
        <message>
            <source>导出PDF</source>
            <translation>Export PDF</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>科目余额表</source>
            <translation>Trial balance</translation>
        </message>
        <message>
            <source>资产负债表</source>
            <translation>Balance sheet</translation>
        </message>
        <message>
            <source>收益及收益分配表</source>
            <translation>Income and distribution statement</translation>
        </message>
        <message>
            <source>含明细科目</source>
            <translation>With sub-accounts</translation>
        </message>
        <message>
            <source>仅一级科目</source>
            <translation>First level only</translation>
        </message>
        <message>
            <source>显示无余额无发生额的科目</source>
            <translation>Show accounts without balance or entries</translation>
        </message>
        <message>
            <source>查询</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>报表：</source>
            <translation>Report:</translation>
        </message>
        <message>
            <source>科目代码</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>科目名称</source>
            <translation>Account name</translation>
        </message>
        <message>
            <source>期初借方</source>
            <translation>Opening debit</translation>
        </message>
        <message>
            <source>期初贷方</source>
            <translation>Opening credit</translation>
        </message>
        <message>
            <source>本期借方</source>
            <translation>Debit in period</translation>
        </message>
        <message>
            <source>本期贷方</source>
            <translation>Credit in period</translation>
        </message>
        <message>
            <source>期末借方</source>
            <translation>Closing debit</translation>
        </message>
        <message>
            <source>期末贷方</source>
            <translation>Closing credit</translation>
        </message>
        <message>
            <source>资产</source>
            <translation>Assets</translation>
        </message>
        <message>
            <source>年初数</source>
            <translation>Start of year</translation>
        </message>
        <message>
            <source>期末数</source>
            <translation>End of period</translation>
        </message>
        <message>
            <source>负债及所有者权益</source>
            <translation>Liabilities and equity</translation>
        </message>
        <message>
            <source>项目</source>
            <translation>Item</translation>
        </message>
        <message>
            <source>本年累计数</source>
            <translation>This year to date</translation>
        </message>
        <message>
            <source>上年数</source>
            <translation>Previous year</translation>
        </message>
        <message>
            <source>报表</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>合计</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>试算平衡</source>
            <translation>The trial balance balances</translation>
        </message>
        <message>
            <source>试算不平衡，请检查账簿</source>
            <translation>The trial balance does not balance; check the books</translation>
        </message>
        <message>
            <source>资产合计等于负债及所有者权益合计</source>
            <translation>Total assets equal liabilities and equity</translation>
        </message>
        <message>
            <source>资产合计不等于负债及所有者权益合计，请检查账簿</source>
            <translation>Total assets differ from liabilities and equity; check the books</translation>
        </message>
    </context>
    <context>
        <name>VoucherDialog</name>
        <message>
            <source>记账凭证 %1</source>
            <translation>Voucher %1</translation>
        </message>
    </context>
    <context>
        <name>VoucherEditor</name>
        <message>
            <source>记账凭证</source>
            <translation>Voucher</translation>
        </message>
        <message>
            <source> 张</source>
            <translation> sheets</translation>
        </message>
        <message>
            <source>日期：</source>
            <translation>Date:</translation>
        </message>
        <message>
            <source>凭证号：</source>
            <translation>Voucher no.:</translation>
        </message>
        <message>
            <source>附单据：</source>
            <translation>Attachments:</translation>
        </message>
        <message>
            <source>合计：</source>
            <translation>Total:</translation>
        </message>
        <message>
            <source>新增</source>
            <translation>New</translation>
        </message>
        <message>
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>保存并新增</source>
            <translation>Save and new</translation>
        </message>
        <message>
            <source>插入行</source>
            <translation>Insert line</translation>
        </message>
        <message>
            <source>删除行</source>
            <translation>Delete line</translation>
        </message>
        <message>
            <source>审核</source>
            <translation>Review</translation>
        </message>
        <message>
            <source>取消审核</source>
            <translation>Undo review</translation>
        </message>
        <message>
            <source>记账</source>
            <translation>Post</translation>
        </message>
        <message>
            <source>冲销</source>
            <translation>Reverse</translation>
        </message>
        <message>
            <source>删除凭证</source>
            <translation>Delete voucher</translation>
        </message>
        <message>
            <source>打印</source>
            <translation>Print</translation>
        </message>
        <message>
            <source>草稿</source>
            <translation>Draft</translation>
        </message>
        <message>
            <source>已审核</source>
            <translation>Reviewed</translation>
        </message>
        <message>
            <source>已记账</source>
            <translation>Posted</translation>
        </message>
        <message>
            <source>记 - （记账时编号）</source>
            <translation>(numbered when posted)</translation>
        </message>
        <message>
            <source>新凭证</source>
            <translation>New voucher</translation>
        </message>
        <message>
            <source>（冲销凭证）</source>
            <translation> (reversal)</translation>
        </message>
        <message>
            <source>制单：%1</source>
            <translation>Prepared by: %1</translation>
        </message>
        <message>
            <source>审核：%1</source>
            <translation>Reviewed by: %1</translation>
        </message>
        <message>
            <source>记账：%1</source>
            <translation>Posted by: %1</translation>
        </message>
        <message>
            <source>附单据 %1 张</source>
            <translation>%1 attachments</translation>
        </message>
        <message>
            <source>借贷不平：差额 %1。</source>
            <translation>Debits and credits differ by %1.</translation>
        </message>
        <message>
            <source>凭证已修改，要保存吗？</source>
            <translation>The voucher has changed. Save it?</translation>
        </message>
        <message>
            <source>已保存。</source>
            <translation>Saved.</translation>
        </message>
        <message>
            <source>上一张凭证已保存。</source>
            <translation>The previous voucher was saved.</translation>
        </message>
        <message>
            <source>请先保存凭证。</source>
            <translation>Save the voucher first.</translation>
        </message>
        <message>
            <source>已审核。</source>
            <translation>Reviewed.</translation>
        </message>
        <message>
            <source>已取消审核。</source>
            <translation>The review was undone.</translation>
        </message>
        <message>
            <source>已记账。</source>
            <translation>Posted.</translation>
        </message>
        <message>
            <source>已生成红字冲销凭证（草稿），请审核、记账。</source>
            <translation>A red-ink reversing voucher was made as a draft; review and post it.</translation>
        </message>
        <message>
            <source>草稿已删除。</source>
            <translation>The draft was deleted.</translation>
        </message>
        <message>
            <source>凭证日期 %1 在 %2 年之后，而 %2 年还没有结账。仍要记入 %3 年吗？</source>
            <translation>The voucher date %1 is after the year %2, which is not closed yet. Enter it in %3 anyway?</translation>
        </message>
        <message>
            <source>未保存：请改正凭证日期。</source>
            <translation>Not saved: correct the voucher date.</translation>
        </message>
    </context>
    <context>
        <name>VouchersPage</name>
        <message>
            <source>草稿</source>
            <translation>Draft</translation>
        </message>
        <message>
            <source>已审核</source>
            <translation>Reviewed</translation>
        </message>
        <message>
            <source>已记账</source>
            <translation>Posted</translation>
        </message>
        <message>
            <source>普通</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>期初</source>
            <translation>Opening</translation>
        </message>
        <message>
            <source>冲销</source>
            <translation>Reversal</translation>
        </message>
        <message>
            <source>折旧</source>
            <translation>Depreciation</translation>
        </message>
        <message>
            <source>结转</source>
            <translation>Closing</translation>
        </message>
        <message>
            <source>分配</source>
            <translation>Distribution</translation>
        </message>
        <message>
            <source>支付</source>
            <translation>Payout</translation>
        </message>
        <message>
            <source>期间</source>
            <translation>Month</translation>
        </message>
        <message>
            <source>凭证号</source>
            <translation>Voucher</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>摘要</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>制单</source>
            <translation>Preparer</translation>
        </message>
        <message>
            <source>审核</source>
            <translation>Reviewer</translation>
        </message>
        <message>
            <source>附件</source>
            <translation>Attachments</translation>
        </message>
        <message>
            <source>凭证</source>
            <translation>Vouchers</translation>
        </message>
        <message>
            <source>按摘要筛选</source>
            <translation>Filter by summary</translation>
        </message>
        <message>
            <source>全部状态</source>
            <translation>Any status</translation>
        </message>
        <message>
            <source>期间：</source>
            <translation>Month:</translation>
        </message>
        <message>
            <source>状态：</source>
            <translation>Status:</translation>
        </message>
        <message>
            <source>新增凭证</source>
            <translation>New voucher</translation>
        </message>
        <message>
            <source>打开</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>批量审核</source>
            <translation>Review all</translation>
        </message>
        <message>
            <source>批量记账</source>
            <translation>Post all</translation>
        </message>
        <message>
            <source>← 返回凭证列表</source>
            <translation>← Back to the vouchers</translation>
        </message>
        <message>
            <source>全部期间</source>
            <translation>All months</translation>
        </message>
        <message>
            <source>筛选出的凭证中没有待审核的。</source>
            <translation>None of the vouchers shown waits for review.</translation>
        </message>
        <message>
            <source>审核筛选出的 %1 张草稿凭证？</source>
            <translation>Review the %1 draft vouchers shown?</translation>
        </message>
        <message>
            <source>已审核 %1 张凭证。</source>
            <translation>%1 vouchers reviewed. </translation>
        </message>
        <message>
            <source>%1 张未能审核：%2</source>
            <translation>%1 could not be reviewed: %2</translation>
        </message>
        <message>
            <source>筛选出的凭证中没有待记账的。</source>
            <translation>None of the vouchers shown waits to be posted.</translation>
        </message>
        <message>
            <source>将筛选出的 %1 张已审核凭证记账？</source>
            <translation>Post the %1 reviewed vouchers shown?</translation>
        </message>
        <message>
            <source>已记账 %1 张凭证。</source>
            <translation>%1 vouchers posted. </translation>
        </message>
        <message>
            <source>%1 张未能记账：%2</source>
            <translation>%1 could not be posted: %2</translation>
        </message>
    </context>
<context>
    <name>AccountPicker</name>
        <message>
            <source>科目参照</source>
            <translation>Choose an account</translation>
        </message>
        <message>
            <source>科目编码、名称或拼音首字母</source>
            <translation>Account code, name or pinyin initials</translation>
        </message>
</context>
</TS>
