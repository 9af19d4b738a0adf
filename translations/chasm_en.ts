<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::ChatWindow</name>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chat with a model of your choice. Every message is recorded in the harvest database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carries on “%1” (%2) with a model of your choice: its messages go to the model as context, the oldest left out if they do not fit. The new turns are recorded as a chat of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask something (Ctrl+Enter sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) not shown</source>
        <translation>
            <numerusform>%n earlier message not shown</numerusform>
            <numerusform>%n earlier messages not shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation goes on here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) listed</source>
        <translation>
            <numerusform>%n model listed</numerusform>
            <numerusform>%n models listed</numerusform>
        </translation>
    </message>
    <message>
        <source>No model provider is set up: chasm provider config NAME --endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a provider first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is answering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded as %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::ConversationView</name>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading message %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the first %n message(s), the rest still being read</source>
        <translation>
            <numerusform>the first %n message, the rest still being read</numerusform>
            <numerusform>the first %n messages, the rest still being read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show all (%n line(s))</source>
        <translation>
            <numerusform>Show all (%n line)</numerusform>
            <numerusform>Show all (%n lines)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Find in session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose tool call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;pen tool call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::EditorCheckPage</name>
    <message>
        <source>&amp;Close them now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start them again afterwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write anyway (the editor will overwrite its index when it quits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No editor that Chasm writes for is running: ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running now: %1. Close it first (your open windows come back when it restarts), or write anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the editors to quit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for running editors…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An editor keeps its session index in memory and writes it back when it quits, so it must be closed while Chasm writes. Nothing is written until you press Commit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::EmbeddedServer</name>
    <message>
        <source>API starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API on %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API not running: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::ExportDialog</name>
    <message>
        <source>One file per session, into the &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All in &amp;one file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the files when done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export %n session(s)</source>
        <translation>
            <numerusform>Export %n session</numerusform>
            <numerusform>Export %n sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>Markdown: a readable transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML: a standalone transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF: the transcript, typeset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON: Chasm&apos;s session format (can be imported again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines: a message per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV: a row per message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export into the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export into the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to write the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the file was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n file(s), each complete.</source>
        <translation>
            <numerusform>Cancelled after %n file, complete.</numerusform>
            <numerusform>Cancelled after %n files, each complete.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) into %1.</source>
        <translation>
            <numerusform>Wrote %n file into %1.</numerusform>
            <numerusform>Wrote %n files into %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out, as they cannot be read:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::GuideDialog</name>
    <message>
        <source>Getting started with Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chasm reads the chat histories your AI coding assistants keep on this computer.

- **Sources** (left): every tool and its projects. Select one to list its sessions.
- **Sessions** (top): type in the filter to narrow the list by title, tool or project; select a session to read it below. Its context menu exports, merges, or opens it in its tool again.
- **Search** (Ctrl+K): every word of every conversation, as you type. `zephyr*` finds words starting so, &quot;a phrase&quot; finds it whole, `a OR b` either word, `a NOT b` leaves one out. Search reads Chasm&apos;s database: harvest first (Harvest → Harvest now).
- **Harvest** keeps a copy of every session, which stays when a tool deletes its history.
- **Tools → Recovery assistant** finds sessions your editors no longer show, and brings them back; every change it makes can be undone.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::HarvestStatusBar</name>
    <message>
        <source>Show &amp;failures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the harvest: what was read is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another harvest is running on this database; waiting for it to finish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harvesting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harvesting: %1 of %2 sessions, %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harvested: %1 new, %2 updated, %3 unchanged, %4 failed in %5 s (%6 sessions in the database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled; the next harvest reads the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept as stored: their sources shrank</source>
        <translation>
            <numerusform>%n session kept as stored: its source shrank</numerusform>
            <numerusform>%n sessions kept as stored: their sources shrank</numerusform>
        </translation>
    </message>
    <message>
        <source>see Harvest → Show failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harvest failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions that could not be harvested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each is retried when its file changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>shown of all sessions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes seen: harvesting them in %1 s (the last harvest took %2 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::HistoryWindow</name>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Even if a file &amp;changed since (its current content is kept beside it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, by this app or the chasm command, newest first. Undo puts the files of a change back from its backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back every file this change wrote, from its backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the changes Chasm made…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chasm has changed none of your files (or every change was undone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) that can be undone.</source>
        <translation>
            <numerusform>%n change that can be undone.</numerusform>
            <numerusform>%n changes that can be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files it changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (new: undo removes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (backup: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded in %1; from a terminal: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not undone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the changes &amp;undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (undone %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone on %1: its files hold what they held before it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::IndexEntryModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>isEmpty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::IndexInspector</name>
    <message>
        <source>Select a VS Code, Cursor or Windsurf workspace to compare its session index with its files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps no session index: only VS Code-family editors do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the index of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 index entries, %3 session files; %4 problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index could not be read (%1), so no file is called missing from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needed fixing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups are recorded in %1; Undo puts everything back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fix selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repair all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Even while the editor runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compact damaged or long session logs, complete requests left pending, and rebuild every entry of this workspace&apos;s index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The editor keeps its index in memory and overwrites it when it quits: a change made while it runs is lost. Close the editor first when you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fixing %n session(s)…</source>
        <translation>
            <numerusform>Fixing %n session…</numerusform>
            <numerusform>Fixing %n sessions…</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo failed, nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histor&amp;y…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild the selected sessions&apos; index entries from their files, adding those the index lacks, so the editor&apos;s chat history shows them; take out the selected entries whose file is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back every file the last fix changed, from its backups; again for the fix before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, each with an Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::MainWindow</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new %1 session(s) harvested</source>
        <translation>
            <numerusform>%n new %1 session harvested</numerusform>
            <numerusform>%n new %1 sessions harvested</numerusform>
        </translation>
    </message>
    <message>
        <source>Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Harvest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy every new or changed session into Chasm&apos;s database (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel harvest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to s&amp;essions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to s&amp;ources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fi&amp;lter sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Chasm %1&lt;/b&gt;&lt;p&gt;Finds, keeps and searches the chat histories of AI coding assistants.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for chat sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a session to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>## No sessions found

Chasm looked in:

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Chat with an assistant in any of these tools, then use File → Reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show file in the file &amp;manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Copy id(s)</source>
        <translation>
            <numerusform>&amp;Copy id</numerusform>
            <numerusform>&amp;Copy ids</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Raw record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch between the conversation and the selected message as the tool wrote it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the search “%1” in the sources pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the saved search “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recovery assistant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find sessions your editors no longer show, and bring them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join sessions of any tools into one session your editor can open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Merge %n session(s)…</source>
        <translation>
            <numerusform>&amp;Merge %n session…</numerusform>
            <numerusform>&amp;Merge %n sessions…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Export selected sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n session(s)…</source>
        <translation>
            <numerusform>E&amp;xport %n session…</numerusform>
            <numerusform>E&amp;xport %n sessions…</numerusform>
        </translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter sessions by title, project, tool or id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in its tool…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, each with an Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Getting started and shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Select its sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the folder&apos;s &amp;path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport its %n session(s)…</source>
        <translation>
            <numerusform>E&amp;xport its %n session…</numerusform>
            <numerusform>E&amp;xport its %n sessions…</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy MCP &amp;configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the Claude Desktop configuration that starts Chasm&apos;s MCP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the Claude Desktop configuration of Chasm&apos;s MCP server: paste it into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect AI &amp;agents (MCP)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Claude, VS Code, Cursor, Codex or Gemini search your history through Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when it next starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deletes “%2” %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Chasm has not kept them: see `chasm retention`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) about to be deleted</source>
        <translation>
            <numerusform>%n session about to be deleted</numerusform>
            <numerusform>%n sessions about to be deleted</numerusform>
        </translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;tinue with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database %1 has every session of yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Published to the team database %1: %n new session(s), %2 updated</source>
        <translation>
            <numerusform>Published to the team database %1: %n new session, %2 updated</numerusform>
            <numerusform>Published to the team database %1: %n new sessions, %2 updated</numerusform>
        </translation>
    </message>
    <message>
        <source>Not published to the team database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published to the team database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>their tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;tore to its tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;tore to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n session(s)…</source>
        <translation>
            <numerusform>Restoring %n session…</numerusform>
            <numerusform>Restoring %n sessions…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restored %n file(s) to their tools; Edit → History can undo it.</source>
        <translation>
            <numerusform>Restored %n file to its tool; Edit → History can undo it.</numerusform>
            <numerusform>Restored %n files to their tools; Edit → History can undo it.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::McpSetupDialog</name>
    <message>
        <source>Run this in a terminal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the file exists, add the “chasm” entry to its “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this in %1 (for one project only: %2 in its folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect AI agents (MCP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI agents search and read your chat history through Chasm&apos;s MCP server (&lt;code&gt;chasm mcp serve&lt;/code&gt;). Give yours this configuration, then restart it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the %1 configuration of Chasm&apos;s MCP server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::MergeWizard</name>
    <message>
        <source>&amp;Open the merged session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo the merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sessions to merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions of any tool can be merged; the originals are not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tick all shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;ntick all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merged timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests in time order; a request found twice is kept once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title and workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merged session goes into a workspace of the VS Code family and is added to its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workspace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written as %1, the format this workspace&apos;s editor reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the merged session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every file is backed up before it changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was written, and the backups made. Undo removes the merged session again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 session chosen: it becomes a VS Code session of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) chosen.</source>
        <translation>
            <numerusform>%n session chosen.</numerusform>
            <numerusform>%n sessions chosen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %n session(s)…</source>
        <translation>
            <numerusform>Reading %n session…</numerusform>
            <numerusform>Reading %n sessions…</numerusform>
        </translation>
    </message>
    <message>
        <source>These sessions cannot be merged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) from %1 session(s), %2 – %3; %4 duplicate(s) left out.</source>
        <translation>
            <numerusform>%n request from %1 session(s), %2 – %3; %4 duplicate(s) left out.</numerusform>
            <numerusform>%n requests from %1 session(s), %2 – %3; %4 duplicate(s) left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything is carried over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be carried over:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace of VS Code, Cursor or Windsurf is known: open the project in the editor once, then merge again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge failed: see the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n request(s) from %2 session(s), into %3</source>
        <translation>
            <numerusform>“%1”: %n request from %2 session(s), into %3</numerusform>
            <numerusform>“%1”: %n requests from %2 session(s), into %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not carried over: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;existing one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write &amp;another copy anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, this merge included, each with an Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) found again with other content: %1 cut off (the complete copy is kept), %2 kept as well under a new id.</source>
        <translation>
            <numerusform>%n request found again with other content: %1 cut off (the complete copy is kept), %2 kept as well under a new id.</numerusform>
            <numerusform>%n requests found again with other content: %1 cut off (the complete copy is kept), %2 kept as well under a new id.</numerusform>
        </translation>
    </message>
    <message>
        <source>This workspace holds a merge of the same sessions already: “%1” (%2). Open it, or write another copy anyway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::ProjectTreeModel</name>
    <message>
        <source>Sessions that name no project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1
%n session(s) from %2</source>
        <translation>
            <numerusform>%1
%n session from %2</numerusform>
            <numerusform>%1
%n sessions from %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Last used %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An older workspace of this folder: %1 now opens another one, where these sessions do not show (the recovery assistant brings them over).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::RawRecordView</name>
    <message>
        <source>Open a session and select a message to see it as the tool wrote it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session is open from the harvest database and its tool no longer lists it, so there is no file to show the raw record from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading message %1 from %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the raw record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 as the tool keeps it in %2 (read now)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::RecoveryWizard</name>
    <message numerus="yes">
        <source>%n session(s) in an older workspace of this project (%1), which the editor no longer opens: from before the folder was moved, renamed or reopened another way</source>
        <translation>
            <numerusform>%n session in an older workspace of this project (%1), which the editor no longer opens: from before the folder was moved, renamed or reopened another way</numerusform>
            <numerusform>%n sessions in an older workspace of this project (%1), which the editor no longer opens: from before the folder was moved, renamed or reopened another way</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) on disk that the editor&apos;s history does not list</source>
        <translation>
            <numerusform>%n session on disk that the editor&apos;s history does not list</numerusform>
            <numerusform>%n sessions on disk that the editor&apos;s history does not list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) hidden or failing to open because the index says they are empty or were cancelled</source>
        <translation>
            <numerusform>%n session hidden or failing to open because the index says they are empty or were cancelled</numerusform>
            <numerusform>%n sessions hidden or failing to open because the index says they are empty or were cancelled</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo all of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for lost sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chasm reads every VS Code, Cursor and Windsurf workspace; nothing is changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to bring back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouped by project. Everything is chosen; untick what you want to leave as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bringing the sessions back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every file is backed up before it changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed, and the backups made. Undo puts every file back as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading workspaces and their session indexes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to recover: every session file is in its editor&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Found %n session(s) to bring back, in %1 project(s). Next shows them.</source>
        <translation>
            <numerusform>Found %n session to bring back, in %1 project. Next shows them.</numerusform>
            <numerusform>Found %n sessions to bring back, in %1 projects. Next shows them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s), last active %2.
File: %3
Goes into: %4</source>
        <translation>
            <numerusform>“%1”: %n message, last active %2.
File: %3
Goes into: %4</numerusform>
            <numerusform>“%1”: %n messages, last active %2.
File: %3
Goes into: %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done, with problems: see the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept only in backup files (%1)</source>
        <translation>
            <numerusform>%n session kept only in backup files (%1)</numerusform>
            <numerusform>%n sessions kept only in backup files (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept only in an old state database (%1), from before the editor saved sessions as files</source>
        <translation>
            <numerusform>%n session kept only in an old state database (%1), from before the editor saved sessions as files</numerusform>
            <numerusform>%n sessions kept only in an old state database (%1), from before the editor saved sessions as files</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, these included, each with an Undo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::ResumeDialog</name>
    <message>
        <source>&amp;Copy command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps “%2” with its workspace: this command opens the folder, where the chat shows in its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This command carries on “%1” in %2, in its project folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run in a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: paste it in a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1: is it installed? Copy the command and run it yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::SearchPane</name>
    <message numerus="yes">
        <source>%n hit(s) in %1 ms</source>
        <translation>
            <numerusform>%n hit in %1 ms</numerusform>
            <numerusform>%n hits in %1 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>Search every conversation (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words find messages holding all of them. Also: &quot;a phrase&quot;, prefix*, a OR b, a NOT b.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest shown: too many matches to rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest shown: these words are in most messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest shown: the prefix matches too many words to rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this search and its filters in the sources pane (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>project “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy every session of every tool into Chasm&apos;s database, which search reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search reads Chasm&apos;s database, which holds no sessions yet: harvest them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches “%1”. Try fewer words, the beginning of a word (zephyr*), a &quot;phrase in quotes&quot;, either word (zephyr OR gale) or one left out (zephyr NOT gale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the database on this computer, or the team database set in the settings (your sessions there and those shared with you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team database (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::SearchResultModel</name>
    <message>
        <source>message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::SessionListModel</name>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unreadable) %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept only by Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer has this session; Chasm&apos;s database keeps it. Restore puts it back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::SettingsDialog</name>
    <message>
        <source>Keep Chasm in the system tray and harvest new sessions automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default (in your data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools to harvest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also rescan every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect the next time Chasm starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the HTTP API server in Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IP address: 127.0.0.1 serves only this computer, any other address the network (every request must then bring the token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the token to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new token: clients that bring the old one are refused from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every request but GET /api/v1/health must bring it as &quot;Authorization: Bearer TOKEN&quot;. It is kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token can be kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a line, as scheme://host[:port]. Web pages of these origins may call the API from a browser (CORS); any other origin is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving the API at %1/api/v1 and MCP at %1/mcp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin: write it as scheme://host[:port], e.g. https://example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (postgresql://you@host/database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A team database on PostgreSQL, which search can read besides this computer&apos;s. Its password is not kept here: Chasm reads it from the system keychain, PGPASSWORD or ~/.pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a postgresql:// URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the password out of the URL: Chasm does not keep it in its settings, it reads it from the system keychain (under %1), PGPASSWORD or ~/.pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish my sessions there after each harvest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push the sessions new or changed in this computer&apos;s database into the team database, as yours, after each harvest (as chasm harvest push does)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::TimelinePane</name>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 7 days: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 30 days: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::TimelineView</name>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>No sessions to show.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::TrayIcon</name>
    <message>
        <source>Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause watching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::WelcomePane</name>
    <message>
        <source>&amp;Harvest now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;recovery assistant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Getting started and shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Chasm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy every session into Chasm&apos;s database, so that it stays when a tool deletes it and can be searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find sessions your editors no longer show, and bring them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do next:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chasm found no chat sessions. It looked in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with an assistant in any of these tools, then use File → Reload. Sessions an editor lost may still be on disk: the recovery assistant looks for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chasm found %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a session in the list to read it. Harvest them to keep a copy that stays when a tool deletes its history, and to search every conversation (Ctrl+K).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::WizardSupport</name>
    <message>
        <source>Undone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo stopped:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::Workspace</name>
    <message>
        <source>(no folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(all projects)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>chasm::WorkspaceTreeModel</name>
    <message numerus="yes">
        <source>%n session(s) in %1 workspace(s)</source>
        <translation>
            <numerusform>%n session in %1 workspace</numerusform>
            <numerusform>%n sessions in %1 workspaces</numerusform>
        </translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n not in index</source>
        <translation>
            <numerusform>%n not in index</numerusform>
            <numerusform>%n not in index</numerusform>
        </translation>
    </message>
    <message>
        <source>Every session Chasm found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project folder is gone (moved, renamed or deleted): the editor opens the project under a new workspace, where these sessions do not show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session file(s) are not in the editor&apos;s index, so its chat history does not show them (see the index inspector).</source>
        <translation>
            <numerusform>%n session file is not in the editor&apos;s index, so its chat history does not show it (see the index inspector).</numerusform>
            <numerusform>%n session files are not in the editor&apos;s index, so its chat history does not show them (see the index inspector).</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches you saved from the search pane (Ctrl+D); Delete removes the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1
%n session(s) of this project in %2</source>
        <translation>
            <numerusform>%1
%n session of this project in %2</numerusform>
            <numerusform>%1
%n sessions of this project in %2</numerusform>
        </translation>
    </message>
</context>
</TS>
