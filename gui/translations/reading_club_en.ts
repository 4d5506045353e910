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
    <message numerus="yes">
        <source> Its %n review(s) will be deleted too.</source>
        <translation>
            <numerusform> Its %n review will be deleted too.</numerusform>
            <numerusform> Its %n reviews will be deleted too.</numerusform>
        </translation>
    </message>
</context>
</TS>
