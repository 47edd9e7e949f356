<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArticleHtml</name>
    <message>
        <location filename="../../app/gui/article_html.py" line="104" />
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <location filename="../../app/gui/article_html.py" line="110" />
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location filename="../../app/gui/article_html.py" line="148" />
        <source>Note</source>
        <translation>笔记</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/bulk_edit_dialog.py" line="102" />
        <source>Edit %n article(s)</source>
        <translation>
            <numerusform>编辑 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="105" />
        <source>Leave as it is</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="106" />
        <source>Set to</source>
        <translation>设为</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="107" />
        <source>Unknown (clear it)</source>
        <translation>不详（清除）</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="113" />
        <source>2023, 2023-10 or 2023-10-17</source>
        <translation>2023、2023-10 或 2023-10-17</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="129" />
        <source>The same correction is applied to every selected article in one step; Edit → Undo takes it back.</source>
        <translation>同一修改一次应用到所有选中的文章；“编辑 → 撤销”可以撤回。</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="139" />
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="140" />
        <source>Take the articles as they are now saved (with the other person's changes), then save again</source>
        <translation>载入文章现在保存的内容（包括他人的修改），然后再保存</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="150" />
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="151" />
        <source>Add company:</source>
        <translation>添加公司：</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="152" />
        <source>Remove company:</source>
        <translation>移除公司：</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="153" />
        <source>Add topic:</source>
        <translation>添加主题：</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="154" />
        <source>Remove topic:</source>
        <translation>移除主题：</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="163" />
        <source>Any of its names…</source>
        <translation>任一名称…</translation>
    </message>
    <message>
        <location filename="../../app/gui/bulk_edit_dialog.py" line="193" />
        <source>Type a date like 2023, 2023-10 or 2023-10-17, or choose “Unknown”.</source>
        <translation>请输入 2023、2023-10 或 2023-10-17 这样的日期，或选择“不详”。</translation>
    </message>
</context>
<context>
    <name>BulkEdits</name>
    <message numerus="yes">
        <location filename="../../app/gui/bulk_edit_dialog.py" line="86" />
        <source>edit of %n article(s)</source>
        <translation>
            <numerusform>修改 %n 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../app/gui/chips.py" line="97" />
        <source>Remove this filter</source>
        <translation>移除此筛选</translation>
    </message>
</context>
<context>
    <name>ChipBar</name>
    <message>
        <location filename="../../app/gui/chips.py" line="119" />
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="65" />
        <source>Compare %n article(s)</source>
        <translation>
            <numerusform>对比 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_view.py" line="68" />
        <source>Synchronised scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="78" />
        <source>Showing the first %n articles of the selection.</source>
        <translation>
            <numerusform>只显示所选文章中的前 %n 篇。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_view.py" line="152" />
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_view.py" line="159" />
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_view.py" line="174" />
        <source>query terms</source>
        <translation>查询词</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="176" />
        <source>shared companies (%n)</source>
        <translation>
            <numerusform>共同提及的公司（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_view.py" line="82" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_view.py" line="83" />
        <source>Close the comparison (Esc, Ctrl+W)</source>
        <translation>关闭对比（Esc、Ctrl+W）</translation>
    </message>
</context>
<context>
    <name>DateEvidence</name>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="41" />
        <source>%1: “%2”</source>
        <translation>%1：“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="12" />
        <source>From the dateline</source>
        <translation>取自日期行</translation>
    </message>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="14" />
        <source>From a date on the title page or at the top</source>
        <translation>取自标题页或开头的日期</translation>
    </message>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="16" />
        <source>Inferred from the dates of reported events</source>
        <translation>由报道事件的日期推断</translation>
    </message>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="18" />
        <source>Inferred: the text reports a whole finished year</source>
        <translation>推断：正文报道了已结束的整年</translation>
    </message>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="20" />
        <source>Entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <location filename="../../app/gui/date_evidence.py" line="22" />
        <source>From the file's metadata</source>
        <translation>取自文件元数据</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="53" />
        <source>Edit metadata</source>
        <translation>编辑元数据</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="58" />
        <source>2023, 2023-10 or 2023-10-17; empty if unknown</source>
        <translation>2023、2023-10 或 2023-10-17；不详请留空</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="70" />
        <source>Add a company (any of its names)…</source>
        <translation>添加公司（任一名称均可）…</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="76" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="77" />
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="105" />
        <source>Your corrections are kept when the article is imported again or the index is rebuilt.</source>
        <translation>您的更正在重新导入文章或重建索引后依然保留。</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="112" />
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="113" />
        <source>Show the article as it is now saved (your changes here are discarded)</source>
        <translation>显示文章现在保存的内容（这里的修改将被放弃）</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="127" />
        <source>Another name of the selected company…</source>
        <translation>所选公司的另一个名称…</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="128" />
        <source>Add alias</source>
        <translation>添加别名</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="148" />
        <source>Headline:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="149" />
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="150" />
        <source>Companies:</source>
        <translation>公司：</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="151" />
        <source>Topics:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="188" />
        <source>Select the company the alias belongs to.</source>
        <translation>请先选择这个别名所属的公司。</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="198" />
        <source>“%1” is now also a name of %2; new imports use it, a reindex applies it to the archive.</source>
        <translation>“%1”现在也是%2的名称；新导入的文章会使用它，重建索引后应用到整个档案。</translation>
    </message>
    <message>
        <location filename="../../app/gui/edit_dialog.py" line="289" />
        <source>The article is no longer in the archive.</source>
        <translation>这篇文章已不在档案库中。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="54" />
        <source>Export articles</source>
        <translation>导出文章</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/export_dialog.py" line="58" />
        <source>Export %n article(s)</source>
        <translation>
            <numerusform>导出 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="64" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="65" />
        <source>Table of contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="67" />
        <source>Citation under each article (GB/T 7714)</source>
        <translation>每篇文章后附引文（GB/T 7714）</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="69" />
        <source>One file per article (into a folder)</source>
        <translation>每篇文章一个文件（存入文件夹）</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="70" />
        <source>Include the full text</source>
        <translation>包含全文</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="76" />
        <source>Files in the bundle:</source>
        <translation>压缩包中的文件格式：</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="83" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="112" />
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="113" />
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="114" />
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="153" />
        <location filename="../../app/gui/export_dialog.py" line="158" />
        <source>articles %1</source>
        <translation>文章 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="195" />
        <source>Export into folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="199" />
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="222" />
        <source>Choose where to save the export.</source>
        <translation>请选择导出的保存位置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="232" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="244" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="250" />
        <source>Exporting %1</source>
        <translation>正在导出 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="310" />
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="89" />
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/export_dialog.py" line="258" />
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 个文件到 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/export_dialog.py" line="267" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="295" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="295" />
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="296" />
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="305" />
        <source>OCR</source>
        <translation>OCR 识别</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="306" />
        <source>Needs review</source>
        <translation>需要复核</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="307" />
        <source>Unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="296" />
        <source>Collections</source>
        <translation>收藏集</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="297" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>FacetSection</name>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="213" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="231" />
        <source>Filter companies…</source>
        <translation>筛选公司…</translation>
    </message>
    <message>
        <location filename="../../app/gui/facet_panel.py" line="236" />
        <source>None in these results. Untick a value or clear the filters to see more.</source>
        <translation>当前结果中没有。取消勾选某项或清除筛选以查看更多。</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../app/gui/help_popover.py" line="24" />
        <source>articles containing it anywhere, like Ctrl+F over the archive</source>
        <translation>正文任意位置含有该词的文章，如同在整个档案中按 Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="26" />
        <source>also the simplified form: traditional, width and case are folded</source>
        <translation>也能找到简体写法：繁简、全半角和大小写视为相同</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="28" />
        <source>both words (AND is implied)</source>
        <translation>同时含有两个词（默认为 AND）</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="29" />
        <source>the exact phrase</source>
        <translation>完整短语</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="30" />
        <source>either word</source>
        <translation>含有任一词</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="31" />
        <source>without a word (also NOT)</source>
        <translation>不含某词（也可用 NOT）</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="32" />
        <source>grouping</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="33" />
        <source>in the headline; also author:, company:, topic:</source>
        <translation>限定标题；另有 author:、company:、topic:</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="35" />
        <source>a company by any of its names</source>
        <translation>按公司的任一名称查找</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="36" />
        <source>a range of years; year:unknown for undated articles</source>
        <translation>年份范围；year:unknown 查找日期不详的文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="38" />
        <source>words beginning with volks</source>
        <translation>以 volks 开头的词</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="46" />
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="47" />
        <source>search now (in the search box); read the article, or compare the selected articles (in the list)</source>
        <translation>立即搜索（在搜索框中）；阅读文章，或对比选中的文章（在结果列表中）</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="50" />
        <source>move in the results (from the search box too)</source>
        <translation>在结果中移动（在搜索框中也可以）</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="52" />
        <source>select several articles</source>
        <translation>选择多篇文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="54" />
        <source>compare the selected articles side by side</source>
        <translation>并排对比选中的文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="56" />
        <source>export the selection (or the article being read)</source>
        <translation>导出所选文章（或正在阅读的文章）</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="58" />
        <source>import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="59" />
        <source>edit the article's metadata</source>
        <translation>编辑文章的元数据</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="64" />
        <source>more like this</source>
        <translation>相似文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="65" />
        <source>copy the citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="66" />
        <source>open the original file</source>
        <translation>打开原始文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="67" />
        <source>next / previous match in the article</source>
        <translation>文中的下一处 / 上一处匹配</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="69" />
        <source>clear the search box</source>
        <translation>清空搜索框</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="70" />
        <source>this help</source>
        <translation>本帮助</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="60" />
        <source>move the selected articles to the trash (Edit ▸ Trash… restores them)</source>
        <translation>把所选文章移到回收站（编辑 ▸ 回收站… 可恢复）</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="62" />
        <source>right after an import: undo it (its articles go to the trash)</source>
        <translation>刚导入之后：撤销这次导入（其文章移到回收站）</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../app/gui/help_popover.py" line="133" />
        <source>News Archive help</source>
        <translation>新闻档案馆帮助</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="136" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="137" />
        <source>Query syntax</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="139" />
        <source>An empty search lists the whole archive, newest first. Tick years, companies and topics on the left, or click a bar of the timeline, to narrow it. Drop files or folders on the window to import them.</source>
        <translation>不输入查询词时列出整个档案，最新的在前。勾选左侧的年份、公司和主题，或点击时间轴上的柱条，即可缩小范围。把文件或文件夹拖到窗口上即可导入。</translation>
    </message>
</context>
<context>
    <name>HelpPopover</name>
    <message>
        <location filename="../../app/gui/help_popover.py" line="108" />
        <source>Query syntax</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <location filename="../../app/gui/help_popover.py" line="109" />
        <source>Click an example to try it. Facets on the left narrow any search: OR within one facet, AND across facets.</source>
        <translation>点击示例即可试用。左侧的分面可缩小任何搜索：同一分面内为 OR，不同分面之间为 AND。</translation>
    </message>
</context>
<context>
    <name>HitDelegate</name>
    <message>
        <location filename="../../app/gui/results_view.py" line="51" />
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_view.py" line="120" />
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/results_view.py" line="125" />
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n 个版本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <location filename="../../app/gui/importer.py" line="101" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/importer.py" line="117" />
        <source>Preparing the import…</source>
        <translation>正在准备导入…</translation>
    </message>
    <message>
        <location filename="../../app/gui/importer.py" line="128" />
        <source>Reading %1 of %2: %3</source>
        <translation>正在读取第 %1 个，共 %2 个：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/importer.py" line="142" />
        <source>Recognising text (OCR), page %1 of %2: %3</source>
        <translation>正在识别文字（OCR），第 %1 页，共 %2 页：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/importer.py" line="152" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../app/gui/import_report.py" line="38" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="46" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="46" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="58" />
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="72" />
        <source>%n added</source>
        <translation>
            <numerusform>新增 %n 篇</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="73" />
        <source>%n new version(s)</source>
        <translation>
            <numerusform>新版本 %n 篇</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="74" />
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>重复 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="77" />
        <source>%n failed</source>
        <translation>
            <numerusform>失败 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="91" />
        <source>The import was cancelled; the remaining files were not read. Import them again to continue.</source>
        <translation>导入已取消，其余文件未读取。再次导入即可继续。</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="95" />
        <source>Added (%1)</source>
        <translation>新增（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="97" />
        <source>article #%1</source>
        <translation>文章 #%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="99" />
        <source>New versions (%1)</source>
        <translation>新版本（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="103" />
        <source>a version of article #%1</source>
        <translation>文章 #%1 的另一版本</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="104" />
        <source>Duplicates, not added again (%1)</source>
        <translation>重复，未再次添加（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="108" />
        <source>already in the archive as #%1</source>
        <translation>档案中已有，编号 #%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="115" />
        <source>Needs review: low OCR confidence (%1)</source>
        <translation>需要复核：OCR 置信度低（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="119" />
        <source>article #%1, page %2</source>
        <translation>文章 #%1，第 %2 页</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="121" />
        <source>Failed (%1)</source>
        <translation>失败（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="110" />
        <source>Imported with warnings (%1)</source>
        <translation>已导入，有警告（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/import_report.py" line="107" />
        <source>in the trash as #%1: restore it from the Trash</source>
        <translation>在回收站中，编号 #%1：可从回收站恢复</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="75" />
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KwicModel</name>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="46" />
        <source>Left context</source>
        <translation>左侧上下文</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="46" />
        <source>Hit</source>
        <translation>命中</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="46" />
        <source>Right context</source>
        <translation>右侧上下文</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="47" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="47" />
        <source>Article</source>
        <translation>文章</translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="110" />
        <source>Keyword in context: %1</source>
        <translation>关键词上下文：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="133" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="151" />
        <source>%1 occurrences (stopped at %2: there are more; narrow the search)</source>
        <translation>%1 处（在 %2 处停止：还有更多，请缩小搜索范围）</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="154" />
        <source>%1 occurrences in %2 articles</source>
        <translation>%2 篇文章中共 %1 处</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="157" />
        <source>%1 occurrences so far, in %2 of %3 articles (scroll for more)</source>
        <translation>目前 %1 处，已读 %3 篇中的 %2 篇（向下滚动查看更多）</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="161" />
        <source>reading every occurrence to sort…</source>
        <translation>正在读取全部出现位置以排序…</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="213" />
        <source>Export concordance</source>
        <translation>导出关键词上下文</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="214" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="237" />
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/kwic_view.py" line="240" />
        <source>Exported %1 rows to %2</source>
        <translation>已将 %1 行导出到 %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.py" line="98" />
        <source>News Archive</source>
        <translation>新闻档案馆</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="108" />
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="112" />
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="113" />
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="119" />
        <location filename="../../app/gui/main_window.py" line="514" />
        <source>Sort the results</source>
        <translation>结果排序方式</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="148" />
        <source>Drop files or folders to import them</source>
        <translation>拖放文件或文件夹即可导入</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="173" />
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="175" />
        <source>Import files (also: drop them on the window)</source>
        <translation>导入文件（也可以把文件拖到窗口上）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="176" />
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="178" />
        <source>Import every article in a folder</source>
        <translation>导入文件夹中的全部文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="179" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="180" />
        <source>Export the selected articles</source>
        <translation>导出选中的文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="181" />
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="183" />
        <source>Compare the selected articles side by side</source>
        <translation>并排对比选中的文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="184" />
        <source>More like this</source>
        <translation>相似文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="186" />
        <source>Articles most like the one you are reading</source>
        <translation>与正在阅读的文章最相似的文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="187" />
        <source>Edit metadata…</source>
        <translation>编辑元数据…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="188" />
        <source>Correct the headline, date, companies and topics</source>
        <translation>更正标题、日期、公司和主题</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="198" />
        <source>Open original</source>
        <translation>打开原始文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="200" />
        <source>Open the file the article was imported from</source>
        <translation>打开导入这篇文章的原始文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="201" />
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="203" />
        <source>Copy a citation of the article to the clipboard</source>
        <translation>把这篇文章的引文复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="218" />
        <source>Next match</source>
        <translation>下一处匹配</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="220" />
        <source>Previous match</source>
        <translation>上一处匹配</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="222" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="224" />
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="226" />
        <source>Query syntax</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="229" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="230" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="231" />
        <source>Sort by relevance</source>
        <translation>按相关度排序</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="233" />
        <source>Sort by date</source>
        <translation>按日期排序</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="244" />
        <source>Page view</source>
        <translation>页面视图</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="245" />
        <source>Show the scanned page beside text made by OCR</source>
        <translation>在 OCR 识别的文字旁显示扫描页面</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="248" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="253" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="260" />
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="266" />
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="271" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="274" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="458" />
        <source>No articles match.</source>
        <translation>没有匹配的文章。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="473" />
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="475" />
        <source>Did you mean: %1</source>
        <translation>您是不是要找：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="477" />
        <source>No exact match for %1; showing %2</source>
        <translation>没有与“%1”完全匹配的结果；显示“%2”的结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="484" />
        <source>Query problem: %1</source>
        <translation>查询有误：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="515" />
        <source>Without a query the archive is listed newest first</source>
        <translation>不输入查询词时，档案按最新在前排列</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="532" />
        <source>Like: %1</source>
        <translation>相似：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="533" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="533" />
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="534" />
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="538" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="634" />
        <source>Select two or more articles (Ctrl+click, Shift+click) to compare.</source>
        <translation>请选择两篇或更多文章（Ctrl+单击、Shift+单击）再对比。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="656" />
        <source>Finding articles like this one…</source>
        <translation>正在查找相似文章…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="668" />
        <source>%n similar article(s)</source>
        <translation>
            <numerusform>%n 篇相似文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="695" />
        <source>Saved your corrections to “%1”.</source>
        <translation>已保存对“%1”的更正。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="747" />
        <source>the original file is missing from the archive</source>
        <translation>档案中缺少原始文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="751" />
        <source>No program to open %1</source>
        <translation>没有可以打开 %1 的程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="755" />
        <source>Could not open the original: %1</source>
        <translation>无法打开原始文件：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="764" />
        <source>Copied: %1</source>
        <translation>已复制：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="865" />
        <source>Import articles</source>
        <translation>导入文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="866" />
        <source>Articles (*.txt *.md *.html *.htm *.docx *.pdf *.epub *.eml *.zip);;All files (*)</source>
        <translation>文章 (*.txt *.md *.html *.htm *.docx *.pdf *.epub *.eml *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="872" />
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="882" />
        <source>An import is already running.</source>
        <translation>已有导入正在进行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="913" />
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="940" />
        <source>%n article(s) in the archive</source>
        <translation>
            <numerusform>档案中共 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="204" />
        <source>Move to trash…</source>
        <translation>移到回收站…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="206" />
        <source>Move the selected articles to the trash</source>
        <translation>把所选文章移到回收站</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="207" />
        <source>Trash…</source>
        <translation>回收站…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="208" />
        <source>Deleted articles: restore them or empty the trash</source>
        <translation>已删除的文章：恢复它们或清空回收站</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="211" />
        <source>Undo last import</source>
        <translation>撤销上次导入</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="212" />
        <source>Move the articles the last import added to the trash</source>
        <translation>把上次导入添加的文章移到回收站</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="195" />
        <location filename="../../app/gui/main_window.py" line="214" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="196" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="721" />
        <source>Corrected %n article(s).</source>
        <translation>
            <numerusform>已修改 %n 篇文章。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="235" />
        <source>Keyword in context…</source>
        <translation>关键词上下文…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="237" />
        <source>Every occurrence of the query in the results</source>
        <translation>查询词在结果中的每一处出现</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="238" />
        <source>Term trends…</source>
        <translation>词语趋势…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="240" />
        <source>How often terms occur per year or month</source>
        <translation>词语每年或每月出现的频率</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="816" />
        <source>Type a query to see it in context.</source>
        <translation>请输入查询词以查看其上下文。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="849" />
        <source>Filters: %1</source>
        <translation>筛选：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="190" />
        <source>Organise…</source>
        <translation>整理…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="191" />
        <source>Tags and collections of the selected articles; the note of this one</source>
        <translation>所选文章的标签和收藏集；本篇的笔记</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="193" />
        <source>Save search…</source>
        <translation>保存搜索…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="194" />
        <source>Keep this query with its filters and sort in the sidebar</source>
        <translation>把此查询连同筛选和排序保存在侧栏</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="534" />
        <source>Collection</source>
        <translation>收藏集</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="535" />
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="801" />
        <source>Organised %n article(s).</source>
        <translation>
            <numerusform>已整理 %n 篇文章。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="114" />
        <source>Oldest first</source>
        <translation>最早的在前</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="115" />
        <source>Title A–Z</source>
        <translation>标题 A–Z</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="115" />
        <source>Title Z–A</source>
        <translation>标题 Z–A</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="116" />
        <source>Latest added</source>
        <translation>最近导入的在前</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="117" />
        <source>First added</source>
        <translation>最早导入的在前</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="241" />
        <source>Table view</source>
        <translation>表格视图</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="242" />
        <source>Show the results as a sortable table</source>
        <translation>以可排序的表格显示结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="455" />
        <location filename="../../app/gui/main_window.py" line="456" />
        <source>Importing sample articles…</source>
        <translation>正在导入示例文章…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="905" />
        <source>%n added</source>
        <translation>
            <numerusform>新增 %n 篇</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="906" />
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>%n 篇重复</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.py" line="906" />
        <source>no duplicates</source>
        <translation>无重复</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="908" />
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrganiseDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/organise_dialog.py" line="47" />
        <source>Organise %n article(s)</source>
        <translation>
            <numerusform>整理 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="51" />
        <source>New tags, separated by commas</source>
        <translation>新标签，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="56" />
        <source>Collections, separated by commas (Parent/Child nests)</source>
        <translation>收藏集，用逗号分隔（“上级/下级”表示嵌套）</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="63" />
        <source>A note on this article (plain text or Markdown; searchable)</source>
        <translation>关于本文的笔记（纯文本或 Markdown；可搜索）</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="66" />
        <source>Note on “%1”</source>
        <translation>“%1”的笔记</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="67" />
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="75" />
        <source>Add tags:</source>
        <translation>添加标签：</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="76" />
        <source>Tags (untick to remove):</source>
        <translation>标签（取消勾选即移除）：</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="77" />
        <source>Add to collections:</source>
        <translation>加入收藏集：</translation>
    </message>
    <message>
        <location filename="../../app/gui/organise_dialog.py" line="78" />
        <source>Collections (untick to remove):</source>
        <translation>收藏集（取消勾选即移除）：</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../../app/gui/page_canvas.py" line="63" />
        <source>Page image</source>
        <translation>页面图像</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_canvas.py" line="253" />
        <source>Search hits are boxed. Within a line, a hit's place is estimated from its characters' positions in the line.</source>
        <translation>搜索命中以方框标出。一行之内，命中的位置是按字符在该行中的位置估算的。</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_canvas.py" line="259" />
        <source>recognised with %1 % confidence</source>
        <translation>识别置信度 %1%</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../app/gui/page_view.py" line="37" />
        <source>the page image could not be read</source>
        <translation>无法读取页面图像</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="72" />
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="74" />
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="78" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="80" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="82" />
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="108" />
        <source>The page this text was recognised from. Search hits are boxed; within a line, a hit's place is estimated from its characters' positions in the line.</source>
        <translation>识别出这段文字的页面。搜索命中以方框标出；一行之内，命中的位置是按字符在该行中的位置估算的。</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="157" />
        <location filename="../../app/gui/page_view.py" line="216" />
        <source>Loading the page…</source>
        <translation>正在载入页面…</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="235" />
        <source>The page image could not be shown: %1</source>
        <translation>无法显示页面图像：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="348" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="350" />
        <source>Page %1 (%2 of %3 read by OCR)</source>
        <translation>第 %1 页（OCR 识别了 %3 页中的第 %2 页）</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="355" />
        <source>Needs review · %1 %</source>
        <translation>需要复核 · %1%</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="356" />
        <source>The text of this page was recognised with low confidence; check it against the image.</source>
        <translation>这一页的文字识别置信度较低，请对照图像核对。</translation>
    </message>
    <message>
        <location filename="../../app/gui/page_view.py" line="362" />
        <source>confidence %1 %</source>
        <translation>置信度 %1%</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/page_view.py" line="364" />
        <source>%n hit(s) boxed on this page</source>
        <translation>
            <numerusform>本页标出了 %n 处命中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageViewLink</name>
    <message>
        <location filename="../../app/gui/page_view.py" line="405" />
        <source>Go to the page view</source>
        <translation>转到页面视图</translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message>
        <location filename="../../app/gui/reader_view.py" line="271" />
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/reader_view.py" line="274" />
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../app/gui/reader_view.py" line="75" />
        <source>Select an article to read it here.</source>
        <translation>选择一篇文章，即可在此阅读。</translation>
    </message>
</context>
<context>
    <name>SavedPanel</name>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="44" />
        <source>Saved searches</source>
        <translation>已保存的搜索</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="72" />
        <source>(every article)</source>
        <translation>（全部文章）</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="97" />
        <source>Remove saved search</source>
        <translation>删除已保存的搜索</translation>
    </message>
</context>
<context>
    <name>SavedSearchesUi</name>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="154" />
        <source>Save search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="155" />
        <source>Name of this search:</source>
        <translation>此搜索的名称：</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="166" />
        <source>Could not save the search: %1</source>
        <translation>无法保存搜索：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/saved_panel.py" line="169" />
        <source>Saved the search as “%1”.</source>
        <translation>已将搜索保存为“%1”。</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../app/gui/search_bar.py" line="51" />
        <source>Search: words, "phrases", OR, -word, company:一汽, year:2021..2023</source>
        <translation>搜索：词语、"短语"、OR、-排除词、company:一汽、year:2021..2023</translation>
    </message>
    <message>
        <location filename="../../app/gui/search_bar.py" line="58" />
        <source>Recent searches</source>
        <translation>最近的搜索</translation>
    </message>
    <message>
        <location filename="../../app/gui/search_bar.py" line="63" />
        <source>Query syntax</source>
        <translation>查询语法</translation>
    </message>
    <message>
        <location filename="../../app/gui/search_bar.py" line="138" />
        <source>Clear recent searches</source>
        <translation>清除最近的搜索</translation>
    </message>
    <message>
        <location filename="../../app/gui/search_bar.py" line="140" />
        <source>No recent searches</source>
        <translation>没有最近的搜索</translation>
    </message>
</context>
<context>
    <name>TableMode</name>
    <message>
        <location filename="../../app/gui/results_table.py" line="57" />
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_table.py" line="57" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_table.py" line="58" />
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_table.py" line="58" />
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_table.py" line="59" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_table.py" line="59" />
        <source>Date added</source>
        <translation>导入日期</translation>
    </message>
    <message>
        <location filename="../../app/gui/results_table.py" line="60" />
        <source>Collections</source>
        <translation>收藏集</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../app/gui/timeline.py" line="130" />
        <source>No articles to chart</source>
        <translation>没有可绘制的文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline.py" line="205" />
        <source>Unknown year</source>
        <translation>年份不详</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/timeline.py" line="206" />
        <source>%1: %n article(s)</source>
        <translation>
            <numerusform>%1：%n 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../app/gui/trash_view.py" line="183" />
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="190" />
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="190" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="190" />
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="191" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="201" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="202" />
        <source>Bring the selected articles back</source>
        <translation>恢复所选文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="203" />
        <source>Empty trash…</source>
        <translation>清空回收站…</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="204" />
        <source>Remove every article in the trash for good</source>
        <translation>永久删除回收站中的所有文章</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="236" />
        <source>(a version of #%1)</source>
        <translation>（#%1 的另一版本）</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="238" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="243" />
        <source>%n article(s) in the trash. Restore brings them back as they were; emptying the trash removes them for good.</source>
        <translation>
            <numerusform>回收站中有 %n 篇文章。恢复后与删除前完全一样；清空回收站将永久删除它们。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="246" />
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="251" />
        <source>Could not read the trash: %1</source>
        <translation>无法读取回收站：%1</translation>
    </message>
</context>
<context>
    <name>TrashUi</name>
    <message>
        <location filename="../../app/gui/trash_view.py" line="85" />
        <location filename="../../app/gui/trash_view.py" line="89" />
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="86" />
        <source>Move %n article(s) to the trash?</source>
        <translation>
            <numerusform>把 %n 篇文章移到回收站？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="87" />
        <source>They leave the search results. You can restore them from the Trash until you empty it; their original files are kept until then.</source>
        <translation>它们将不再出现在搜索结果中。清空回收站之前可随时恢复，原始文件也会保留到那时。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="97" />
        <source>Moved %n article(s) to the trash.</source>
        <translation>
            <numerusform>已把 %n 篇文章移到回收站。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="117" />
        <source>There is no import to undo.</source>
        <translation>没有可撤销的导入。</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="121" />
        <source>Undo last import</source>
        <translation>撤销上次导入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="122" />
        <source>Move the %n article(s) added by the import of %1 to the trash?</source>
        <translation>
            <numerusform>把 %1 导入时添加的 %n 篇文章移到回收站？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="124" />
        <source>You can restore them from the Trash until you empty it.</source>
        <translation>清空回收站之前可随时从回收站恢复。</translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="125" />
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="132" />
        <source>Undid the last import: %n article(s) moved to the trash.</source>
        <translation>
            <numerusform>已撤销上次导入：%n 篇文章已移到回收站。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="151" />
        <source>Restored %n article(s).</source>
        <translation>
            <numerusform>已恢复 %n 篇文章。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="157" />
        <location filename="../../app/gui/trash_view.py" line="161" />
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="158" />
        <source>Remove the %n article(s) in the trash for good?</source>
        <translation>
            <numerusform>永久删除回收站中的 %n 篇文章？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/trash_view.py" line="159" />
        <source>This cannot be undone. Their original files are deleted too, unless another article still uses them.</source>
        <translation>此操作无法撤销。它们的原始文件也会被删除，除非还有其他文章在使用。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="169" />
        <source>Removed %n article(s) for good.</source>
        <translation>
            <numerusform>已永久删除 %n 篇文章。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="81" />
        <source>No dated articles match these terms and filters.</source>
        <translation>没有符合这些词语和筛选条件且有日期的文章。</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="161" />
        <source>%1 in %2: %3 of %4 articles (%5)</source>
        <translation>%1 在 %2：%4 篇文章中有 %3 篇（%5）</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="192" />
        <source>Term trends</source>
        <translation>词语趋势</translation>
    </message>
</context>
<context>
    <name>TrendWindow</name>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="225" />
        <source>Term trends</source>
        <translation>词语趋势</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="227" />
        <source>Terms, separated by spaces</source>
        <translation>词语，用空格分隔</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="230" />
        <source>Articles</source>
        <translation>文章数</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="230" />
        <source>Share of articles</source>
        <translation>文章占比</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="234" />
        <source>Per year</source>
        <translation>按年</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="234" />
        <source>Per month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="241" />
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="242" />
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="243" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="248" />
        <source>Terms:</source>
        <translation>词语：</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="274" />
        <source>Bad term: %1</source>
        <translation>词语有误：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="280" />
        <source>Articles with no month, not plotted: %1</source>
        <translation>没有月份、未绘出的文章：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="281" />
        <source>Articles with no year, not plotted: %1</source>
        <translation>没有年份、未绘出的文章：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="286" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="286" />
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="287" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="288" />
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="306" />
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="309" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/trend_chart.py" line="310" />
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>VersionsBar</name>
    <message>
        <location filename="../../app/gui/versions_bar.py" line="41" />
        <source>Split from group</source>
        <translation>从版本组拆出</translation>
    </message>
    <message>
        <location filename="../../app/gui/versions_bar.py" line="43" />
        <source>This article is not the same text as the others: show it on its own</source>
        <translation>这篇文章与其他版本并非同一文本：单独显示</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/versions_bar.py" line="67" />
        <source>%n version(s):</source>
        <translation>
            <numerusform>%n 个版本：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriteAccess</name>
    <message>
        <location filename="../../app/gui/write_access.py" line="24" />
        <source>You have read-only access (reader) to this archive: you can search, read, compare and export. An admin can give you editor rights.</source>
        <translation>你对这个档案库只有只读权限（读者）：可以搜索、阅读、比较和导出。管理员可以授予你编辑权限。</translation>
    </message>
    <message>
        <location filename="../../app/gui/write_access.py" line="29" />
        <source>You have no rights to change this archive. An admin can give you editor rights.</source>
        <translation>你无权修改这个档案库。管理员可以授予你编辑权限。</translation>
    </message>
    <message>
        <location filename="../../app/gui/write_access.py" line="32" />
        <source>This archive is read-only here: its folder or disk cannot be written.</source>
        <translation>这个档案库在此处只读：无法写入它的文件夹或磁盘。</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../app/gui/live_updates.py" line="53" />
        <source>The archive was changed by another program; the results are up to date.</source>
        <translation>档案库已被其他程序修改，结果已更新。</translation>
    </message>
</context>
</TS>