<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CsvFiles</name>
    <message numerus="yes">
        <source>Exported %Ln book(s) to {name}</source>
        <translation>
            <numerusform>Exported %Ln book to {name}</numerusform>
            <numerusform>Exported %Ln books to {name}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message numerus="yes">
        <source>{rows} rows read, %Ln book(s) imported</source>
        <translation>
            <numerusform>{rows} rows read, %Ln book imported</numerusform>
            <numerusform>{rows} rows read, %Ln books imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message numerus="yes">
        <source>%Ln imported, {skipped} skipped (already registered), {failed} failed (invalid)</source>
        <translation>
            <numerusform>%Ln imported, {skipped} skipped (already registered), {failed} failed (invalid)</numerusform>
            <numerusform>%Ln imported, {skipped} skipped (already registered), {failed} failed (invalid)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; cancelled: the %Ln book(s) of committed batches are kept</source>
        <translation>
            <numerusform>; cancelled: the %Ln book of committed batches is kept</numerusform>
            <numerusform>; cancelled: the %Ln books of committed batches are kept</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListActions</name>
    <message numerus="yes">
        <source>Delete %Ln book(s)?</source>
        <translation>
            <numerusform>Delete %Ln book?</numerusform>
            <numerusform>Delete %Ln books?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> Its %n review(s) will be deleted too.</source>
        <translation>
            <numerusform> Its %n review will be deleted too.</numerusform>
            <numerusform> Its %n reviews will be deleted too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> Their %n review(s) will be deleted too.</source>
        <translation>
            <numerusform> Their %n review will be deleted too.</numerusform>
            <numerusform> Their %n reviews will be deleted too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln book(s) — Ctrl+Z to undo</source>
        <translation>
            <numerusform>Deleted %Ln book — Ctrl+Z to undo</numerusform>
            <numerusform>Deleted %Ln books — Ctrl+Z to undo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoanPanels</name>
    <message numerus="yes">
        <source>Exported %n loan reminder(s) to {name}</source>
        <translation>
            <numerusform>Exported %n loan reminder to {name}</numerusform>
            <numerusform>Exported %n loan reminders to {name}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>{matching} of %Ln book(s)</source>
        <translation>
            <numerusform>{matching} of %Ln book</numerusform>
            <numerusform>{matching} of %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln book(s)</source>
        <translation>
            <numerusform>%Ln book</numerusform>
            <numerusform>%Ln books</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>describe</name>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln change</numerusform>
            <numerusform>%Ln changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Register %Ln book(s)</source>
        <translation>
            <numerusform>Register %Ln book</numerusform>
            <numerusform>Register %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %Ln book(s)</source>
        <translation>
            <numerusform>Restore %Ln book</numerusform>
            <numerusform>Restore %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln book(s)</source>
        <translation>
            <numerusform>Delete %Ln book</numerusform>
            <numerusform>Delete %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit %Ln book(s)</source>
        <translation>
            <numerusform>Edit %Ln book</numerusform>
            <numerusform>Edit %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the details of %Ln book(s)</source>
        <translation>
            <numerusform>Change the details of %Ln book</numerusform>
            <numerusform>Change the details of %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the tags of %Ln book(s)</source>
        <translation>
            <numerusform>Change the tags of %Ln book</numerusform>
            <numerusform>Change the tags of %Ln books</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln member(s)</source>
        <translation>
            <numerusform>Add %Ln member</numerusform>
            <numerusform>Add %Ln members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Write %Ln review(s)</source>
        <translation>
            <numerusform>Write %Ln review</numerusform>
            <numerusform>Write %Ln reviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln review(s)</source>
        <translation>
            <numerusform>Delete %Ln review</numerusform>
            <numerusform>Delete %Ln reviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln copy(s)</source>
        <translation>
            <numerusform>Add %Ln copy</numerusform>
            <numerusform>Add %Ln copies</numerusform>
        </translation>
    </message>
</context>
</TS>
