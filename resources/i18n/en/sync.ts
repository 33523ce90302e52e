<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="55"/>
        <location filename="../../../app/gui/pages/sync.py" line="57"/>
        <source>副本</source>
        <translation>Replica</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="58"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="59"/>
        <source>我们已收到它的修改</source>
        <translation>Its changes we hold</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="60"/>
        <source>它已收到我们的修改</source>
        <translation>Our changes it holds</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="61"/>
        <source>最近收到它的文件</source>
        <translation>Last file from it</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="62"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="66"/>
        <source>输入副本名称筛选</source>
        <translation>Type a replica name to filter</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="68"/>
        <location filename="../../../app/gui/pages/sync.py" line="198"/>
        <location filename="../../../app/gui/pages/sync.py" line="207"/>
        <location filename="../../../app/gui/pages/sync.py" line="209"/>
        <source>写出同步文件</source>
        <translation>Write sync file</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="69"/>
        <location filename="../../../app/gui/pages/sync.py" line="216"/>
        <location filename="../../../app/gui/pages/sync.py" line="235"/>
        <location filename="../../../app/gui/pages/sync.py" line="238"/>
        <source>读入同步文件</source>
        <translation>Read sync file</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="70"/>
        <location filename="../../../app/gui/pages/sync.py" line="246"/>
        <location filename="../../../app/gui/pages/sync.py" line="250"/>
        <location filename="../../../app/gui/pages/sync.py" line="252"/>
        <source>生成种子文件</source>
        <translation>Write seed file</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="71"/>
        <location filename="../../../app/gui/pages/sync.py" line="257"/>
        <source>给本机副本改名</source>
        <translation>Rename this replica</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="72"/>
        <location filename="../../../app/gui/pages/sync.py" line="267"/>
        <source>停用副本</source>
        <translation>Retire replica</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="76"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="78"/>
        <source>内容</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="80"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="81"/>
        <source>现在的值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="82"/>
        <source>另一方的值</source>
        <translation>Other value</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="83"/>
        <source>另一方副本</source>
        <translation>Other replica</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="84"/>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="85"/>
        <source>修改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="89"/>
        <source>输入内容筛选</source>
        <translation>Type to filter</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="91"/>
        <source>保留现在的值</source>
        <translation>Keep current value</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="92"/>
        <source>改用另一方的值</source>
        <translation>Use the other value</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="96"/>
        <source>未设置（用U盘交换文件不需要设置）</source>
        <translation>Not set (USB sticks need no setting)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="97"/>
        <source>选择同步文件夹…</source>
        <translation>Choose sync folder…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="99"/>
        <source>不用同步文件夹</source>
        <translation>No sync folder</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="101"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="104"/>
        <source>同步文件夹：</source>
        <translation>Sync folder:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="109"/>
        <source>副本与同步文件</source>
        <translation>Replicas and sync files</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="111"/>
        <source>同步冲突（两台电脑同时改了同一处，请逐条确认）</source>
        <translation>Sync conflicts (two PCs changed the same thing; review each one)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="113"/>
        <source>确认启用新的副本身份…</source>
        <translation>Confirm a new replica identity…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="132"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="148"/>
        <source>没有打开账簿。</source>
        <translation>No book is open.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="163"/>
        <source>本机</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="165"/>
        <source>记账</source>
        <translation>posting</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="167"/>
        <source>已停用</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="171"/>
        <source>本机修改 %1 条；等待前序修改 %2 条；未处理冲突 %3 条。凭证由“记账”副本统一编号记账，其他副本制单、审核后同步过去。</source>
        <translation>%1 changes written here; %2 waiting for earlier ones; %3 open conflicts. Vouchers are numbered and posted by the posting replica; the others prepare and review them and sync them there.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="174"/>
        <source>这个账簿是拷贝或从旧备份恢复的，已停止写入：请确认启用新的副本身份。</source>
        <translation>This book is a copy or was restored from an old backup; writing is stopped until you confirm a new replica identity.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="190"/>
        <source>写到U盘 %1</source>
        <translation>Write to USB drive %1</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="191"/>
        <source>其他位置…</source>
        <translation>Somewhere else…</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="199"/>
        <location filename="../../../app/gui/pages/sync.py" line="216"/>
        <source>同步文件 (*.jlsync)</source>
        <translation>Sync files (*.jlsync)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="209"/>
        <source>已写出 %1 条修改到 %2，并已读回校验，可以拔出U盘。</source>
        <translation>Wrote %1 changes to %2 and read them back; the stick can be removed.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="222"/>
        <source>检查同步文件</source>
        <translation>Checking the sync file</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="225"/>
        <source>来自“%1”的同步文件：新修改 %2 条（已有 %3 条），等待前序修改 %4 条，将产生新冲突 %5 条。</source>
        <translation>Sync file from “%1”: %2 new changes (%3 already here), %4 waiting for earlier ones, %5 new conflicts.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="229"/>
        <source>读入前会先自动备份账簿。要读入吗？</source>
        <translation>The book is backed up first. Read it in?</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="246"/>
        <source>为种子文件设置口令（新电脑加入时输入）：</source>
        <translation>Passphrase for the seed file (typed on the new PC when it joins):</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="250"/>
        <source>种子文件 (*.jlseed)</source>
        <translation>Seed files (*.jlseed)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="257"/>
        <source>大家认得的名称，例如“东岭村会计室”：</source>
        <translation>A name people recognise, e.g. “东岭村会计室”:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="266"/>
        <source>停用副本“%1”？之后它写的同步文件会被拒绝。</source>
        <translation>Retire the replica “%1”? Sync files it writes will be refused from now on.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="272"/>
        <source>启用新的副本身份</source>
        <translation>New replica identity</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="272"/>
        <source>这个副本的新名称：</source>
        <translation>New name of this replica:</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="286"/>
        <source>选择同步文件夹（局域网共享或网盘同步的文件夹）</source>
        <translation>Choose the sync folder (a LAN share or a cloud-drive folder)</translation>
    </message>
    <message>
        <location filename="../../../app/gui/pages/sync.py" line="313"/>
        <source>同步文件夹</source>
        <translation>Sync folder</translation>
    </message>
</context>
</TS>
