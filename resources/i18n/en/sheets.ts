<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name>FilePage</name>
        <message>
            <source>选择文件</source>
            <translation>Choose the file</translation>
        </message>
        <message>
            <source>可导入 .xlsx、.xls 或 .csv 文件；标题行、合计行会自动识别。</source>
            <translation>Import a .xlsx, .xls or .csv file; title rows and totals rows are recognized.</translation>
        </message>
        <message>
            <source>浏览…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>文件</source>
            <translation>File</translation>
        </message>
        <message>
            <source>工作表</source>
            <translation>Sheet</translation>
        </message>
        <message>
            <source>持股生效日期</source>
            <translation>Holdings take effect on</translation>
        </message>
        <message>
            <source>选择要导入的文件</source>
            <translation>Choose the file to import</translation>
        </message>
        <message>
            <source>表格文件</source>
            <translation>Spreadsheets</translation>
        </message>
        <message>
            <source>导入</source>
            <translation>Import</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>导入%1</source>
            <translation>Import %1</translation>
        </message>
        <message>
            <source>导入</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>保存被拒绝的行</source>
            <translation>Save the rejected rows</translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message>
            <source>核对列的对应关系</source>
            <translation>Check the columns</translation>
        </message>
        <message>
            <source>程序按表头猜出了每一列的含义；不对的请改正。“不导入”的列会被忽略。这个对应关系会保存，明年同样格式的表格可一步导入。</source>
            <translation>Each column was guessed from its header; correct any that are wrong. Columns set to “not imported” are ignored. The mapping is saved, so next year’s sheet of the same layout imports in one step.</translation>
        </message>
        <message>
            <source>表格中的列</source>
            <translation>Column in the sheet</translation>
        </message>
        <message>
            <source>示例</source>
            <translation>Examples</translation>
        </message>
        <message>
            <source>导入为</source>
            <translation>Imported as</translation>
        </message>
        <message>
            <source>表头在第 %1 行。</source>
            <translation>The header is on row %1.</translation>
        </message>
        <message>
            <source>没有找到表头行，请确认选对了工作表。</source>
            <translation>No header row found; check that this is the right sheet.</translation>
        </message>
        <message>
            <source>（不导入）</source>
            <translation>(not imported)</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>预览</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>还没有写入账簿。有问题的单元格标为红色，鼠标停在上面可看原因。</source>
            <translation>Nothing has been written yet. Cells with problems are red; hover over one for the reason.</translation>
        </message>
        <message>
            <source>只导入有效的行（被拒绝的行另存为表格，改正后可再导入）</source>
            <translation>Import only the valid rows (the rejected rows are saved as a workbook to fix and import again)</translation>
        </message>
        <message>
            <source>导入</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>检查表格</source>
            <translation>Checking the sheet</translation>
        </message>
        <message>
            <source>检查未完成。</source>
            <translation>The check did not finish.</translation>
        </message>
        <message>
            <source>新增 %1 行，修改 %2 行，不变 %3 行，拒绝 %4 行。</source>
            <translation>New: %1, changed: %2, unchanged: %3, rejected: %4 rows.</translation>
        </message>
        <message>
            <source>将新建：</source>
            <translation>To be created: </translation>
        </message>
        <message>
            <source>不导入的列：</source>
            <translation>Columns not imported: </translation>
        </message>
        <message>
            <source>行号</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>结果</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>新增</source>
            <translation>new</translation>
        </message>
        <message>
            <source>修改</source>
            <translation>changed</translation>
        </message>
        <message>
            <source>不变</source>
            <translation>unchanged</translation>
        </message>
        <message>
            <source>拒绝</source>
            <translation>rejected</translation>
        </message>
    </context>
    <context>
        <name>SheetButtons</name>
        <message>
            <source>从表格导入…</source>
            <translation>Import from a sheet…</translation>
        </message>
        <message>
            <source>导入模板…</source>
            <translation>Import template…</translation>
        </message>
        <message>
            <source>%1导入模板</source>
            <translation>%1 import template</translation>
        </message>
        <message>
            <source>保存导入模板</source>
            <translation>Save the import template</translation>
        </message>
    </context>
</TS>
