<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Fertigstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>chasm::ChatWindow</name>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Continue “%1”</source>
        <translation>„%1“ fortsetzen</translation>
    </message>
    <message>
        <source>A chat with a model of your choice. Every message is recorded in the harvest database.</source>
        <translation>Ein Chat mit einem Modell Ihrer Wahl. Jede Nachricht wird in der Sammeldatenbank aufgezeichnet.</translation>
    </message>
    <message>
        <source>Carries on “%1” (%2) with a model of your choice: its messages go to the model as context, the oldest left out if they do not fit. The new turns are recorded as a chat of their own.</source>
        <translation>Setzt „%1“ (%2) mit einem Modell Ihrer Wahl fort: Die bisherigen Nachrichten gehen als Kontext an das Modell, die ältesten entfallen, wenn nicht alle hineinpassen. Die neuen Nachrichten werden als eigener Chat aufgezeichnet.</translation>
    </message>
    <message>
        <source>Ask something (Ctrl+Enter sends)</source>
        <translation>Stellen Sie eine Frage (Strg+Enter sendet)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) not shown</source>
        <translation>
            <numerusform>%n frühere Nachricht nicht angezeigt</numerusform>
            <numerusform>%n frühere Nachrichten nicht angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>The conversation goes on here</source>
        <translation>Hier geht die Unterhaltung weiter</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) listed</source>
        <translation>
            <numerusform>%n Modell aufgelistet</numerusform>
            <numerusform>%n Modelle aufgelistet</numerusform>
        </translation>
    </message>
    <message>
        <source>No model provider is set up: chasm provider config NAME --endpoint URL</source>
        <translation>Kein Modellanbieter eingerichtet: chasm provider config NAME --endpoint URL</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>Die Modelle von %1 werden abgefragt…</translation>
    </message>
    <message>
        <source>Choose a provider first</source>
        <translation>Wählen Sie zuerst einen Anbieter</translation>
    </message>
    <message>
        <source>Choose a model first</source>
        <translation>Wählen Sie zuerst ein Modell</translation>
    </message>
    <message>
        <source>%1 is answering…</source>
        <translation>%1 antwortet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>recorded as %1</source>
        <translation>aufgezeichnet als %1</translation>
    </message>
</context>
<context>
    <name>chasm::ConversationView</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Reading message %1…</source>
        <translation>Nachricht %1 wird gelesen…</translation>
    </message>
    <message>
        <source>Find in this session</source>
        <translation>In dieser Sitzung suchen</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>the first %n message(s), the rest still being read</source>
        <translation>
            <numerusform>%n Nachricht bisher, der Rest wird noch gelesen</numerusform>
            <numerusform>die ersten %n Nachrichten, der Rest wird noch gelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message numerus="yes">
        <source>Show all (%n line(s))</source>
        <translation>
            <numerusform>Alles anzeigen (%n Zeile)</numerusform>
            <numerusform>Alles anzeigen (%n Zeilen)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Find in session</source>
        <translation>In Sitzung &amp;suchen</translation>
    </message>
    <message>
        <source>C&amp;lose tool call</source>
        <translation>Werkzeugaufruf &amp;zuklappen</translation>
    </message>
    <message>
        <source>O&amp;pen tool call</source>
        <translation>Werkzeugaufruf &amp;aufklappen</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>chasm::EditorCheckPage</name>
    <message>
        <source>&amp;Close them now</source>
        <translation>Jetzt &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Start them again afterwards</source>
        <translation>Danach wieder &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Write anyway (the editor will overwrite its index when it quits)</source>
        <translation>Trotzdem &amp;schreiben (der Editor überschreibt seinen Index beim Beenden)</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>No editor that Chasm writes for is running: ready.</source>
        <translation>Kein Editor, für den Chasm schreibt, läuft: bereit.</translation>
    </message>
    <message>
        <source>Running now: %1. Close it first (your open windows come back when it restarts), or write anyway.</source>
        <translation>Läuft gerade: %1. Schließen Sie ihn zuerst (Ihre offenen Fenster kommen beim Neustart zurück) oder schreiben Sie trotzdem.</translation>
    </message>
    <message>
        <source>Asking the editors to quit…</source>
        <translation>Die Editoren werden gebeten, sich zu beenden…</translation>
    </message>
    <message>
        <source>Looking for running editors…</source>
        <translation>Suche nach laufenden Editoren…</translation>
    </message>
    <message>
        <source>An editor keeps its session index in memory and writes it back when it quits, so it must be closed while Chasm writes. Nothing is written until you press Commit.</source>
        <translation>Ein Editor hält seinen Sitzungsindex im Speicher und schreibt ihn beim Beenden zurück; er muss daher geschlossen sein, während Chasm schreibt. Geschrieben wird erst, wenn Sie auf „Übernehmen“ klicken.</translation>
    </message>
</context>
<context>
    <name>chasm::EmbeddedServer</name>
    <message>
        <source>API starting…</source>
        <translation>API startet…</translation>
    </message>
    <message>
        <source>API on %1:%2</source>
        <translation>API auf %1:%2</translation>
    </message>
    <message>
        <source>API not running: %1</source>
        <translation>API läuft nicht: %1</translation>
    </message>
</context>
<context>
    <name>chasm::ExportDialog</name>
    <message>
        <source>One file per session, into the &amp;folder:</source>
        <translation>Eine Datei je Sitzung, in den &amp;Ordner:</translation>
    </message>
    <message>
        <source>All in &amp;one file:</source>
        <translation>Alles in &amp;eine Datei:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Show the files when done</source>
        <translation>Dateien danach anzeigen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Export %n session(s)</source>
        <translation>
            <numerusform>%n Sitzung exportieren</numerusform>
            <numerusform>%n Sitzungen exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Markdown: a readable transcript</source>
        <translation>Markdown: ein lesbares Protokoll</translation>
    </message>
    <message>
        <source>HTML: a standalone transcript</source>
        <translation>HTML: ein eigenständiges Protokoll</translation>
    </message>
    <message>
        <source>PDF: the transcript, typeset</source>
        <translation>PDF: das Protokoll, gesetzt</translation>
    </message>
    <message>
        <source>JSON: Chasm&apos;s session format (can be imported again)</source>
        <translation>JSON: das Sitzungsformat von Chasm (lässt sich wieder importieren)</translation>
    </message>
    <message>
        <source>JSON Lines: a message per line</source>
        <translation>JSON Lines: eine Nachricht pro Zeile</translation>
    </message>
    <message>
        <source>CSV: a row per message</source>
        <translation>CSV: eine Zeile pro Nachricht</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Export into the file</source>
        <translation>In die Datei exportieren</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1-Dateien (*.%2)</translation>
    </message>
    <message>
        <source>Export into the folder</source>
        <translation>In den Ordner exportieren</translation>
    </message>
    <message>
        <source>Choose where to write the files.</source>
        <translation>Wählen Sie, wohin die Dateien geschrieben werden.</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Wird geschrieben…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation>Der Export wurde abgebrochen: %1</translation>
    </message>
    <message>
        <source>Cancelled: the file was not written.</source>
        <translation>Abgebrochen: Die Datei wurde nicht geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n file(s), each complete.</source>
        <translation>
            <numerusform>Abgebrochen nach %n Datei, vollständig.</numerusform>
            <numerusform>Abgebrochen nach %n Dateien, jede vollständig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) into %1.</source>
        <translation>
            <numerusform>%n Datei nach %1 geschrieben.</numerusform>
            <numerusform>%n Dateien nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out, as they cannot be read:</source>
        <translation>Ausgelassen, da nicht lesbar:</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>chasm::GuideDialog</name>
    <message>
        <source>Getting started with Chasm</source>
        <translation>Erste Schritte mit Chasm</translation>
    </message>
    <message>
        <source>Chasm reads the chat histories your AI coding assistants keep on this computer.

- **Sources** (left): every tool and its projects. Select one to list its sessions.
- **Sessions** (top): type in the filter to narrow the list by title, tool or project; select a session to read it below. Its context menu exports, merges, or opens it in its tool again.
- **Search** (Ctrl+K): every word of every conversation, as you type. `zephyr*` finds words starting so, &quot;a phrase&quot; finds it whole, `a OR b` either word, `a NOT b` leaves one out. Search reads Chasm&apos;s database: harvest first (Harvest → Harvest now).
- **Harvest** keeps a copy of every session, which stays when a tool deletes its history.
- **Tools → Recovery assistant** finds sessions your editors no longer show, and brings them back; every change it makes can be undone.
</source>
        <translation>Chasm liest die Chatverläufe, die Ihre KI-Programmierassistenten auf diesem Computer speichern.

- **Quellen** (links): jedes Werkzeug und seine Projekte. Wählen Sie eines aus, um seine Sitzungen aufzulisten.
- **Sitzungen** (oben): Tippen Sie in den Filter, um die Liste nach Titel, Werkzeug oder Projekt einzugrenzen; wählen Sie eine Sitzung aus, um sie unten zu lesen. Ihr Kontextmenü exportiert sie, führt sie zusammen oder öffnet sie wieder in ihrem Werkzeug.
- **Suche** (Strg+K): jedes Wort jeder Unterhaltung, schon während Sie tippen. `zephyr*` findet Wörter, die so beginnen, &quot;eine Phrase&quot; findet sie als Ganzes, `a OR b` eines der beiden Wörter, `a NOT b` schließt eines aus. Die Suche liest die Datenbank von Chasm: Sammeln Sie zuerst (Sammeln → Jetzt sammeln).
- **Sammeln** bewahrt eine Kopie jeder Sitzung auf, die bleibt, wenn ein Werkzeug seinen Verlauf löscht.
- **Werkzeuge → Wiederherstellungsassistent** findet Sitzungen, die Ihre Editoren nicht mehr anzeigen, und holt sie zurück; jede Änderung, die er vornimmt, lässt sich rückgängig machen.
</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>chasm::HarvestStatusBar</name>
    <message>
        <source>Show &amp;failures…</source>
        <translation>&amp;Fehler anzeigen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the harvest: what was read is kept</source>
        <translation>Sammeln beenden: bereits Gelesenes bleibt erhalten</translation>
    </message>
    <message>
        <source>Another harvest is running on this database; waiting for it to finish…</source>
        <translation>Auf dieser Datenbank läuft ein anderer Sammellauf; es wird gewartet, bis er fertig ist…</translation>
    </message>
    <message>
        <source>Harvesting…</source>
        <translation>Sammeln läuft…</translation>
    </message>
    <message>
        <source>Harvesting: %1 of %2 sessions, %3 of %4</source>
        <translation>Sammeln: %1 von %2 Sitzungen, %3 von %4</translation>
    </message>
    <message>
        <source>Harvested: %1 new, %2 updated, %3 unchanged, %4 failed in %5 s (%6 sessions in the database)</source>
        <translation>Gesammelt: %1 neu, %2 aktualisiert, %3 unverändert, %4 fehlgeschlagen in %5 s (%6 Sitzungen in der Datenbank)</translation>
    </message>
    <message>
        <source>cancelled; the next harvest reads the rest</source>
        <translation>abgebrochen; beim nächsten Sammeln wird der Rest gelesen</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept as stored: their sources shrank</source>
        <translation>
            <numerusform>%n Sitzung wie gespeichert behalten: ihre Quelle ist geschrumpft</numerusform>
            <numerusform>%n Sitzungen wie gespeichert behalten: ihre Quellen sind geschrumpft</numerusform>
        </translation>
    </message>
    <message>
        <source>see Harvest → Show failures</source>
        <translation>siehe Sammeln → Fehler anzeigen</translation>
    </message>
    <message>
        <source>Harvest failed: %1</source>
        <translation>Sammeln fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Sessions that could not be harvested</source>
        <translation>Sitzungen, die nicht gesammelt werden konnten</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Each is retried when its file changes.</source>
        <translation>Jede Sitzung wird erneut versucht, sobald sich ihre Datei ändert.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>shown of all sessions</comment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Changes seen: harvesting them in %1 s (the last harvest took %2 s)</source>
        <translation>Änderungen gesehen: sie werden in %1 s gesammelt (der letzte Sammellauf dauerte %2 s)</translation>
    </message>
</context>
<context>
    <name>chasm::HistoryWindow</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Even if a file &amp;changed since (its current content is kept beside it)</source>
        <translation>Auch wenn sich eine Datei seitdem &amp;geändert hat (ihr aktueller Inhalt bleibt daneben erhalten)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Änderungsverlauf</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, by this app or the chasm command, newest first. Undo puts the files of a change back from its backups.</source>
        <translation>Jede Änderung, die Chasm an Ihren Dateien vorgenommen hat, über diese App oder den Befehl chasm, die neueste zuerst. „Rückgängig“ stellt die Dateien einer Änderung aus ihren Sicherungen wieder her.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Put back every file this change wrote, from its backups</source>
        <translation>Jede von dieser Änderung geschriebene Datei aus ihrer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Looking for the changes Chasm made…</source>
        <translation>Suche nach den Änderungen von Chasm…</translation>
    </message>
    <message>
        <source>Chasm has changed none of your files (or every change was undone).</source>
        <translation>Chasm hat keine Ihrer Dateien geändert (oder jede Änderung wurde rückgängig gemacht).</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) that can be undone.</source>
        <translation>
            <numerusform>%n Änderung, die sich rückgängig machen lässt.</numerusform>
            <numerusform>%n Änderungen, die sich rückgängig machen lassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Files it changed:</source>
        <translation>Geänderte Dateien:</translation>
    </message>
    <message>
        <source>%1 (new: undo removes it)</source>
        <translation>%1 (neu: Rückgängig entfernt sie)</translation>
    </message>
    <message>
        <source>%1 (backup: %2)</source>
        <translation>%1 (Sicherung: %2)</translation>
    </message>
    <message>
        <source>Recorded in %1; from a terminal: %2</source>
        <translation>Verzeichnet in %1; im Terminal: %2</translation>
    </message>
    <message>
        <source>Undoing %1…</source>
        <translation>%1 wird rückgängig gemacht…</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Not undone: %1</source>
        <translation>Nicht rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Show the changes &amp;undone</source>
        <translation>Rückgängig gemachte Änderungen &amp;zeigen</translation>
    </message>
    <message>
        <source>%1 (undone %2)</source>
        <translation>%1 (rückgängig gemacht am %2)</translation>
    </message>
    <message>
        <source>Undone on %1: its files hold what they held before it.</source>
        <translation>Am %1 rückgängig gemacht: die Dateien enthalten wieder, was sie vorher enthielten.</translation>
    </message>
</context>
<context>
    <name>chasm::IndexEntryModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>In index</source>
        <translation>Im Index</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>isEmpty</source>
        <translation>isEmpty</translation>
    </message>
    <message>
        <source>Last response</source>
        <translation>Letzte Antwort</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Letzte Nachricht</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>chasm::IndexInspector</name>
    <message>
        <source>Select a VS Code, Cursor or Windsurf workspace to compare its session index with its files.</source>
        <translation>Wählen Sie einen VS Code-, Cursor- oder Windsurf-Arbeitsbereich, um seinen Sitzungsindex mit seinen Dateien zu vergleichen.</translation>
    </message>
    <message>
        <source>%1 keeps no session index: only VS Code-family editors do.</source>
        <translation>%1 führt keinen Sitzungsindex: das tun nur Editoren der VS Code-Familie.</translation>
    </message>
    <message>
        <source>Reading the index of %1…</source>
        <translation>Index von %1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1: %2 index entries, %3 session files; %4 problems.</source>
        <translation>%1: %2 Indexeinträge, %3 Sitzungsdateien; %4 Probleme.</translation>
    </message>
    <message>
        <source>The index could not be read (%1), so no file is called missing from it.</source>
        <translation>Der Index konnte nicht gelesen werden (%1), daher wird keine Datei als darin fehlend gemeldet.</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>Nothing needed fixing.</source>
        <translation>Es gab nichts zu reparieren.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Backups are recorded in %1; Undo puts everything back.</source>
        <translation>Sicherungen sind in %1 verzeichnet; Rückgängig stellt alles wieder her.</translation>
    </message>
    <message>
        <source>&amp;Fix selected</source>
        <translation>Auswahl re&amp;parieren</translation>
    </message>
    <message>
        <source>&amp;Repair all</source>
        <translation>&amp;Alles reparieren</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Even while the editor runs</source>
        <translation>Auch während der Editor läuft</translation>
    </message>
    <message>
        <source>Compact damaged or long session logs, complete requests left pending, and rebuild every entry of this workspace&apos;s index</source>
        <translation>Beschädigte oder lange Sitzungsprotokolle verdichten, offen gebliebene Anfragen abschließen und jeden Eintrag im Index dieses Arbeitsbereichs neu aufbauen</translation>
    </message>
    <message>
        <source>The editor keeps its index in memory and overwrites it when it quits: a change made while it runs is lost. Close the editor first when you can.</source>
        <translation>Der Editor hält seinen Index im Speicher und überschreibt ihn beim Beenden: Eine Änderung während er läuft geht verloren. Schließen Sie den Editor nach Möglichkeit vorher.</translation>
    </message>
    <message numerus="yes">
        <source>Fixing %n session(s)…</source>
        <translation>
            <numerusform>%n Sitzung wird repariert…</numerusform>
            <numerusform>%n Sitzungen werden repariert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing %1…</source>
        <translation>%1 wird repariert…</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Wird rückgängig gemacht…</translation>
    </message>
    <message>
        <source>Undo failed, nothing was changed: %1</source>
        <translation>Rückgängig fehlgeschlagen, nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>Histor&amp;y…</source>
        <translation>Ä&amp;nderungsverlauf…</translation>
    </message>
    <message>
        <source>Rebuild the selected sessions&apos; index entries from their files, adding those the index lacks, so the editor&apos;s chat history shows them; take out the selected entries whose file is gone</source>
        <translation>Die Indexeinträge der ausgewählten Sitzungen aus ihren Dateien neu aufbauen und fehlende ergänzen, damit der Chatverlauf des Editors sie zeigt; ausgewählte Einträge entfernen, deren Datei fehlt</translation>
    </message>
    <message>
        <source>Put back every file the last fix changed, from its backups; again for the fix before</source>
        <translation>Jede von der letzten Reparatur geänderte Datei aus ihrer Sicherung wiederherstellen; erneut für die Reparatur davor</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, each with an Undo</source>
        <translation>Jede Änderung, die Chasm an Ihren Dateien vorgenommen hat, jeweils mit „Rückgängig“</translation>
    </message>
    <message>
        <source>Undo stopped: %1</source>
        <translation>Rückgängig abgebrochen: %1</translation>
    </message>
</context>
<context>
    <name>chasm::MainWindow</name>
    <message>
        <source>Chasm</source>
        <translation>Chasm</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Harvest</source>
        <translation>&amp;Sammeln</translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation>&amp;Jetzt sammeln</translation>
    </message>
    <message>
        <source>Copy every new or changed session into Chasm&apos;s database (%1)</source>
        <translation>Alle neuen oder geänderten Sitzungen in die Datenbank von Chasm kopieren (%1)</translation>
    </message>
    <message>
        <source>&amp;Cancel harvest</source>
        <translation>Sammeln &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Search everything</source>
        <translation>&amp;Alles durchsuchen</translation>
    </message>
    <message>
        <source>Go to s&amp;essions</source>
        <translation>Zur Sitzungs&amp;liste</translation>
    </message>
    <message>
        <source>Go to s&amp;ources</source>
        <translation>Zu den &amp;Quellen</translation>
    </message>
    <message>
        <source>Go to &amp;conversation</source>
        <translation>Zur &amp;Unterhaltung</translation>
    </message>
    <message>
        <source>Fi&amp;lter sessions</source>
        <translation>Sitzungen &amp;filtern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Chasm</source>
        <translation>Ü&amp;ber Chasm</translation>
    </message>
    <message>
        <source>About Chasm</source>
        <translation>Über Chasm</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chasm %1&lt;/b&gt;&lt;p&gt;Finds, keeps and searches the chat histories of AI coding assistants.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Chasm %1&lt;/b&gt;&lt;p&gt;Findet, bewahrt und durchsucht die Chatverläufe von KI-Programmierassistenten.&lt;/p&gt;&lt;p&gt;Datenbank: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Looking for chat sessions…</source>
        <translation>Suche nach Chat-Sitzungen…</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n Sitzung</numerusform>
            <numerusform>%n Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a session to read it.</source>
        <translation>Wählen Sie eine Sitzung aus, um sie zu lesen.</translation>
    </message>
    <message>
        <source>## No sessions found

Chasm looked in:

</source>
        <translation>## Keine Sitzungen gefunden

Chasm hat hier gesucht:

</translation>
    </message>
    <message>
        <source>
Chat with an assistant in any of these tools, then use File → Reload.</source>
        <translation>
Chatten Sie in einem dieser Werkzeuge mit einem Assistenten und wählen Sie dann Datei → Neu laden.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>This session cannot be read</source>
        <translation>Diese Sitzung kann nicht gelesen werden</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show file in the file &amp;manager</source>
        <translation>Datei im &amp;Dateimanager anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Copy id(s)</source>
        <translation>
            <numerusform>ID &amp;kopieren</numerusform>
            <numerusform>IDs &amp;kopieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new %1 session(s) harvested</source>
        <translation>
            <numerusform>%n neue Sitzung aus %1 gesammelt</numerusform>
            <numerusform>%n neue Sitzungen aus %1 gesammelt</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Rohdaten</translation>
    </message>
    <message>
        <source>Index inspector</source>
        <translation>Index-Inspektor</translation>
    </message>
    <message>
        <source>&amp;Raw record</source>
        <translation>&amp;Rohdatensatz</translation>
    </message>
    <message>
        <source>Switch between the conversation and the selected message as the tool wrote it</source>
        <translation>Zwischen der Unterhaltung und der ausgewählten Nachricht im Originalformat des Werkzeugs wechseln</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Suche speichern</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation>Gespeicherte Suche entfernen</translation>
    </message>
    <message>
        <source>Saved the search “%1” in the sources pane</source>
        <translation>Suche „%1“ in der Quellenleiste gespeichert</translation>
    </message>
    <message>
        <source>Removed the saved search “%1”</source>
        <translation>Gespeicherte Suche „%1“ entfernt</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Recovery assistant…</source>
        <translation>&amp;Wiederherstellungsassistent…</translation>
    </message>
    <message>
        <source>Find sessions your editors no longer show, and bring them back</source>
        <translation>Sitzungen finden, die Ihre Editoren nicht mehr anzeigen, und sie zurückholen</translation>
    </message>
    <message>
        <source>&amp;Merge sessions…</source>
        <translation>Sitzungen &amp;zusammenführen…</translation>
    </message>
    <message>
        <source>Join sessions of any tools into one session your editor can open</source>
        <translation>Sitzungen beliebiger Werkzeuge zu einer Sitzung zusammenführen, die Ihr Editor öffnen kann</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Merge %n session(s)…</source>
        <translation>
            <numerusform>%n Sitzung &amp;zusammenführen…</numerusform>
            <numerusform>%n Sitzungen &amp;zusammenführen…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Export selected sessions…</source>
        <translation>Ausgewählte Sitzungen &amp;exportieren…</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n session(s)…</source>
        <translation>
            <numerusform>%n Sitzung e&amp;xportieren…</numerusform>
            <numerusform>%n Sitzungen e&amp;xportieren…</numerusform>
        </translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <source>Filter sessions by title, project, tool or id</source>
        <translation>Sitzungen nach Titel, Projekt, Werkzeug oder ID filtern</translation>
    </message>
    <message>
        <source>&amp;Open in its tool…</source>
        <translation>Im zugehörigen Werkzeug ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Open in %1…</source>
        <translation>In %1 ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>Ä&amp;nderungsverlauf…</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, each with an Undo</source>
        <translation>Jede Änderung, die Chasm an Ihren Dateien vorgenommen hat, jeweils mit „Rückgängig“</translation>
    </message>
    <message>
        <source>&amp;Getting started and shortcuts</source>
        <translation>Erste Schritte und &amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open in %1…</source>
        <translation>In %1 öffnen…</translation>
    </message>
    <message>
        <source>&amp;Select its sessions</source>
        <translation>Sitzungen des Projekts &amp;auswählen</translation>
    </message>
    <message>
        <source>Copy the folder&apos;s &amp;path</source>
        <translation>&amp;Pfad des Ordners kopieren</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport its %n session(s)…</source>
        <translation>
            <numerusform>Die %n Sitzung e&amp;xportieren…</numerusform>
            <numerusform>Alle %n Sitzungen e&amp;xportieren…</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy MCP &amp;configuration</source>
        <translation>MCP-&amp;Konfiguration kopieren</translation>
    </message>
    <message>
        <source>Copy the Claude Desktop configuration that starts Chasm&apos;s MCP server</source>
        <translation>Die Claude-Desktop-Konfiguration kopieren, die Chasms MCP-Server startet</translation>
    </message>
    <message>
        <source>Copied the Claude Desktop configuration of Chasm&apos;s MCP server: paste it into %1</source>
        <translation>Claude-Desktop-Konfiguration für Chasms MCP-Server kopiert: in %1 einfügen</translation>
    </message>
    <message>
        <source>Connect AI &amp;agents (MCP)…</source>
        <translation>KI-&amp;Agenten verbinden (MCP)…</translation>
    </message>
    <message>
        <source>How Claude, VS Code, Cursor, Codex or Gemini search your history through Chasm</source>
        <translation>Wie Claude, VS Code, Cursor, Codex oder Gemini Ihren Verlauf über Chasm durchsuchen</translation>
    </message>
    <message>
        <source>when it next starts</source>
        <translation>beim nächsten Start</translation>
    </message>
    <message>
        <source>%1 deletes “%2” %3</source>
        <translation>%1 löscht „%2“ %3</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Chasm has not kept them: see `chasm retention`.</source>
        <translation>Chasm hat sie nicht gesichert: siehe `chasm retention`.</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) about to be deleted</source>
        <translation>
            <numerusform>%n Sitzung wird bald gelöscht</numerusform>
            <numerusform>%n Sitzungen werden bald gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>&amp;Continue with…</source>
        <translation>For&amp;tsetzen mit…</translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation>„%1“ wird gelesen…</translation>
    </message>
    <message>
        <source>Con&amp;tinue with…</source>
        <translation>For&amp;tsetzen mit…</translation>
    </message>
    <message>
        <source>The team database %1 has every session of yours</source>
        <translation>Die Team-Datenbank %1 hat jede Ihrer Sitzungen</translation>
    </message>
    <message numerus="yes">
        <source>Published to the team database %1: %n new session(s), %2 updated</source>
        <translation>
            <numerusform>In der Team-Datenbank %1 veröffentlicht: %n neue Sitzung, %2 aktualisiert</numerusform>
            <numerusform>In der Team-Datenbank %1 veröffentlicht: %n neue Sitzungen, %2 aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Not published to the team database %1: %2</source>
        <translation>Nicht in der Team-Datenbank %1 veröffentlicht: %2</translation>
    </message>
    <message>
        <source>Not published to the team database: %1</source>
        <translation>Nicht in der Team-Datenbank veröffentlicht: %1</translation>
    </message>
    <message>
        <source>their tools</source>
        <translation>ihre Werkzeuge</translation>
    </message>
    <message>
        <source>Res&amp;tore to its tool</source>
        <translation>In sein Werkzeug &amp;zurücklegen</translation>
    </message>
    <message>
        <source>Res&amp;tore to %1</source>
        <translation>In %1 &amp;zurücklegen</translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n session(s)…</source>
        <translation>
            <numerusform>Lege %n Sitzung zurück…</numerusform>
            <numerusform>Lege %n Sitzungen zurück…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was restored: %1</source>
        <translation>Nichts wurde zurückgelegt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n file(s) to their tools; Edit → History can undo it.</source>
        <translation>
            <numerusform>%n Datei in ihr Werkzeug zurückgelegt; Bearbeiten → Verlauf kann es rückgängig machen.</numerusform>
            <numerusform>%n Dateien in ihre Werkzeuge zurückgelegt; Bearbeiten → Verlauf kann es rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>Nicht zurückgelegt: %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Zurücklegen</translation>
    </message>
    <message>
        <source>&amp;Restore to %1</source>
        <translation>&amp;Zurücklegen in %1</translation>
    </message>
</context>
<context>
    <name>chasm::McpSetupDialog</name>
    <message>
        <source>Run this in a terminal:</source>
        <translation>Im Terminal ausführen:</translation>
    </message>
    <message>
        <source>When the file exists, add the “chasm” entry to its “%1”.</source>
        <translation>Gibt es die Datei schon, den Eintrag „chasm“ zu ihrem „%1“ hinzufügen.</translation>
    </message>
    <message>
        <source>Put this in %1.</source>
        <translation>In %1 eintragen.</translation>
    </message>
    <message>
        <source>Put this in %1 (for one project only: %2 in its folder).</source>
        <translation>In %1 eintragen (nur für ein Projekt: %2 in dessen Ordner).</translation>
    </message>
    <message>
        <source>Connect AI agents (MCP)</source>
        <translation>KI-Agenten verbinden (MCP)</translation>
    </message>
    <message>
        <source>AI agents search and read your chat history through Chasm&apos;s MCP server (&lt;code&gt;chasm mcp serve&lt;/code&gt;). Give yours this configuration, then restart it.</source>
        <translation>KI-Agenten durchsuchen und lesen Ihren Chatverlauf über Chasms MCP-Server (&lt;code&gt;chasm mcp serve&lt;/code&gt;). Geben Sie Ihrem Agenten diese Konfiguration und starten Sie ihn neu.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copied the %1 configuration of Chasm&apos;s MCP server</source>
        <translation>%1-Konfiguration für Chasms MCP-Server kopiert</translation>
    </message>
</context>
<context>
    <name>chasm::MergeWizard</name>
    <message>
        <source>&amp;Open the merged session</source>
        <translation>Zusammengeführte Sitzung &amp;öffnen</translation>
    </message>
    <message>
        <source>&amp;Undo the merge</source>
        <translation>Zusammenführen &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Merge sessions</source>
        <translation>Sitzungen zusammenführen</translation>
    </message>
    <message>
        <source>Choose the sessions to merge</source>
        <translation>Zusammenzuführende Sitzungen wählen</translation>
    </message>
    <message>
        <source>Sessions of any tool can be merged; the originals are not changed.</source>
        <translation>Sitzungen jedes Werkzeugs lassen sich zusammenführen; die Originale bleiben unverändert.</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Projekt:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>&amp;Tick all shown</source>
        <translation>Alle angezeigten &amp;ankreuzen</translation>
    </message>
    <message>
        <source>U&amp;ntick all</source>
        <translation>Alle a&amp;bwählen</translation>
    </message>
    <message>
        <source>The merged timeline</source>
        <translation>Die zusammengeführte Zeitleiste</translation>
    </message>
    <message>
        <source>Requests in time order; a request found twice is kept once.</source>
        <translation>Anfragen in zeitlicher Reihenfolge; eine doppelt gefundene Anfrage wird einmal behalten.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Title and workspace</source>
        <translation>Titel und Arbeitsbereich</translation>
    </message>
    <message>
        <source>The merged session goes into a workspace of the VS Code family and is added to its history.</source>
        <translation>Die zusammengeführte Sitzung kommt in einen Arbeitsbereich der VS-Code-Familie und wird in dessen Verlauf aufgenommen.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Workspace:</source>
        <translation>&amp;Arbeitsbereich:</translation>
    </message>
    <message>
        <source>Written as %1, the format this workspace&apos;s editor reads.</source>
        <translation>Geschrieben als %1, das Format, das der Editor dieses Arbeitsbereichs liest.</translation>
    </message>
    <message>
        <source>Writing the merged session</source>
        <translation>Die zusammengeführte Sitzung wird geschrieben</translation>
    </message>
    <message>
        <source>Every file is backed up before it changes.</source>
        <translation>Jede Datei wird gesichert, bevor sie sich ändert.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>What was written, and the backups made. Undo removes the merged session again.</source>
        <translation>Was geschrieben wurde und welche Sicherungen angelegt wurden. „Rückgängig“ entfernt die zusammengeführte Sitzung wieder.</translation>
    </message>
    <message>
        <source>Any project</source>
        <translation>Alle Projekte</translation>
    </message>
    <message>
        <source>Any tool</source>
        <translation>Jedes Werkzeug</translation>
    </message>
    <message>
        <source>1 session chosen: it becomes a VS Code session of its own.</source>
        <translation>1 Sitzung gewählt: Sie wird zu einer eigenen VS-Code-Sitzung.</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) chosen.</source>
        <translation>
            <numerusform>%n Sitzung gewählt.</numerusform>
            <numerusform>%n Sitzungen gewählt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %n session(s)…</source>
        <translation>
            <numerusform>%n Sitzung wird gelesen…</numerusform>
            <numerusform>%n Sitzungen werden gelesen…</numerusform>
        </translation>
    </message>
    <message>
        <source>These sessions cannot be merged: %1</source>
        <translation>Diese Sitzungen lassen sich nicht zusammenführen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) from %1 session(s), %2 – %3; %4 duplicate(s) left out.</source>
        <translation>
            <numerusform>%n Anfrage aus %1 Sitzung(en), %2 – %3; %4 Duplikat(e) ausgelassen.</numerusform>
            <numerusform>%n Anfragen aus %1 Sitzungen, %2 – %3; %4 Duplikat(e) ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything is carried over.</source>
        <translation>Alles wird übernommen.</translation>
    </message>
    <message>
        <source>Cannot be carried over:</source>
        <translation>Kann nicht übernommen werden:</translation>
    </message>
    <message>
        <source>No workspace of VS Code, Cursor or Windsurf is known: open the project in the editor once, then merge again.</source>
        <translation>Kein Arbeitsbereich von VS Code, Cursor oder Windsurf ist bekannt: Öffnen Sie das Projekt einmal im Editor und führen Sie dann erneut zusammen.</translation>
    </message>
    <message>
        <source>Nothing was written: %1</source>
        <translation>Nichts wurde geschrieben: %1</translation>
    </message>
    <message>
        <source>The merge failed: see the next page.</source>
        <translation>Das Zusammenführen ist fehlgeschlagen: siehe nächste Seite.</translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n request(s) from %2 session(s), into %3</source>
        <translation>
            <numerusform>„%1“: %n Anfrage aus %2 Sitzung(en), nach %3</numerusform>
            <numerusform>„%1“: %n Anfragen aus %2 Sitzungen, nach %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Not carried over: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
    <message>
        <source>Backups: %1</source>
        <translation>Sicherungen: %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Open the &amp;existing one</source>
        <translation>Die &amp;vorhandene öffnen</translation>
    </message>
    <message>
        <source>Write &amp;another copy anyway</source>
        <translation>Trotzdem eine weitere &amp;Kopie schreiben</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>Ä&amp;nderungsverlauf…</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, this merge included, each with an Undo</source>
        <translation>Jede Änderung, die Chasm an Ihren Dateien vorgenommen hat, diese Zusammenführung eingeschlossen, jeweils mit „Rückgängig“</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) found again with other content: %1 cut off (the complete copy is kept), %2 kept as well under a new id.</source>
        <translation>
            <numerusform>%n Anfrage erneut mit anderem Inhalt gefunden: %1 abgeschnitten (die vollständige Fassung bleibt), %2 zusätzlich unter neuer ID behalten.</numerusform>
            <numerusform>%n Anfragen erneut mit anderem Inhalt gefunden: %1 abgeschnitten (die vollständige Fassung bleibt), %2 zusätzlich unter neuer ID behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>This workspace holds a merge of the same sessions already: “%1” (%2). Open it, or write another copy anyway.</source>
        <translation>Dieser Arbeitsbereich enthält bereits eine Zusammenführung derselben Sitzungen: „%1“ (%2). Öffnen Sie sie oder schreiben Sie trotzdem eine weitere Kopie.</translation>
    </message>
</context>
<context>
    <name>chasm::ProjectTreeModel</name>
    <message>
        <source>Sessions that name no project folder</source>
        <translation>Sitzungen ohne Projektordner</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n session(s) from %2</source>
        <translation>
            <numerusform>%1
%n Sitzung aus %2</numerusform>
            <numerusform>%1
%n Sitzungen aus %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Last used %1</source>
        <translation>Zuletzt verwendet: %1</translation>
    </message>
    <message>
        <source>An older workspace of this folder: %1 now opens another one, where these sessions do not show (the recovery assistant brings them over).</source>
        <translation>Ein älterer Arbeitsbereich dieses Ordners: %1 öffnet jetzt einen anderen, in dem diese Sitzungen nicht erscheinen (der Wiederherstellungsassistent holt sie herüber).</translation>
    </message>
    <message>
        <source>older</source>
        <translation>älter</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
</context>
<context>
    <name>chasm::RawRecordView</name>
    <message>
        <source>Open a session and select a message to see it as the tool wrote it.</source>
        <translation>Öffnen Sie eine Sitzung und wählen Sie eine Nachricht, um sie so zu sehen, wie das Werkzeug sie geschrieben hat.</translation>
    </message>
    <message>
        <source>This session is open from the harvest database and its tool no longer lists it, so there is no file to show the raw record from.</source>
        <translation>Diese Sitzung ist aus der Sammeldatenbank geöffnet und ihr Werkzeug führt sie nicht mehr, daher gibt es keine Datei, aus der der Rohdatensatz gezeigt werden könnte.</translation>
    </message>
    <message>
        <source>Reading message %1 from %2…</source>
        <translation>Nachricht %1 wird aus %2 gelesen…</translation>
    </message>
    <message>
        <source>Reading the raw record…</source>
        <translation>Rohdatensatz wird gelesen…</translation>
    </message>
    <message>
        <source>Message %1 as the tool keeps it in %2 (read now)</source>
        <translation>Nachricht %1, wie das Werkzeug sie in %2 speichert (soeben gelesen)</translation>
    </message>
</context>
<context>
    <name>chasm::RecoveryWizard</name>
    <message numerus="yes">
        <source>%n session(s) in an older workspace of this project (%1), which the editor no longer opens: from before the folder was moved, renamed or reopened another way</source>
        <translation>
            <numerusform>%n Sitzung in einem älteren Arbeitsbereich dieses Projekts (%1), den der Editor nicht mehr öffnet: aus der Zeit, bevor der Ordner verschoben, umbenannt oder anders geöffnet wurde</numerusform>
            <numerusform>%n Sitzungen in einem älteren Arbeitsbereich dieses Projekts (%1), den der Editor nicht mehr öffnet: aus der Zeit, bevor der Ordner verschoben, umbenannt oder anders geöffnet wurde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) on disk that the editor&apos;s history does not list</source>
        <translation>
            <numerusform>%n Sitzung auf der Festplatte, die der Verlauf des Editors nicht aufführt</numerusform>
            <numerusform>%n Sitzungen auf der Festplatte, die der Verlauf des Editors nicht aufführt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) hidden or failing to open because the index says they are empty or were cancelled</source>
        <translation>
            <numerusform>%n Sitzung ist verborgen oder lässt sich nicht öffnen, weil der Index sie als leer oder abgebrochen führt</numerusform>
            <numerusform>%n Sitzungen sind verborgen oder lassen sich nicht öffnen, weil der Index sie als leer oder abgebrochen führt</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo all of it</source>
        <translation>Alles &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Recovery assistant</source>
        <translation>Wiederherstellungsassistent</translation>
    </message>
    <message>
        <source>Looking for lost sessions</source>
        <translation>Suche nach verlorenen Sitzungen</translation>
    </message>
    <message>
        <source>Chasm reads every VS Code, Cursor and Windsurf workspace; nothing is changed yet.</source>
        <translation>Chasm liest jeden Arbeitsbereich von VS Code, Cursor und Windsurf; noch wird nichts geändert.</translation>
    </message>
    <message>
        <source>Choose what to bring back</source>
        <translation>Wählen Sie, was zurückgeholt werden soll</translation>
    </message>
    <message>
        <source>Grouped by project. Everything is chosen; untick what you want to leave as it is.</source>
        <translation>Nach Projekt gruppiert. Alles ist ausgewählt; entfernen Sie das Häkchen bei dem, was bleiben soll, wie es ist.</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Bringing the sessions back</source>
        <translation>Die Sitzungen werden zurückgeholt</translation>
    </message>
    <message>
        <source>Every file is backed up before it changes.</source>
        <translation>Jede Datei wird gesichert, bevor sie sich ändert.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>What changed, and the backups made. Undo puts every file back as it was.</source>
        <translation>Was sich geändert hat und welche Sicherungen angelegt wurden. Rückgängig stellt jede Datei wieder her, wie sie war.</translation>
    </message>
    <message>
        <source>Reading workspaces and their session indexes…</source>
        <translation>Arbeitsbereiche und ihre Sitzungsindizes werden gelesen…</translation>
    </message>
    <message>
        <source>Nothing to recover: every session file is in its editor&apos;s history.</source>
        <translation>Nichts wiederherzustellen: Jede Sitzungsdatei ist im Verlauf ihres Editors.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n session(s) to bring back, in %1 project(s). Next shows them.</source>
        <translation>
            <numerusform>%n Sitzung zum Zurückholen gefunden, in %1 Projekt(en). Weiter zeigt sie.</numerusform>
            <numerusform>%n Sitzungen zum Zurückholen gefunden, in %1 Projekt(en). Weiter zeigt sie.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s), last active %2.
File: %3
Goes into: %4</source>
        <translation>
            <numerusform>„%1“: %n Nachricht, zuletzt aktiv %2.
Datei: %3
Kommt nach: %4</numerusform>
            <numerusform>„%1“: %n Nachrichten, zuletzt aktiv %2.
Datei: %3
Kommt nach: %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Wird geschrieben…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Done, with problems: see the next page.</source>
        <translation>Fertig, mit Problemen: siehe nächste Seite.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Backups: %1</source>
        <translation>Sicherungen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept only in backup files (%1)</source>
        <translation>
            <numerusform>%n Sitzung nur noch in Sicherungsdateien (%1)</numerusform>
            <numerusform>%n Sitzungen nur noch in Sicherungsdateien (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept only in an old state database (%1), from before the editor saved sessions as files</source>
        <translation>
            <numerusform>%n Sitzung nur noch in einer alten Zustandsdatenbank (%1), aus der Zeit, bevor der Editor Sitzungen als Dateien speicherte</numerusform>
            <numerusform>%n Sitzungen nur noch in einer alten Zustandsdatenbank (%1), aus der Zeit, bevor der Editor Sitzungen als Dateien speicherte</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>Ä&amp;nderungsverlauf…</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, these included, each with an Undo</source>
        <translation>Jede Änderung, die Chasm an Ihren Dateien vorgenommen hat, diese eingeschlossen, jeweils mit „Rückgängig“</translation>
    </message>
</context>
<context>
    <name>chasm::ResumeDialog</name>
    <message>
        <source>&amp;Copy command</source>
        <translation>Befehl &amp;kopieren</translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation>In %1 öffnen</translation>
    </message>
    <message>
        <source>%1 keeps “%2” with its workspace: this command opens the folder, where the chat shows in its history.</source>
        <translation>%1 bewahrt „%2“ bei seinem Arbeitsbereich auf: Dieser Befehl öffnet den Ordner, in dessen Verlauf der Chat erscheint.</translation>
    </message>
    <message>
        <source>This command carries on “%1” in %2, in its project folder:</source>
        <translation>Dieser Befehl setzt „%1“ in %2 fort, in seinem Projektordner:</translation>
    </message>
    <message>
        <source>&amp;Open in %1</source>
        <translation>In %1 ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Run in a terminal</source>
        <translation>In einem Terminal &amp;ausführen</translation>
    </message>
    <message>
        <source>Copied: paste it in a terminal.</source>
        <translation>Kopiert: Fügen Sie ihn in ein Terminal ein.</translation>
    </message>
    <message>
        <source>Copied “%1”</source>
        <translation>„%1“ kopiert</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Cannot start %1: is it installed? Copy the command and run it yourself.</source>
        <translation>Konnte %1 nicht starten: Ist es installiert? Kopieren Sie den Befehl und führen Sie ihn selbst aus.</translation>
    </message>
    <message>
        <source>a terminal</source>
        <translation>ein Terminal</translation>
    </message>
</context>
<context>
    <name>chasm::SearchPane</name>
    <message>
        <source>Search every conversation (Ctrl+K)</source>
        <translation>Alle Unterhaltungen durchsuchen (Strg+K)</translation>
    </message>
    <message>
        <source>Words find messages holding all of them. Also: &quot;a phrase&quot;, prefix*, a OR b, a NOT b.</source>
        <translation>Mehrere Wörter finden Nachrichten, die alle davon enthalten. Außerdem: &quot;eine Phrase&quot;, Präfix*, a OR b, a NOT b.</translation>
    </message>
    <message>
        <source>Every tool</source>
        <translation>Alle Werkzeuge</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Any project</source>
        <translation>Alle Projekte</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Beliebiges Datum</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vor</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s) in %1 ms</source>
        <translation>
            <numerusform>%n Treffer in %1 ms</numerusform>
            <numerusform>%n Treffer in %1 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>the newest shown: too many matches to rank</source>
        <translation>neueste angezeigt: zu viele Treffer für eine Relevanzsortierung</translation>
    </message>
    <message>
        <source>the newest shown: these words are in most messages</source>
        <translation>neueste angezeigt: diese Wörter kommen in den meisten Nachrichten vor</translation>
    </message>
    <message>
        <source>the newest shown: the prefix matches too many words to rank</source>
        <translation>neueste angezeigt: das Präfix passt auf zu viele Wörter für eine Relevanzsortierung</translation>
    </message>
    <message>
        <source>&amp;Save search…</source>
        <translation>Suche &amp;speichern…</translation>
    </message>
    <message>
        <source>Keep this search and its filters in the sources pane (Ctrl+D)</source>
        <translation>Diese Suche samt Filtern in der Quellenleiste behalten (Strg+D)</translation>
    </message>
    <message>
        <source>project “%1”</source>
        <translation>Projekt „%1“</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>nach %1</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation>&amp;Jetzt sammeln</translation>
    </message>
    <message>
        <source>Copy every session of every tool into Chasm&apos;s database, which search reads</source>
        <translation>Jede Sitzung jedes Werkzeugs in die Datenbank von Chasm kopieren, in der die Suche sucht</translation>
    </message>
    <message>
        <source>Search reads Chasm&apos;s database, which holds no sessions yet: harvest them first.</source>
        <translation>Die Suche liest die Datenbank von Chasm, die noch keine Sitzungen enthält: Sammeln Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Nothing matches “%1”. Try fewer words, the beginning of a word (zephyr*), a &quot;phrase in quotes&quot;, either word (zephyr OR gale) or one left out (zephyr NOT gale).</source>
        <translation>Nichts passt zu „%1“. Versuchen Sie weniger Wörter, einen Wortanfang (zephyr*), eine &quot;Phrase in Anführungszeichen&quot;, eines von zwei Wörtern (zephyr OR gale) oder eines ausgeschlossen (zephyr NOT gale).</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>Team-Datenbank</translation>
    </message>
    <message>
        <source>Search the database on this computer, or the team database set in the settings (your sessions there and those shared with you)</source>
        <translation>Die Datenbank auf diesem Computer durchsuchen oder die in den Einstellungen angegebene Team-Datenbank (Ihre Sitzungen dort und die mit Ihnen geteilten)</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>Suchen in</translation>
    </message>
    <message>
        <source>Team database (%1)</source>
        <translation>Team-Datenbank (%1)</translation>
    </message>
</context>
<context>
    <name>chasm::SearchResultModel</name>
    <message>
        <source>message %1</source>
        <translation>Nachricht %1</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
</context>
<context>
    <name>chasm::SessionListModel</name>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>(unreadable) %1</source>
        <translation>(unlesbar) %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>kept only by Chasm</source>
        <translation>nur von Chasm aufbewahrt</translation>
    </message>
    <message>
        <source>%1 no longer has this session; Chasm&apos;s database keeps it. Restore puts it back.</source>
        <translation>%1 hat diese Sitzung nicht mehr; Chasms Datenbank bewahrt sie auf. Zurücklegen stellt sie wieder her.</translation>
    </message>
</context>
<context>
    <name>chasm::SettingsDialog</name>
    <message>
        <source>Keep Chasm in the system tray and harvest new sessions automatically</source>
        <translation>Chasm im Infobereich halten und neue Sitzungen automatisch sammeln</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The default (in your data folder)</source>
        <translation>Standard (in Ihrem Datenordner)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation>SQLite-Datenbanken (*.db)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Tools to harvest</source>
        <translation>Zu sammelnde Werkzeuge</translation>
    </message>
    <message>
        <source>Also rescan every</source>
        <translation>Zusätzlich neu scannen alle</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language takes effect the next time Chasm starts.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von Chasm wirksam.</translation>
    </message>
    <message>
        <source>Run the HTTP API server in Chasm</source>
        <translation>Den HTTP-API-Server in Chasm ausführen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>An IP address: 127.0.0.1 serves only this computer, any other address the network (every request must then bring the token)</source>
        <translation>Eine IP-Adresse: 127.0.0.1 bedient nur diesen Computer, jede andere Adresse das Netzwerk (dann muss jede Anfrage das Token mitbringen)</translation>
    </message>
    <message>
        <source>Reading the system keychain…</source>
        <translation>Der Schlüsselbund des Systems wird gelesen…</translation>
    </message>
    <message>
        <source>Copy the token to the clipboard</source>
        <translation>Das Token in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Make a new token: clients that bring the old one are refused from now on</source>
        <translation>Ein neues Token erzeugen: Clients mit dem alten werden ab jetzt abgewiesen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Every request but GET /api/v1/health must bring it as &quot;Authorization: Bearer TOKEN&quot;. It is kept in the system keychain.</source>
        <translation>Jede Anfrage außer GET /api/v1/health muss es als &quot;Authorization: Bearer TOKEN&quot; mitbringen. Es wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>No token</source>
        <translation>Kein Token</translation>
    </message>
    <message>
        <source>No token can be kept: %1</source>
        <translation>Es kann kein Token aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>One a line, as scheme://host[:port]. Web pages of these origins may call the API from a browser (CORS); any other origin is refused.</source>
        <translation>Einer pro Zeile, als schema://host[:port]. Webseiten dieser Ursprünge dürfen die API aus einem Browser aufrufen (CORS); jeder andere Ursprung wird abgewiesen.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation>Erlaubte Ursprünge</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Serving the API at %1/api/v1 and MCP at %1/mcp</source>
        <translation>Die API wird unter %1/api/v1 und MCP unter %1/mcp bereitgestellt</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Läuft nicht: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin: write it as scheme://host[:port], e.g. https://example.com</source>
        <translation>„%1“ ist kein Ursprung: schreiben Sie ihn als schema://host[:port], z. B. https://example.com</translation>
    </message>
    <message>
        <source>None (postgresql://you@host/database)</source>
        <translation>Keine (postgresql://sie@host/datenbank)</translation>
    </message>
    <message>
        <source>A team database on PostgreSQL, which search can read besides this computer&apos;s. Its password is not kept here: Chasm reads it from the system keychain, PGPASSWORD or ~/.pgpass.</source>
        <translation>Eine Team-Datenbank auf PostgreSQL, die die Suche neben der dieses Computers lesen kann. Ihr Passwort wird hier nicht gespeichert: Chasm liest es aus dem Schlüsselbund des Systems, PGPASSWORD oder ~/.pgpass.</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>Team-Datenbank</translation>
    </message>
    <message>
        <source>%1 is not a postgresql:// URL</source>
        <translation>%1 ist keine postgresql://-URL</translation>
    </message>
    <message>
        <source>Leave the password out of the URL: Chasm does not keep it in its settings, it reads it from the system keychain (under %1), PGPASSWORD or ~/.pgpass.</source>
        <translation>Lassen Sie das Passwort in der URL weg: Chasm speichert es nicht in seinen Einstellungen, es liest es aus dem Schlüsselbund des Systems (unter %1), PGPASSWORD oder ~/.pgpass.</translation>
    </message>
    <message>
        <source>Publish my sessions there after each harvest</source>
        <translation>Meine Sitzungen nach jedem Sammeln dort veröffentlichen</translation>
    </message>
    <message>
        <source>Push the sessions new or changed in this computer&apos;s database into the team database, as yours, after each harvest (as chasm harvest push does)</source>
        <translation>Nach jedem Sammeln die neuen oder geänderten Sitzungen der Datenbank dieses Computers als Ihre in die Team-Datenbank übertragen (wie chasm harvest push)</translation>
    </message>
</context>
<context>
    <name>chasm::TimelinePane</name>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>last 7 days: %1</source>
        <translation>letzte 7 Tage: %1</translation>
    </message>
    <message>
        <source>last 30 days: %1</source>
        <translation>letzte 30 Tage: %1</translation>
    </message>
</context>
<context>
    <name>chasm::TimelineView</name>
    <message>
        <source>No sessions to show.</source>
        <translation>Keine Sitzungen zum Anzeigen.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chasm::TrayIcon</name>
    <message>
        <source>Chasm</source>
        <translation>Chasm</translation>
    </message>
    <message>
        <source>&amp;Open Chasm</source>
        <translation>Chasm ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation>&amp;Jetzt sammeln</translation>
    </message>
    <message>
        <source>&amp;Pause watching</source>
        <translation>Überwachung &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>chasm::WelcomePane</name>
    <message>
        <source>&amp;Harvest now</source>
        <translation>&amp;Jetzt sammeln</translation>
    </message>
    <message>
        <source>Open the &amp;recovery assistant…</source>
        <translation>&amp;Wiederherstellungsassistent öffnen…</translation>
    </message>
    <message>
        <source>&amp;Getting started and shortcuts</source>
        <translation>Erste Schritte und &amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Welcome to Chasm</source>
        <translation>Willkommen bei Chasm</translation>
    </message>
    <message>
        <source>Copy every session into Chasm&apos;s database, so that it stays when a tool deletes it and can be searched</source>
        <translation>Jede Sitzung in die Datenbank von Chasm kopieren, damit sie erhalten bleibt, wenn ein Werkzeug sie löscht, und durchsucht werden kann</translation>
    </message>
    <message>
        <source>Find sessions your editors no longer show, and bring them back</source>
        <translation>Sitzungen finden, die Ihre Editoren nicht mehr anzeigen, und sie zurückholen</translation>
    </message>
    <message>
        <source>What to do next:</source>
        <translation>Nächste Schritte:</translation>
    </message>
    <message>
        <source>Chasm found no chat sessions. It looked in:</source>
        <translation>Chasm hat keine Chat-Sitzungen gefunden. Gesucht wurde in:</translation>
    </message>
    <message>
        <source>Chat with an assistant in any of these tools, then use File → Reload. Sessions an editor lost may still be on disk: the recovery assistant looks for them.</source>
        <translation>Chatten Sie in einem dieser Werkzeuge mit einem Assistenten und wählen Sie dann Datei → Neu laden. Sitzungen, die ein Editor verloren hat, liegen vielleicht noch auf der Festplatte: Der Wiederherstellungsassistent sucht nach ihnen.</translation>
    </message>
    <message>
        <source>Chasm found %1: %2.</source>
        <translation>Chasm hat %1 gefunden: %2.</translation>
    </message>
    <message>
        <source>Select a session in the list to read it. Harvest them to keep a copy that stays when a tool deletes its history, and to search every conversation (Ctrl+K).</source>
        <translation>Wählen Sie eine Sitzung in der Liste aus, um sie zu lesen. Sammeln Sie die Sitzungen, um eine Kopie zu behalten, die bleibt, wenn ein Werkzeug seinen Verlauf löscht, und um alle Unterhaltungen zu durchsuchen (Strg+K).</translation>
    </message>
</context>
<context>
    <name>chasm::WizardSupport</name>
    <message>
        <source>Undone:</source>
        <translation>Rückgängig gemacht:</translation>
    </message>
    <message>
        <source>Undo stopped:</source>
        <translation>Rückgängig abgebrochen:</translation>
    </message>
</context>
<context>
    <name>chasm::Workspace</name>
    <message>
        <source>(no folder)</source>
        <translation>(kein Ordner)</translation>
    </message>
    <message>
        <source>(all projects)</source>
        <translation>(alle Projekte)</translation>
    </message>
</context>
<context>
    <name>chasm::WorkspaceTreeModel</name>
    <message numerus="yes">
        <source>%n session(s) in %1 workspace(s)</source>
        <translation>
            <numerusform>%n Sitzung in %1 Arbeitsbereich(en)</numerusform>
            <numerusform>%n Sitzungen in %1 Arbeitsbereich(en)</numerusform>
        </translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>Remote: %1</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>Alle Sitzungen</translation>
    </message>
    <message>
        <source>folder missing</source>
        <translation>Ordner fehlt</translation>
    </message>
    <message numerus="yes">
        <source>%n not in index</source>
        <translation>
            <numerusform>%n nicht im Index</numerusform>
            <numerusform>%n nicht im Index</numerusform>
        </translation>
    </message>
    <message>
        <source>Every session Chasm found</source>
        <translation>Jede Sitzung, die Chasm gefunden hat</translation>
    </message>
    <message>
        <source>The project folder is gone (moved, renamed or deleted): the editor opens the project under a new workspace, where these sessions do not show.</source>
        <translation>Der Projektordner ist weg (verschoben, umbenannt oder gelöscht): Der Editor öffnet das Projekt unter einem neuen Arbeitsbereich, in dem diese Sitzungen nicht erscheinen.</translation>
    </message>
    <message numerus="yes">
        <source>%n session file(s) are not in the editor&apos;s index, so its chat history does not show them (see the index inspector).</source>
        <translation>
            <numerusform>%n Sitzungsdatei ist nicht im Index des Editors, daher zeigt sein Chatverlauf sie nicht (siehe Index-Inspektor).</numerusform>
            <numerusform>%n Sitzungsdateien sind nicht im Index des Editors, daher zeigt sein Chatverlauf sie nicht (siehe Index-Inspektor).</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <source>Searches you saved from the search pane (Ctrl+D); Delete removes the selected one</source>
        <translation>Suchen, die Sie in der Suchleiste gespeichert haben (Strg+D); Entf entfernt die ausgewählte</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n session(s) of this project in %2</source>
        <translation>
            <numerusform>%1
%n Sitzung dieses Projekts in %2</numerusform>
            <numerusform>%1
%n Sitzungen dieses Projekts in %2</numerusform>
        </translation>
    </message>
</context>
</TS>
