<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../../app/gui/history.py" line="31"/>
        <source>修改记录 — {0}</source>
        <translation>History — {0}</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="34"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="34"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="34"/>
        <source>电脑</source>
        <translation>PC</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="34"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="34"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="34"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="40"/>
        <source>共 {0} 条记录</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="42"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="51"/>
        <source>新增{0}</source>
        <translation>Added {0}</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="51"/>
        <source>修改{0}</source>
        <translation>Changed {0}</translation>
    </message>
    <message>
        <location filename="../../../app/gui/history.py" line="51"/>
        <source>删除{0}</source>
        <translation>Deleted {0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../../app/gui/login.py" line="36"/>
        <location filename="../../../app/gui/login.py" line="51"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../../app/gui/login.py" line="47"/>
        <source>账簿“{0}”设有用户，请登录。</source>
        <translation>The book “{0}” has users; please log in.</translation>
    </message>
    <message>
        <location filename="../../../app/gui/login.py" line="48"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../../app/gui/login.py" line="49"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../../app/gui/login.py" line="52"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../../app/gui/login.py" line="84"/>
        <source>账簿检查发现问题</source>
        <translation>The book failed its check</translation>
    </message>
        <message>
            <source>切换用户</source>
            <translation>Switch user</translation>
        </message>
</context>
</TS>
