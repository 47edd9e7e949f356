<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CompareView</name>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="62" />
        <source>Compare %n article(s)</source>
        <translation>
            <numerusform>Compare %n article</numerusform><numerusform>Compare %n articles</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="75" />
        <source>Showing the first %n articles of the selection.</source>
        <translation>
            <numerusform>Showing the first %n articles of the selection.</numerusform><numerusform>Showing the first %n articles of the selection.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_view.py" line="159" />
        <source>shared companies (%n)</source>
        <translation>
            <numerusform>shared companies (%n)</numerusform><numerusform>shared companies (%n)</numerusform></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/export_dialog.py" line="55" />
        <source>Export %n article(s)</source>
        <translation>
            <numerusform>Export %n article</numerusform><numerusform>Export %n articles</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="68" />
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform><numerusform>%n added</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="69" />
        <source>%n new version(s)</source>
        <translation>
            <numerusform>%n new version</numerusform><numerusform>%n new versions</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="70" />
        <source>%n duplicate(s)</source>
        <translation>
            <numerusform>%n duplicate</numerusform><numerusform>%n duplicates</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/import_report.py" line="71" />
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform><numerusform>%n failed</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Corrected %n article(s).</source>
        <translation><numerusform>Corrected %n article.</numerusform><numerusform>Corrected %n articles.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="381" />
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform><numerusform>%n articles</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="554" />
        <source>%n similar article(s)</source>
        <translation>
            <numerusform>%n similar article</numerusform><numerusform>%n similar articles</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.py" line="697" />
        <source>%n article(s) in the archive</source>
        <translation>
            <numerusform>%n article in the archive</numerusform><numerusform>%n articles in the archive</numerusform></translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message numerus="yes">
        <location filename="../../app/gui/reader_view.py" line="186" />
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform><numerusform>%n matches</numerusform></translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message numerus="yes">
        <location filename="../../app/gui/timeline.py" line="163" />
        <source>%1: %n article(s)</source>
        <translation>
            <numerusform>%1: %n article</numerusform><numerusform>%1: %n articles</numerusform></translation>
    </message>
</context>
<context>
    <name>BulkEdits</name>
    <message numerus="yes">
        <source>edit of %n article(s)</source>
        <translation><numerusform>edit of %n article</numerusform><numerusform>edit of %n articles</numerusform></translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <source>Edit %n article(s)</source>
        <translation><numerusform>Edit %n article</numerusform><numerusform>Edit %n articles</numerusform></translation>
    </message>
</context>
</TS>