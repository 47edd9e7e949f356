<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/bulk_edit_dialog.py" line="102"/>
        <source>Edit %n article(s)</source>
        <translation>
            <numerusform>Edit %n article</numerusform>
            <numerusform>Edit %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkEdits</name>
    <message numerus="yes">
        <location filename="../../app/gui/bulk_edit_dialog.py" line="86"/>
        <source>edit of %n article(s)</source>
        <translation>
            <numerusform>edit of %n article</numerusform>
            <numerusform>edit of %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="65"/>
        <source>Compare %n article(s)</source>
        <translation>
            <numerusform>Compare %n article</numerusform>
            <numerusform>Compare %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="78"/>
        <source>Showing the first %n articles of the selection.</source>
        <translation>
            <numerusform>Showing the first %n articles of the selection.</numerusform>
            <numerusform>Showing the first %n articles of the selection.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="176"/>
        <source>shared companies (%n)</source>
        <translation>
            <numerusform>shared companies (%n)</numerusform>
            <numerusform>shared companies (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/export_dialog.py" line="258"/>
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>Exported %n file to %1</numerusform>
            <numerusform>Exported %n files to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/export_dialog.py" line="58"/>
        <source>Export %n article(s)</source>
        <translation>
            <numerusform>Export %n article</numerusform>
            <numerusform>Export %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HitDelegate</name>
    <message numerus="yes">
        <location filename="../../app/gui/results_view.py" line="125"/>
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="72"/>
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="73"/>
        <source>%n new version(s)</source>
        <translation>
            <numerusform>%n new version</numerusform>
            <numerusform>%n new versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="74"/>
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>%n duplicate</numerusform>
            <numerusform>%n duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="77"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="75"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="906"/>
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>%n duplicate</numerusform>
            <numerusform>%n duplicates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="473"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="668"/>
        <source>%n similar article(s)</source>
        <translation>
            <numerusform>%n similar article</numerusform>
            <numerusform>%n similar articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="905"/>
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="908"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="940"/>
        <source>%n article(s) in the archive</source>
        <translation>
            <numerusform>%n article in the archive</numerusform>
            <numerusform>%n articles in the archive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="721"/>
        <source>Corrected %n article(s).</source>
        <translation>
            <numerusform>Corrected %n article.</numerusform>
            <numerusform>Corrected %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="801"/>
        <source>Organised %n article(s).</source>
        <translation>
            <numerusform>Organised %n article.</numerusform>
            <numerusform>Organised %n articles.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrganiseDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/organise_dialog.py" line="47"/>
        <source>Organise %n article(s)</source>
        <translation>
            <numerusform>Organise %n article</numerusform>
            <numerusform>Organise %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message numerus="yes">
        <location filename="../../app/gui/page_view.py" line="364"/>
        <source>%n hit(s) boxed on this page</source>
        <translation>
            <numerusform>%n hit boxed on this page</numerusform>
            <numerusform>%n hits boxed on this page</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message numerus="yes">
        <location filename="../../app/gui/reader_view.py" line="274"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message numerus="yes">
        <location filename="../../app/gui/timeline.py" line="206"/>
        <source>%1: %n article(s)</source>
        <translation>
            <numerusform>%1: %n article</numerusform>
            <numerusform>%1: %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="243"/>
        <source>%n article(s) in the trash. Restore brings them back as they were; emptying the trash removes them for good.</source>
        <translation>
            <numerusform>%n article in the trash. Restore brings it back as it was; emptying the trash removes it for good.</numerusform>
            <numerusform>%n articles in the trash. Restore brings them back as they were; emptying the trash removes them for good.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashUi</name>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="86"/>
        <source>Move %n article(s) to the trash?</source>
        <translation>
            <numerusform>Move %n article to the trash?</numerusform>
            <numerusform>Move %n articles to the trash?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="97"/>
        <source>Moved %n article(s) to the trash.</source>
        <translation>
            <numerusform>Moved %n article to the trash.</numerusform>
            <numerusform>Moved %n articles to the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="122"/>
        <source>Move the %n article(s) added by the import of %1 to the trash?</source>
        <translation>
            <numerusform>Move the %n article added by the import of %1 to the trash?</numerusform>
            <numerusform>Move the %n articles added by the import of %1 to the trash?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="132"/>
        <source>Undid the last import: %n article(s) moved to the trash.</source>
        <translation>
            <numerusform>Undid the last import: %n article moved to the trash.</numerusform>
            <numerusform>Undid the last import: %n articles moved to the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="151"/>
        <source>Restored %n article(s).</source>
        <translation>
            <numerusform>Restored %n article.</numerusform>
            <numerusform>Restored %n articles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="158"/>
        <source>Remove the %n article(s) in the trash for good?</source>
        <translation>
            <numerusform>Remove the %n article in the trash for good?</numerusform>
            <numerusform>Remove the %n articles in the trash for good?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/trash_view.py" line="169"/>
        <source>Removed %n article(s) for good.</source>
        <translation>
            <numerusform>Removed %n article for good.</numerusform>
            <numerusform>Removed %n articles for good.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionsBar</name>
    <message numerus="yes">
        <location filename="../../app/gui/versions_bar.py" line="67"/>
        <source>%n version(s):</source>
        <translation>
            <numerusform>%n version:</numerusform>
            <numerusform>%n versions:</numerusform>
        </translation>
    </message>
</context>
</TS>
