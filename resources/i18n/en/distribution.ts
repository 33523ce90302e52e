<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>DistributionPage</name>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="88"/>
        <source>收益分配试算</source>
        <translation>Distribution preview</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="90"/>
        <source>打开计划…</source>
        <translation>Open plan…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="90"/>
        <source>保存计划…</source>
        <translation>Save plan…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="91"/>
        <location filename="../../../app/gui/pages/distribution.py" line="269"/>
        <location filename="../../../app/gui/pages/distribution.py" line="273"/>
        <source>过账</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="97"/>
        <source>分配方案（TOML）</source>
        <translation>Distribution plan (TOML)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="120"/>
        <source>印在明细单上的校验码</source>
        <translation>The code printed on the statement</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="122"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="123"/>
        <source>公示开始日期</source>
        <translation>Posting starts</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="124"/>
        <source>公示天数</source>
        <translation>Posting days</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="125"/>
        <source>异议受理</source>
        <translation>Objections to</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="126"/>
        <source>公示纸张</source>
        <translation>Notice paper</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="135"/>
        <source>生成全部签名明细单…</source>
        <translation>Write all signed statements…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="136"/>
        <source>生成签名公示…</source>
        <translation>Write the signed notice…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="137"/>
        <source>打印预览公示</source>
        <translation>Print preview of the notice</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="138"/>
        <source>打印预览选中成员的明细单</source>
        <translation>Print preview of the selected member&apos;s statement</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="145"/>
        <location filename="../../../app/gui/pages/distribution.py" line="330"/>
        <source>核对校验码</source>
        <translation>Check a code</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="148"/>
        <source>核对PDF文件…</source>
        <translation>Check a PDF file…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="160"/>
        <source>收益分配发放</source>
        <translation>Distribution payouts</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="162"/>
        <location filename="../../../app/gui/pages/distribution.py" line="248"/>
        <source>成员编号</source>
        <translation>Member code</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="163"/>
        <location filename="../../../app/gui/pages/distribution.py" line="249"/>
        <source>姓名或名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="164"/>
        <source>应分金额</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="165"/>
        <source>已发放</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="166"/>
        <source>待审核</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="167"/>
        <source>未发放</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="168"/>
        <source>经手人</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="169"/>
        <source>发放日期</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="174"/>
        <source>发放…</source>
        <translation>Pay…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="176"/>
        <source>分配方案与试算</source>
        <translation>Plan and preview</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="177"/>
        <source>明细单与公示</source>
        <translation>Statements and notice</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="178"/>
        <location filename="../../../app/gui/pages/distribution.py" line="357"/>
        <source>发放</source>
        <translation>Payouts</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="183"/>
        <source>收益分配</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="207"/>
        <source>%1 年还没有过账的收益分配。</source>
            <translation>No distribution has been posted for %1.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="212"/>
        <source>%1 年收益分配：向成员分配 %2，分配凭证%3。</source>
            <translation>Distribution %1: %2 to the members; the voucher is %3.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="213"/>
        <source>已记账</source>
            <translation>posted</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="213"/>
        <source>待审核记账</source>
            <translation>waiting for review and posting</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="236"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="237"/>
        <source>（资金不足，保底按比例削减）</source>
        <translation> (the pool is too small: fixed returns cut pro rata)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="239"/>
        <source>可分配收益 %1；提取：%2；向成员分配 %3%4</source>
        <translation>Distributable %1; withheld: %2; to members %3%4</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="250"/>
        <source>保底收益</source>
        <translation>Fixed return</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="251"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="256"/>
        <source>打开分配方案</source>
        <translation>Open a distribution plan</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="256"/>
        <location filename="../../../app/gui/pages/distribution.py" line="261"/>
        <source>分配方案 (*.toml)</source>
        <translation>Distribution plans (*.toml)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="261"/>
        <source>保存分配方案</source>
        <translation>Save the distribution plan</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="269"/>
        <source>按此方案生成收益分配凭证（草稿，由审核人审核记账）？</source>
        <translation>Make the distribution voucher from this plan (a draft, reviewed and posted by a reviewer)?</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="273"/>
        <source>已生成分配凭证（草稿），请由审核人审核并记账。</source>
        <translation>The distribution voucher was made as a draft; a reviewer must review and post it.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="283"/>
        <source>保存明细单的文件夹</source>
        <translation>Folder for the statements</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="288"/>
        <source>生成签名明细单</source>
        <translation>Writing signed statements</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="293"/>
        <source>保存公示</source>
        <translation>Save the notice</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="308"/>
        <source>明细单</source>
        <translation>Statement</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="308"/>
        <source>请先在试算或发放表中选中一位成员。</source>
        <translation>Select a member in the preview or payouts table first.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="328"/>
        <source>公示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="329"/>
        <source>与账簿一致。</source>
        <translation>Matches the book.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="329"/>
        <source>与账簿现有分配不一致！</source>
        <translation>Does NOT match the book&apos;s distribution!</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="335"/>
        <location filename="../../../app/gui/pages/distribution.py" line="350"/>
        <source>核对PDF文件</source>
        <translation>Check a PDF file</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="344"/>
        <source>文件没有签名。</source>
        <translation>The file is not signed.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="346"/>
        <source>签名无效：文件在签名后被改动过。</source>
        <translation>The signature is NOT valid: the file was changed after signing.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="348"/>
        <source>签名完好：%1 签署于 %2</source>
        <translation>Signature intact: signed by %1 at %2</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="349"/>
        <source>数字与账簿一致。</source>
        <translation>The figures match the book.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="349"/>
        <source>数字与账簿不一致！</source>
        <translation>The figures do NOT match the book!</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="357"/>
        <source>请先选中一位成员。</source>
        <translation>Select a member first.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/distribution_print.py" line="55"/>
        <source>签名口令：</source>
        <translation>Signing passphrase:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/distribution_print.py" line="57"/>
        <source>这个账簿在本机还没有签名密钥，将用此口令生成（至少8个字符）：</source>
        <translation>This book has no signing key on this PC; one will be made with this passphrase (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../../app/gui/distribution_print.py" line="58"/>
        <source>签名</source>
        <translation>Signing</translation>
    </message>
        <message>
            <source>方案公示…</source>
            <translation>Plan notice…</translation>
        </message>
        <message>
            <source>保存方案公示</source>
            <translation>Save the plan notice</translation>
        </message>
        <message>
            <source>生成分配凭证（草稿）…</source>
            <translation>Make the draft voucher…</translation>
        </message>
        <message>
            <source>分配方案</source>
            <translation>Plan</translation>
        </message>
        <message>
            <source>方案文本（TOML）</source>
            <translation>Plan text (TOML)</translation>
        </message>
        <message>
            <source>生成分配凭证</source>
            <translation>Distribution voucher</translation>
        </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="54"/>
        <source>发放收益分配款</source>
        <translation>Pay the distribution</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="59"/>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="60"/>
        <source>发放日期</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="61"/>
        <source>付款科目</source>
        <translation>Paid from account</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="62"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/distribution.py" line="63"/>
        <source>经手人</source>
        <translation>Paid by</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
        <message>
            <source>按账面可分配收益</source>
            <translation>From the books</translation>
        </message>
        <message>
            <source>可分配收益（元）</source>
            <translation>Distributable (yuan)</translation>
        </message>
        <message>
            <source>提取项目</source>
            <translation>Withholding</translation>
        </message>
        <message>
            <source>方式</source>
            <translation>As</translation>
        </message>
        <message>
            <source>比例%或金额</source>
            <translation>Percent or amount</translation>
        </message>
        <message>
            <source>股份类别</source>
            <translation>Share class</translation>
        </message>
        <message>
            <source>保底比例%</source>
            <translation>Fixed return %</translation>
        </message>
        <message>
            <source>权重</source>
            <translation>Weight</translation>
        </message>
        <message>
            <source>分配年度</source>
            <translation>Year</translation>
        </message>
        <message>
            <source>可分配收益</source>
            <translation>Distributable</translation>
        </message>
        <message>
            <source>股权登记日</source>
            <translation>Record date</translation>
        </message>
        <message>
            <source>提取</source>
            <translation>Withholdings</translation>
        </message>
        <message>
            <source>股份权重</source>
            <translation>Class weights</translation>
        </message>
        <message>
            <source>方案公示开始</source>
            <translation>Notice starts</translation>
        </message>
        <message>
            <source>增加一行</source>
            <translation>Add a row</translation>
        </message>
        <message>
            <source>删除所选行</source>
            <translation>Delete the row</translation>
        </message>
        <message>
            <source>比例%</source>
            <translation>Percent</translation>
        </message>
</context>
</TS>
