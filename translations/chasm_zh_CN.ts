<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>确定(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>chasm::ChatWindow</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Continue “%1”</source>
        <translation>继续“%1”</translation>
    </message>
    <message>
        <source>A chat with a model of your choice. Every message is recorded in the harvest database.</source>
        <translation>与您所选模型的聊天。每条消息都会记录到收集数据库中。</translation>
    </message>
    <message>
        <source>Carries on “%1” (%2) with a model of your choice: its messages go to the model as context, the oldest left out if they do not fit. The new turns are recorded as a chat of their own.</source>
        <translation>使用您所选的模型继续“%1”（%2）：其消息会作为上下文发送给模型，放不下时省略最早的消息。新的对话会记录为一个单独的聊天。</translation>
    </message>
    <message>
        <source>Ask something (Ctrl+Enter sends)</source>
        <translation>输入您的问题 (Ctrl+Enter 发送)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>提供商(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) not shown</source>
        <translation>
            <numerusform>另有 %n 条更早的消息未显示</numerusform>
        </translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>The conversation goes on here</source>
        <translation>对话从这里继续</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) listed</source>
        <translation>
            <numerusform>已列出 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>No model provider is set up: chasm provider config NAME --endpoint URL</source>
        <translation>尚未设置模型提供商：chasm provider config NAME --endpoint URL</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>正在向 %1 查询其模型…</translation>
    </message>
    <message>
        <source>Choose a provider first</source>
        <translation>请先选择提供商</translation>
    </message>
    <message>
        <source>Choose a model first</source>
        <translation>请先选择模型</translation>
    </message>
    <message>
        <source>%1 is answering…</source>
        <translation>%1 正在回答…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>recorded as %1</source>
        <translation>已记录为 %1</translation>
    </message>
</context>
<context>
    <name>chasm::ConversationView</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配项 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配项 (F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Reading message %1…</source>
        <translation>正在读取第 %1 条消息…</translation>
    </message>
    <message>
        <source>Find in this session</source>
        <translation>在此会话中查找</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message numerus="yes">
        <source>the first %n message(s), the rest still being read</source>
        <translation>
            <numerusform>前 %n 条消息，其余仍在读取中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>Show all (%n line(s))</source>
        <translation>
            <numerusform>全部显示（%n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Find in session</source>
        <translation>在会话中查找(&amp;F)</translation>
    </message>
    <message>
        <source>C&amp;lose tool call</source>
        <translation>收起工具调用(&amp;L)</translation>
    </message>
    <message>
        <source>O&amp;pen tool call</source>
        <translation>展开工具调用(&amp;P)</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>chasm::EditorCheckPage</name>
    <message>
        <source>&amp;Close them now</source>
        <translation>立即关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Start them again afterwards</source>
        <translation>之后重新启动(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Write anyway (the editor will overwrite its index when it quits)</source>
        <translation>仍然写入(&amp;W)（编辑器退出时会覆盖其索引）</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>No editor that Chasm writes for is running: ready.</source>
        <translation>Chasm 要写入的编辑器均未运行：已就绪。</translation>
    </message>
    <message>
        <source>Running now: %1. Close it first (your open windows come back when it restarts), or write anyway.</source>
        <translation>正在运行：%1。请先关闭它（重新启动时会恢复已打开的窗口），或仍然写入。</translation>
    </message>
    <message>
        <source>Asking the editors to quit…</source>
        <translation>正在请求编辑器退出…</translation>
    </message>
    <message>
        <source>Looking for running editors…</source>
        <translation>正在查找运行中的编辑器…</translation>
    </message>
    <message>
        <source>An editor keeps its session index in memory and writes it back when it quits, so it must be closed while Chasm writes. Nothing is written until you press Commit.</source>
        <translation>编辑器将会话索引保存在内存中，并在退出时写回，因此在 Chasm 写入时必须关闭编辑器。在您点击“提交”之前，不会写入任何内容。</translation>
    </message>
</context>
<context>
    <name>chasm::EmbeddedServer</name>
    <message>
        <source>API starting…</source>
        <translation>API 正在启动…</translation>
    </message>
    <message>
        <source>API on %1:%2</source>
        <translation>API 位于 %1:%2</translation>
    </message>
    <message>
        <source>API not running: %1</source>
        <translation>API 未运行：%1</translation>
    </message>
</context>
<context>
    <name>chasm::ExportDialog</name>
    <message>
        <source>One file per session, into the &amp;folder:</source>
        <translation>每个会话一个文件，写入文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>All in &amp;one file:</source>
        <translation>全部写入一个文件(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Show the files when done</source>
        <translation>完成后显示文件</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message numerus="yes">
        <source>Export %n session(s)</source>
        <translation>
            <numerusform>导出 %n 个会话</numerusform>
        </translation>
    </message>
    <message>
        <source>Markdown: a readable transcript</source>
        <translation>Markdown：可读的对话记录</translation>
    </message>
    <message>
        <source>HTML: a standalone transcript</source>
        <translation>HTML：独立的对话记录</translation>
    </message>
    <message>
        <source>PDF: the transcript, typeset</source>
        <translation>PDF：排版后的对话记录</translation>
    </message>
    <message>
        <source>JSON: Chasm&apos;s session format (can be imported again)</source>
        <translation>JSON：Chasm 的会话格式（可再次导入）</translation>
    </message>
    <message>
        <source>JSON Lines: a message per line</source>
        <translation>JSON Lines：每行一条消息</translation>
    </message>
    <message>
        <source>CSV: a row per message</source>
        <translation>CSV：每条消息一行</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Export into the file</source>
        <translation>导出到文件</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <source>Export into the folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Choose where to write the files.</source>
        <translation>请选择文件的写入位置。</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation>导出已停止：%1</translation>
    </message>
    <message>
        <source>Cancelled: the file was not written.</source>
        <translation>已取消：未写入文件。</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n file(s), each complete.</source>
        <translation>
            <numerusform>已在 %n 个文件后取消，每个文件均完整。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) into %1.</source>
        <translation>
            <numerusform>已将 %n 个文件写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out, as they cannot be read:</source>
        <translation>已略过（无法读取）：</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>chasm::GuideDialog</name>
    <message>
        <source>Getting started with Chasm</source>
        <translation>Chasm 入门</translation>
    </message>
    <message>
        <source>Chasm reads the chat histories your AI coding assistants keep on this computer.

- **Sources** (left): every tool and its projects. Select one to list its sessions.
- **Sessions** (top): type in the filter to narrow the list by title, tool or project; select a session to read it below. Its context menu exports, merges, or opens it in its tool again.
- **Search** (Ctrl+K): every word of every conversation, as you type. `zephyr*` finds words starting so, &quot;a phrase&quot; finds it whole, `a OR b` either word, `a NOT b` leaves one out. Search reads Chasm&apos;s database: harvest first (Harvest → Harvest now).
- **Harvest** keeps a copy of every session, which stays when a tool deletes its history.
- **Tools → Recovery assistant** finds sessions your editors no longer show, and brings them back; every change it makes can be undone.
</source>
        <translation>Chasm 读取 AI 编程助手保存在此计算机上的聊天记录。

- **来源**（左侧）：每个工具及其项目。选择其中一项即可列出其会话。
- **会话**（上方）：在筛选框中输入内容，按标题、工具或项目缩小列表范围；选择一个会话即可在下方阅读。通过其上下文菜单可以导出、合并会话，或在其工具中再次打开。
- **搜索** (Ctrl+K)：边输入边搜索所有对话中的每个词。`zephyr*` 查找以此开头的词，&quot;短语&quot; 查找完整短语，`a OR b` 查找任一词，`a NOT b` 排除一个词。搜索读取的是 Chasm 的数据库：请先收集（收集 → 立即收集）。
- **收集**会保存每个会话的副本，即使工具删除了其历史记录，副本也会保留。
- **工具 → 恢复助手**查找编辑器不再显示的会话并将其找回；它所做的每项更改都可以撤销。
</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>chasm::HarvestStatusBar</name>
    <message>
        <source>Show &amp;failures…</source>
        <translation>显示失败项(&amp;F)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the harvest: what was read is kept</source>
        <translation>停止收集：已读取的内容会保留</translation>
    </message>
    <message>
        <source>Another harvest is running on this database; waiting for it to finish…</source>
        <translation>另一个收集正在此数据库上运行；正在等待它完成…</translation>
    </message>
    <message>
        <source>Harvesting…</source>
        <translation>正在收集…</translation>
    </message>
    <message>
        <source>Harvesting: %1 of %2 sessions, %3 of %4</source>
        <translation>正在收集：%1/%2 个会话，%3/%4</translation>
    </message>
    <message>
        <source>Harvested: %1 new, %2 updated, %3 unchanged, %4 failed in %5 s (%6 sessions in the database)</source>
        <translation>收集完成：新增 %1，更新 %2，未变 %3，失败 %4，用时 %5 秒（数据库中共 %6 个会话）</translation>
    </message>
    <message>
        <source>cancelled; the next harvest reads the rest</source>
        <translation>已取消；下次收集时将读取其余部分</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept as stored: their sources shrank</source>
        <translation>
            <numerusform>%n 个会话保留了已存储的内容：其来源变短了</numerusform>
        </translation>
    </message>
    <message>
        <source>see Harvest → Show failures</source>
        <translation>请参阅“收集 → 显示失败项”</translation>
    </message>
    <message>
        <source>Harvest failed: %1</source>
        <translation>收集失败：%1</translation>
    </message>
    <message>
        <source>Sessions that could not be harvested</source>
        <translation>无法收集的会话</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Each is retried when its file changes.</source>
        <translation>文件发生更改时会自动重试。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>shown of all sessions</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Changes seen: harvesting them in %1 s (the last harvest took %2 s)</source>
        <translation>检测到更改：将在 %1 秒后收集（上次收集用时 %2 秒）</translation>
    </message>
</context>
<context>
    <name>chasm::HistoryWindow</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Even if a file &amp;changed since (its current content is kept beside it)</source>
        <translation>即使文件此后已更改(&amp;C)（其当前内容会另存在旁边）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>更改历史</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, by this app or the chasm command, newest first. Undo puts the files of a change back from its backups.</source>
        <translation>Chasm 对您的文件所做的每项更改（无论来自此应用还是 chasm 命令），最新的在前。撤销会从备份中恢复某项更改所写入的文件。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Put back every file this change wrote, from its backups</source>
        <translation>从备份中恢复此更改写入的每个文件</translation>
    </message>
    <message>
        <source>Looking for the changes Chasm made…</source>
        <translation>正在查找 Chasm 所做的更改…</translation>
    </message>
    <message>
        <source>Chasm has changed none of your files (or every change was undone).</source>
        <translation>Chasm 未更改您的任何文件（或所有更改均已撤销）。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) that can be undone.</source>
        <translation>
            <numerusform>%n 项可撤销的更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Files it changed:</source>
        <translation>更改的文件：</translation>
    </message>
    <message>
        <source>%1 (new: undo removes it)</source>
        <translation>%1（新建：撤销会将其删除）</translation>
    </message>
    <message>
        <source>%1 (backup: %2)</source>
        <translation>%1（备份：%2）</translation>
    </message>
    <message>
        <source>Recorded in %1; from a terminal: %2</source>
        <translation>记录于 %1；在终端中：%2</translation>
    </message>
    <message>
        <source>Undoing %1…</source>
        <translation>正在撤销 %1…</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Not undone: %1</source>
        <translation>未撤销：%1</translation>
    </message>
    <message>
        <source>Show the changes &amp;undone</source>
        <translation>显示已撤销的更改(&amp;U)</translation>
    </message>
    <message>
        <source>%1 (undone %2)</source>
        <translation>%1（已于 %2 撤销）</translation>
    </message>
    <message>
        <source>Undone on %1: its files hold what they held before it.</source>
        <translation>已于 %1 撤销：文件已恢复为操作前的内容。</translation>
    </message>
</context>
<context>
    <name>chasm::IndexEntryModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>In index</source>
        <translation>在索引中</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>isEmpty</source>
        <translation>isEmpty</translation>
    </message>
    <message>
        <source>Last response</source>
        <translation>最后的回复</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>最后一条消息</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>chasm::IndexInspector</name>
    <message>
        <source>Select a VS Code, Cursor or Windsurf workspace to compare its session index with its files.</source>
        <translation>选择一个 VS Code、Cursor 或 Windsurf 工作区，将其会话索引与文件进行比较。</translation>
    </message>
    <message>
        <source>%1 keeps no session index: only VS Code-family editors do.</source>
        <translation>%1 没有会话索引：只有 VS Code 系列编辑器才有。</translation>
    </message>
    <message>
        <source>Reading the index of %1…</source>
        <translation>正在读取 %1 的索引…</translation>
    </message>
    <message>
        <source>%1: %2 index entries, %3 session files; %4 problems.</source>
        <translation>%1：%2 个索引条目，%3 个会话文件；%4 个问题。</translation>
    </message>
    <message>
        <source>The index could not be read (%1), so no file is called missing from it.</source>
        <translation>无法读取索引（%1），因此不会将任何文件报告为索引中缺失。</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>未做任何更改：%1</translation>
    </message>
    <message>
        <source>Nothing needed fixing.</source>
        <translation>没有需要修复的内容。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Backups are recorded in %1; Undo puts everything back.</source>
        <translation>备份记录在 %1 中；撤销可恢复所有内容。</translation>
    </message>
    <message>
        <source>&amp;Fix selected</source>
        <translation>修复所选(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Repair all</source>
        <translation>全部修复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Even while the editor runs</source>
        <translation>即使编辑器正在运行</translation>
    </message>
    <message>
        <source>Compact damaged or long session logs, complete requests left pending, and rebuild every entry of this workspace&apos;s index</source>
        <translation>压缩损坏或过长的会话日志，完成挂起的请求，并重建此工作区索引的每个条目</translation>
    </message>
    <message>
        <source>The editor keeps its index in memory and overwrites it when it quits: a change made while it runs is lost. Close the editor first when you can.</source>
        <translation>编辑器将索引保存在内存中，并在退出时覆盖它：在其运行时所做的更改会丢失。请尽量先关闭编辑器。</translation>
    </message>
    <message numerus="yes">
        <source>Fixing %n session(s)…</source>
        <translation>
            <numerusform>正在修复 %n 个会话…</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing %1…</source>
        <translation>正在修复 %1…</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>Undo failed, nothing was changed: %1</source>
        <translation>撤销失败，未做任何更改：%1</translation>
    </message>
    <message>
        <source>Histor&amp;y…</source>
        <translation>更改历史(&amp;Y)…</translation>
    </message>
    <message>
        <source>Rebuild the selected sessions&apos; index entries from their files, adding those the index lacks, so the editor&apos;s chat history shows them; take out the selected entries whose file is gone</source>
        <translation>根据文件重建所选会话的索引条目，并补上索引中缺少的条目，使编辑器的聊天历史显示它们；移除文件已不存在的所选条目</translation>
    </message>
    <message>
        <source>Put back every file the last fix changed, from its backups; again for the fix before</source>
        <translation>从备份中恢复上次修复更改的每个文件；再次执行则恢复更早的一次修复</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, each with an Undo</source>
        <translation>Chasm 对您的文件所做的每项更改，每项均可撤销</translation>
    </message>
    <message>
        <source>Undo stopped: %1</source>
        <translation>撤销已停止：%1</translation>
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
        <translation>搜索</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Harvest</source>
        <translation>收集(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation>立即收集(&amp;H)</translation>
    </message>
    <message>
        <source>Copy every new or changed session into Chasm&apos;s database (%1)</source>
        <translation>将所有新增或已更改的会话复制到 Chasm 的数据库（%1）</translation>
    </message>
    <message>
        <source>&amp;Cancel harvest</source>
        <translation>取消收集(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search everything</source>
        <translation>全局搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Go to s&amp;essions</source>
        <translation>转到会话列表(&amp;E)</translation>
    </message>
    <message>
        <source>Go to s&amp;ources</source>
        <translation>转到来源(&amp;O)</translation>
    </message>
    <message>
        <source>Go to &amp;conversation</source>
        <translation>转到对话(&amp;C)</translation>
    </message>
    <message>
        <source>Fi&amp;lter sessions</source>
        <translation>筛选会话(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Chasm</source>
        <translation>关于 Chasm(&amp;A)</translation>
    </message>
    <message>
        <source>About Chasm</source>
        <translation>关于 Chasm</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chasm %1&lt;/b&gt;&lt;p&gt;Finds, keeps and searches the chat histories of AI coding assistants.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Chasm %1&lt;/b&gt;&lt;p&gt;查找、保存并搜索 AI 编程助手的聊天记录。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Looking for chat sessions…</source>
        <translation>正在查找聊天会话…</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n 个会话</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a session to read it.</source>
        <translation>选择一个会话以查看其内容。</translation>
    </message>
    <message>
        <source>## No sessions found

Chasm looked in:

</source>
        <translation>## 未找到会话

Chasm 查找了以下位置：

</translation>
    </message>
    <message>
        <source>
Chat with an assistant in any of these tools, then use File → Reload.</source>
        <translation>
请在上述任一工具中与助手聊天，然后使用“文件 → 重新加载”。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>This session cannot be read</source>
        <translation>无法读取此会话</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Show file in the file &amp;manager</source>
        <translation>在文件管理器中显示文件(&amp;M)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Copy id(s)</source>
        <translation>
            <numerusform>复制 ID(&amp;C)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new %1 session(s) harvested</source>
        <translation>
            <numerusform>已收集 %n 个新的 %1 会话</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>原始记录</translation>
    </message>
    <message>
        <source>Index inspector</source>
        <translation>索引检查器</translation>
    </message>
    <message>
        <source>&amp;Raw record</source>
        <translation>原始记录(&amp;R)</translation>
    </message>
    <message>
        <source>Switch between the conversation and the selected message as the tool wrote it</source>
        <translation>在对话与工具原样写入的所选消息之间切换</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>保存搜索</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation>删除已保存的搜索</translation>
    </message>
    <message>
        <source>Saved the search “%1” in the sources pane</source>
        <translation>已将搜索“%1”保存到来源面板</translation>
    </message>
    <message>
        <source>Removed the saved search “%1”</source>
        <translation>已删除保存的搜索“%1”</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Recovery assistant…</source>
        <translation>恢复助手(&amp;R)…</translation>
    </message>
    <message>
        <source>Find sessions your editors no longer show, and bring them back</source>
        <translation>查找编辑器不再显示的会话并将其找回</translation>
    </message>
    <message>
        <source>&amp;Merge sessions…</source>
        <translation>合并会话(&amp;M)…</translation>
    </message>
    <message>
        <source>Join sessions of any tools into one session your editor can open</source>
        <translation>将任意工具的会话合并为一个编辑器可以打开的会话</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Merge %n session(s)…</source>
        <translation>
            <numerusform>合并 %n 个会话(&amp;M)…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Export selected sessions…</source>
        <translation>导出所选会话(&amp;E)…</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n session(s)…</source>
        <translation>
            <numerusform>导出 %n 个会话(&amp;X)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Filter sessions by title, project, tool or id</source>
        <translation>按标题、项目、工具或 ID 筛选会话</translation>
    </message>
    <message>
        <source>&amp;Open in its tool…</source>
        <translation>在所属工具中打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Open in %1…</source>
        <translation>在 %1 中打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>更改历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, each with an Undo</source>
        <translation>Chasm 对您的文件所做的每项更改，每项均可撤销</translation>
    </message>
    <message>
        <source>&amp;Getting started and shortcuts</source>
        <translation>入门和快捷键(&amp;G)</translation>
    </message>
    <message>
        <source>Open in %1…</source>
        <translation>在 %1 中打开…</translation>
    </message>
    <message>
        <source>&amp;Select its sessions</source>
        <translation>选择该项目的会话(&amp;S)</translation>
    </message>
    <message>
        <source>Copy the folder&apos;s &amp;path</source>
        <translation>复制文件夹路径(&amp;P)</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport its %n session(s)…</source>
        <translation>
            <numerusform>导出其 %n 个会话(&amp;X)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy MCP &amp;configuration</source>
        <translation>复制 MCP 配置(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the Claude Desktop configuration that starts Chasm&apos;s MCP server</source>
        <translation>复制启动 Chasm MCP 服务器的 Claude Desktop 配置</translation>
    </message>
    <message>
        <source>Copied the Claude Desktop configuration of Chasm&apos;s MCP server: paste it into %1</source>
        <translation>已复制 Chasm MCP 服务器的 Claude Desktop 配置:请粘贴到 %1</translation>
    </message>
    <message>
        <source>Connect AI &amp;agents (MCP)…</source>
        <translation>连接 AI 智能体 (MCP)(&amp;A)…</translation>
    </message>
    <message>
        <source>How Claude, VS Code, Cursor, Codex or Gemini search your history through Chasm</source>
        <translation>Claude、VS Code、Cursor、Codex 或 Gemini 如何通过 Chasm 搜索你的历史记录</translation>
    </message>
    <message>
        <source>when it next starts</source>
        <translation>下次启动时</translation>
    </message>
    <message>
        <source>%1 deletes “%2” %3</source>
        <translation>%1 将删除“%2”（%3）</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Chasm has not kept them: see `chasm retention`.</source>
        <translation>Chasm 未能保存它们：请查看 `chasm retention`。</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) about to be deleted</source>
        <translation>
            <numerusform>%n 个会话即将被删除</numerusform>
        </translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>于 %1</translation>
    </message>
    <message>
        <source>&amp;Continue with…</source>
        <translation>使用模型继续(&amp;C)…</translation>
    </message>
    <message>
        <source>Reading “%1”…</source>
        <translation>正在读取“%1”…</translation>
    </message>
    <message>
        <source>Con&amp;tinue with…</source>
        <translation>使用模型继续(&amp;T)…</translation>
    </message>
    <message>
        <source>The team database %1 has every session of yours</source>
        <translation>团队数据库 %1 已包含您的所有会话</translation>
    </message>
    <message numerus="yes">
        <source>Published to the team database %1: %n new session(s), %2 updated</source>
        <translation>
            <numerusform>已发布到团队数据库 %1：%n 个新会话，%2 个已更新</numerusform>
        </translation>
    </message>
    <message>
        <source>Not published to the team database %1: %2</source>
        <translation>未发布到团队数据库 %1：%2</translation>
    </message>
    <message>
        <source>Not published to the team database: %1</source>
        <translation>未发布到团队数据库：%1</translation>
    </message>
    <message>
        <source>their tools</source>
        <translation>它们的工具</translation>
    </message>
    <message>
        <source>Res&amp;tore to its tool</source>
        <translation>恢复到其工具(&amp;T)</translation>
    </message>
    <message>
        <source>Res&amp;tore to %1</source>
        <translation>恢复到 %1(&amp;T)</translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n session(s)…</source>
        <translation>
            <numerusform>正在恢复 %n 个会话…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was restored: %1</source>
        <translation>未恢复任何内容：%1</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n file(s) to their tools; Edit → History can undo it.</source>
        <translation>
            <numerusform>已将 %n 个文件恢复到其工具；编辑 → 历史记录可以撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>未恢复：%1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>&amp;Restore to %1</source>
        <translation>恢复到 %1(&amp;R)</translation>
    </message>
</context>
<context>
    <name>chasm::McpSetupDialog</name>
    <message>
        <source>Run this in a terminal:</source>
        <translation>在终端中运行:</translation>
    </message>
    <message>
        <source>When the file exists, add the “chasm” entry to its “%1”.</source>
        <translation>如果该文件已存在,请将“chasm”条目加入其“%1”中。</translation>
    </message>
    <message>
        <source>Put this in %1.</source>
        <translation>写入 %1。</translation>
    </message>
    <message>
        <source>Put this in %1 (for one project only: %2 in its folder).</source>
        <translation>写入 %1(仅用于单个项目:项目文件夹中的 %2)。</translation>
    </message>
    <message>
        <source>Connect AI agents (MCP)</source>
        <translation>连接 AI 智能体 (MCP)</translation>
    </message>
    <message>
        <source>AI agents search and read your chat history through Chasm&apos;s MCP server (&lt;code&gt;chasm mcp serve&lt;/code&gt;). Give yours this configuration, then restart it.</source>
        <translation>AI 智能体通过 Chasm 的 MCP 服务器(&lt;code&gt;chasm mcp serve&lt;/code&gt;)搜索和阅读你的聊天记录。把这份配置交给你的智能体,然后重启它。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copied the %1 configuration of Chasm&apos;s MCP server</source>
        <translation>已复制 Chasm MCP 服务器的 %1 配置</translation>
    </message>
</context>
<context>
    <name>chasm::MergeWizard</name>
    <message>
        <source>&amp;Open the merged session</source>
        <translation>打开合并后的会话(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Undo the merge</source>
        <translation>撤销合并(&amp;U)</translation>
    </message>
    <message>
        <source>Merge sessions</source>
        <translation>合并会话</translation>
    </message>
    <message>
        <source>Choose the sessions to merge</source>
        <translation>选择要合并的会话</translation>
    </message>
    <message>
        <source>Sessions of any tool can be merged; the originals are not changed.</source>
        <translation>可以合并任意工具的会话；原始会话保持不变。</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最后活动</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>项目(&amp;P)：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>&amp;Tick all shown</source>
        <translation>勾选所有显示项(&amp;T)</translation>
    </message>
    <message>
        <source>U&amp;ntick all</source>
        <translation>全部取消勾选(&amp;N)</translation>
    </message>
    <message>
        <source>The merged timeline</source>
        <translation>合并后的时间线</translation>
    </message>
    <message>
        <source>Requests in time order; a request found twice is kept once.</source>
        <translation>请求按时间排序；重复的请求只保留一次。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Title and workspace</source>
        <translation>标题和工作区</translation>
    </message>
    <message>
        <source>The merged session goes into a workspace of the VS Code family and is added to its history.</source>
        <translation>合并后的会话写入 VS Code 系列编辑器的工作区，并加入其历史记录。</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Workspace:</source>
        <translation>工作区(&amp;W)：</translation>
    </message>
    <message>
        <source>Written as %1, the format this workspace&apos;s editor reads.</source>
        <translation>以 %1 格式写入，即此工作区的编辑器所读取的格式。</translation>
    </message>
    <message>
        <source>Writing the merged session</source>
        <translation>正在写入合并后的会话</translation>
    </message>
    <message>
        <source>Every file is backed up before it changes.</source>
        <translation>每个文件在更改前都会备份。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>What was written, and the backups made. Undo removes the merged session again.</source>
        <translation>已写入的内容和已创建的备份。撤销会再次移除合并后的会话。</translation>
    </message>
    <message>
        <source>Any project</source>
        <translation>所有项目</translation>
    </message>
    <message>
        <source>Any tool</source>
        <translation>任意工具</translation>
    </message>
    <message>
        <source>1 session chosen: it becomes a VS Code session of its own.</source>
        <translation>已选择 1 个会话：它将成为一个独立的 VS Code 会话。</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) chosen.</source>
        <translation>
            <numerusform>已选择 %n 个会话。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %n session(s)…</source>
        <translation>
            <numerusform>正在读取 %n 个会话…</numerusform>
        </translation>
    </message>
    <message>
        <source>These sessions cannot be merged: %1</source>
        <translation>无法合并这些会话：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) from %1 session(s), %2 – %3; %4 duplicate(s) left out.</source>
        <translation>
            <numerusform>来自 %1 个会话的 %n 个请求，%2 – %3；已略去 %4 个重复项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything is carried over.</source>
        <translation>所有内容都会保留。</translation>
    </message>
    <message>
        <source>Cannot be carried over:</source>
        <translation>无法保留的内容：</translation>
    </message>
    <message>
        <source>No workspace of VS Code, Cursor or Windsurf is known: open the project in the editor once, then merge again.</source>
        <translation>未找到 VS Code、Cursor 或 Windsurf 的工作区：请先在编辑器中打开一次该项目，然后再合并。</translation>
    </message>
    <message>
        <source>Nothing was written: %1</source>
        <translation>未写入任何内容：%1</translation>
    </message>
    <message>
        <source>The merge failed: see the next page.</source>
        <translation>合并失败：请查看下一页。</translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n request(s) from %2 session(s), into %3</source>
        <translation>
            <numerusform>“%1”：来自 %2 个会话的 %n 个请求，写入 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Not carried over: %1</source>
        <translation>未保留：%1</translation>
    </message>
    <message>
        <source>Backups: %1</source>
        <translation>备份：%1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Open the &amp;existing one</source>
        <translation>打开已有的合并(&amp;E)</translation>
    </message>
    <message>
        <source>Write &amp;another copy anyway</source>
        <translation>仍然再写入一份副本(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>更改历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, this merge included, each with an Undo</source>
        <translation>Chasm 对您的文件所做的每项更改（包括此次合并），每项均可撤销</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) found again with other content: %1 cut off (the complete copy is kept), %2 kept as well under a new id.</source>
        <translation>
            <numerusform>%n 个请求再次出现但内容不同：%1 个被截断（保留完整的那份），%2 个以新 ID 一并保留。</numerusform>
        </translation>
    </message>
    <message>
        <source>This workspace holds a merge of the same sessions already: “%1” (%2). Open it, or write another copy anyway.</source>
        <translation>此工作区已包含这些会话的合并结果：“%1”（%2）。请打开它，或仍然再写入一份副本。</translation>
    </message>
</context>
<context>
    <name>chasm::ProjectTreeModel</name>
    <message>
        <source>Sessions that name no project folder</source>
        <translation>未指明项目文件夹的会话</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n session(s) from %2</source>
        <translation>
            <numerusform>%1
来自 %2 的 %n 个会话</numerusform>
        </translation>
    </message>
    <message>
        <source>Last used %1</source>
        <translation>上次使用：%1</translation>
    </message>
    <message>
        <source>An older workspace of this folder: %1 now opens another one, where these sessions do not show (the recovery assistant brings them over).</source>
        <translation>此文件夹的旧工作区：%1 现在会打开另一个工作区，这些会话不会在那里显示（恢复助手可将它们移过去）。</translation>
    </message>
    <message>
        <source>older</source>
        <translation>较旧</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
</context>
<context>
    <name>chasm::RawRecordView</name>
    <message>
        <source>Open a session and select a message to see it as the tool wrote it.</source>
        <translation>打开一个会话并选择一条消息，即可查看工具原样写入的内容。</translation>
    </message>
    <message>
        <source>This session is open from the harvest database and its tool no longer lists it, so there is no file to show the raw record from.</source>
        <translation>此会话是从收集数据库中打开的，其工具已不再列出它，因此没有可显示原始记录的文件。</translation>
    </message>
    <message>
        <source>Reading message %1 from %2…</source>
        <translation>正在从 %2 读取第 %1 条消息…</translation>
    </message>
    <message>
        <source>Reading the raw record…</source>
        <translation>正在读取原始记录…</translation>
    </message>
    <message>
        <source>Message %1 as the tool keeps it in %2 (read now)</source>
        <translation>第 %1 条消息，即工具在 %2 中保存的原样内容（刚刚读取）</translation>
    </message>
</context>
<context>
    <name>chasm::RecoveryWizard</name>
    <message numerus="yes">
        <source>%n session(s) in an older workspace of this project (%1), which the editor no longer opens: from before the folder was moved, renamed or reopened another way</source>
        <translation>
            <numerusform>此项目的旧工作区 (%1) 中有 %n 个会话，编辑器已不再打开该工作区：来自文件夹被移动、重命名或以其他方式重新打开之前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) on disk that the editor&apos;s history does not list</source>
        <translation>
            <numerusform>磁盘上有 %n 个会话未列在编辑器的历史中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) hidden or failing to open because the index says they are empty or were cancelled</source>
        <translation>
            <numerusform>%n 个会话因索引将其标记为空或已取消而被隐藏或无法打开</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo all of it</source>
        <translation>全部撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Recovery assistant</source>
        <translation>恢复助手</translation>
    </message>
    <message>
        <source>Looking for lost sessions</source>
        <translation>正在查找丢失的会话</translation>
    </message>
    <message>
        <source>Chasm reads every VS Code, Cursor and Windsurf workspace; nothing is changed yet.</source>
        <translation>Chasm 正在读取每个 VS Code、Cursor 和 Windsurf 工作区；尚未做任何更改。</translation>
    </message>
    <message>
        <source>Choose what to bring back</source>
        <translation>选择要找回的内容</translation>
    </message>
    <message>
        <source>Grouped by project. Everything is chosen; untick what you want to leave as it is.</source>
        <translation>按项目分组。已全部选中；取消勾选您想保持原样的项。</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最后活动</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Bringing the sessions back</source>
        <translation>正在找回会话</translation>
    </message>
    <message>
        <source>Every file is backed up before it changes.</source>
        <translation>每个文件在更改前都会备份。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>What changed, and the backups made. Undo puts every file back as it was.</source>
        <translation>更改内容以及所做的备份。撤销会将每个文件恢复原样。</translation>
    </message>
    <message>
        <source>Reading workspaces and their session indexes…</source>
        <translation>正在读取工作区及其会话索引…</translation>
    </message>
    <message>
        <source>Nothing to recover: every session file is in its editor&apos;s history.</source>
        <translation>无需恢复：每个会话文件都在其编辑器的历史中。</translation>
    </message>
    <message numerus="yes">
        <source>Found %n session(s) to bring back, in %1 project(s). Next shows them.</source>
        <translation>
            <numerusform>在 %1 个项目中找到 %n 个可找回的会话。点击下一步查看。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s), last active %2.
File: %3
Goes into: %4</source>
        <translation>
            <numerusform>“%1”：%n 条消息，最后活动于 %2。
文件：%3
写入到：%4</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Done, with problems: see the next page.</source>
        <translation>已完成，但有问题：请查看下一页。</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Backups: %1</source>
        <translation>备份：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept only in backup files (%1)</source>
        <translation>
            <numerusform>%n 个会话仅保存在备份文件中（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) kept only in an old state database (%1), from before the editor saved sessions as files</source>
        <translation>
            <numerusform>%n 个会话仅保存在旧的状态数据库中（%1），来自编辑器将会话保存为文件之前</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>更改历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Every change Chasm made to your files, these included, each with an Undo</source>
        <translation>Chasm 对您的文件所做的每项更改（包括这些），每项均可撤销</translation>
    </message>
</context>
<context>
    <name>chasm::ResumeDialog</name>
    <message>
        <source>&amp;Copy command</source>
        <translation>复制命令(&amp;C)</translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation>在 %1 中打开</translation>
    </message>
    <message>
        <source>%1 keeps “%2” with its workspace: this command opens the folder, where the chat shows in its history.</source>
        <translation>%1 将“%2”与其工作区一起保存：此命令会打开该文件夹，聊天会显示在其历史记录中。</translation>
    </message>
    <message>
        <source>This command carries on “%1” in %2, in its project folder:</source>
        <translation>此命令会在 %2 中、于其项目文件夹内继续“%1”：</translation>
    </message>
    <message>
        <source>&amp;Open in %1</source>
        <translation>在 %1 中打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Run in a terminal</source>
        <translation>在终端中运行(&amp;R)</translation>
    </message>
    <message>
        <source>Copied: paste it in a terminal.</source>
        <translation>已复制：请粘贴到终端中。</translation>
    </message>
    <message>
        <source>Copied “%1”</source>
        <translation>已复制“%1”</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>已启动：%1</translation>
    </message>
    <message>
        <source>Cannot start %1: is it installed? Copy the command and run it yourself.</source>
        <translation>无法启动 %1：是否已安装？请复制命令并自行运行。</translation>
    </message>
    <message>
        <source>a terminal</source>
        <translation>终端</translation>
    </message>
</context>
<context>
    <name>chasm::SearchPane</name>
    <message>
        <source>Search every conversation (Ctrl+K)</source>
        <translation>搜索所有对话 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Words find messages holding all of them. Also: &quot;a phrase&quot;, prefix*, a OR b, a NOT b.</source>
        <translation>输入多个词可查找同时包含这些词的消息。另支持：&quot;短语&quot;、前缀*、a OR b、a NOT b。</translation>
    </message>
    <message>
        <source>Every tool</source>
        <translation>所有工具</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Any project</source>
        <translation>所有项目</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>After</source>
        <translation>晚于</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s) in %1 ms</source>
        <translation>
            <numerusform>%n 个结果，用时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <source>the newest shown: too many matches to rank</source>
        <translation>仅显示最新结果：匹配项过多，无法排序</translation>
    </message>
    <message>
        <source>the newest shown: these words are in most messages</source>
        <translation>仅显示最新结果：这些词出现在大多数消息中</translation>
    </message>
    <message>
        <source>the newest shown: the prefix matches too many words to rank</source>
        <translation>仅显示最新结果：该前缀匹配的词过多，无法排序</translation>
    </message>
    <message>
        <source>&amp;Save search…</source>
        <translation>保存搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>Keep this search and its filters in the sources pane (Ctrl+D)</source>
        <translation>将此搜索及其筛选条件保存在来源面板中 (Ctrl+D)</translation>
    </message>
    <message>
        <source>project “%1”</source>
        <translation>项目“%1”</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>%1 之后</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>%1 之前</translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation>立即收集(&amp;H)</translation>
    </message>
    <message>
        <source>Copy every session of every tool into Chasm&apos;s database, which search reads</source>
        <translation>将每个工具的每个会话复制到 Chasm 的数据库中，搜索读取的正是该数据库</translation>
    </message>
    <message>
        <source>Search reads Chasm&apos;s database, which holds no sessions yet: harvest them first.</source>
        <translation>搜索读取的是 Chasm 的数据库，其中还没有会话：请先收集。</translation>
    </message>
    <message>
        <source>Nothing matches “%1”. Try fewer words, the beginning of a word (zephyr*), a &quot;phrase in quotes&quot;, either word (zephyr OR gale) or one left out (zephyr NOT gale).</source>
        <translation>没有与“%1”匹配的内容。请尝试减少词语、使用词的开头 (zephyr*)、&quot;加引号的短语&quot;、任一词 (zephyr OR gale) 或排除某个词 (zephyr NOT gale)。</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>此计算机</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <source>Search the database on this computer, or the team database set in the settings (your sessions there and those shared with you)</source>
        <translation>搜索此计算机上的数据库，或设置中指定的团队数据库（其中您的会话以及与您共享的会话）</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <source>Team database (%1)</source>
        <translation>团队数据库（%1）</translation>
    </message>
</context>
<context>
    <name>chasm::SearchResultModel</name>
    <message>
        <source>message %1</source>
        <translation>第 %1 条消息</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 个结果</numerusform>
        </translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
</context>
<context>
    <name>chasm::SessionListModel</name>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>(unreadable) %1</source>
        <translation>（无法读取）%1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最后活动</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>kept only by Chasm</source>
        <translation>仅由 Chasm 保存</translation>
    </message>
    <message>
        <source>%1 no longer has this session; Chasm&apos;s database keeps it. Restore puts it back.</source>
        <translation>%1 已不再有此会话；Chasm 的数据库保存着它。恢复会将其放回。</translation>
    </message>
</context>
<context>
    <name>chasm::SettingsDialog</name>
    <message>
        <source>Keep Chasm in the system tray and harvest new sessions automatically</source>
        <translation>将 Chasm 保留在系统托盘中，并自动收集新会话</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The default (in your data folder)</source>
        <translation>默认（位于数据文件夹中）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation>SQLite 数据库 (*.db)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Tools to harvest</source>
        <translation>要收集的工具</translation>
    </message>
    <message>
        <source>Also rescan every</source>
        <translation>定期重新扫描间隔</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A new language takes effect the next time Chasm starts.</source>
        <translation>新语言将在下次启动 Chasm 时生效。</translation>
    </message>
    <message>
        <source>Run the HTTP API server in Chasm</source>
        <translation>在 Chasm 中运行 HTTP API 服务器</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>An IP address: 127.0.0.1 serves only this computer, any other address the network (every request must then bring the token)</source>
        <translation>一个 IP 地址：127.0.0.1 只服务本机，其他地址服务整个网络（此时每个请求都必须携带令牌）</translation>
    </message>
    <message>
        <source>Reading the system keychain…</source>
        <translation>正在读取系统钥匙串…</translation>
    </message>
    <message>
        <source>Copy the token to the clipboard</source>
        <translation>将令牌复制到剪贴板</translation>
    </message>
    <message>
        <source>Make a new token: clients that bring the old one are refused from now on</source>
        <translation>生成新令牌：从现在起，使用旧令牌的客户端将被拒绝</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Every request but GET /api/v1/health must bring it as &quot;Authorization: Bearer TOKEN&quot;. It is kept in the system keychain.</source>
        <translation>除 GET /api/v1/health 外，每个请求都必须以 &quot;Authorization: Bearer TOKEN&quot; 携带它。它保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>No token</source>
        <translation>没有令牌</translation>
    </message>
    <message>
        <source>No token can be kept: %1</source>
        <translation>无法保存令牌：%1</translation>
    </message>
    <message>
        <source>One a line, as scheme://host[:port]. Web pages of these origins may call the API from a browser (CORS); any other origin is refused.</source>
        <translation>每行一个，格式为 scheme://host[:port]。这些来源的网页可从浏览器调用 API（CORS）；其他来源一律拒绝。</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation>允许的来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Serving the API at %1/api/v1 and MCP at %1/mcp</source>
        <translation>API 位于 %1/api/v1，MCP 位于 %1/mcp</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>未运行：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin: write it as scheme://host[:port], e.g. https://example.com</source>
        <translation>“%1”不是来源：请写成 scheme://host[:port]，例如 https://example.com</translation>
    </message>
    <message>
        <source>None (postgresql://you@host/database)</source>
        <translation>无（postgresql://用户@主机/数据库）</translation>
    </message>
    <message>
        <source>A team database on PostgreSQL, which search can read besides this computer&apos;s. Its password is not kept here: Chasm reads it from the system keychain, PGPASSWORD or ~/.pgpass.</source>
        <translation>PostgreSQL 上的团队数据库，搜索可在此计算机的数据库之外读取它。其密码不保存在此处：Chasm 从系统钥匙串、PGPASSWORD 或 ~/.pgpass 读取。</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <source>%1 is not a postgresql:// URL</source>
        <translation>%1 不是 postgresql:// URL</translation>
    </message>
    <message>
        <source>Leave the password out of the URL: Chasm does not keep it in its settings, it reads it from the system keychain (under %1), PGPASSWORD or ~/.pgpass.</source>
        <translation>请勿在 URL 中包含密码：Chasm 不会将其保存在设置中，而是从系统钥匙串（%1 下）、PGPASSWORD 或 ~/.pgpass 读取。</translation>
    </message>
    <message>
        <source>Publish my sessions there after each harvest</source>
        <translation>每次收集后将我的会话发布到那里</translation>
    </message>
    <message>
        <source>Push the sessions new or changed in this computer&apos;s database into the team database, as yours, after each harvest (as chasm harvest push does)</source>
        <translation>每次收集后，将此计算机数据库中新增或更改的会话以您的名义推送到团队数据库（与 chasm harvest push 相同）</translation>
    </message>
</context>
<context>
    <name>chasm::TimelinePane</name>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>last 7 days: %1</source>
        <translation>最近 7 天：%1</translation>
    </message>
    <message>
        <source>last 30 days: %1</source>
        <translation>最近 30 天：%1</translation>
    </message>
</context>
<context>
    <name>chasm::TimelineView</name>
    <message>
        <source>No sessions to show.</source>
        <translation>没有可显示的会话。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
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
        <translation>打开 Chasm(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Harvest now</source>
        <translation>立即收集(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Pause watching</source>
        <translation>暂停监视(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>chasm::WelcomePane</name>
    <message>
        <source>&amp;Harvest now</source>
        <translation>立即收集(&amp;H)</translation>
    </message>
    <message>
        <source>Open the &amp;recovery assistant…</source>
        <translation>打开恢复助手(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Getting started and shortcuts</source>
        <translation>入门和快捷键(&amp;G)</translation>
    </message>
    <message>
        <source>Welcome to Chasm</source>
        <translation>欢迎使用 Chasm</translation>
    </message>
    <message>
        <source>Copy every session into Chasm&apos;s database, so that it stays when a tool deletes it and can be searched</source>
        <translation>将每个会话复制到 Chasm 的数据库中，这样即使工具删除了它也会保留，并且可以搜索</translation>
    </message>
    <message>
        <source>Find sessions your editors no longer show, and bring them back</source>
        <translation>查找编辑器不再显示的会话并将其找回</translation>
    </message>
    <message>
        <source>What to do next:</source>
        <translation>接下来可以：</translation>
    </message>
    <message>
        <source>Chasm found no chat sessions. It looked in:</source>
        <translation>Chasm 未找到聊天会话。查找了以下位置：</translation>
    </message>
    <message>
        <source>Chat with an assistant in any of these tools, then use File → Reload. Sessions an editor lost may still be on disk: the recovery assistant looks for them.</source>
        <translation>请在上述任一工具中与助手聊天，然后使用“文件 → 重新加载”。编辑器丢失的会话可能仍在磁盘上：恢复助手会查找它们。</translation>
    </message>
    <message>
        <source>Chasm found %1: %2.</source>
        <translation>Chasm 找到了 %1：%2。</translation>
    </message>
    <message>
        <source>Select a session in the list to read it. Harvest them to keep a copy that stays when a tool deletes its history, and to search every conversation (Ctrl+K).</source>
        <translation>在列表中选择一个会话即可阅读。收集会话可保留一份副本（即使工具删除了其历史记录也会保留），还可以搜索所有对话 (Ctrl+K)。</translation>
    </message>
</context>
<context>
    <name>chasm::WizardSupport</name>
    <message>
        <source>Undone:</source>
        <translation>已撤销：</translation>
    </message>
    <message>
        <source>Undo stopped:</source>
        <translation>撤销已停止：</translation>
    </message>
</context>
<context>
    <name>chasm::Workspace</name>
    <message>
        <source>(no folder)</source>
        <translation>(无文件夹)</translation>
    </message>
    <message>
        <source>(all projects)</source>
        <translation>(所有项目)</translation>
    </message>
</context>
<context>
    <name>chasm::WorkspaceTreeModel</name>
    <message numerus="yes">
        <source>%n session(s) in %1 workspace(s)</source>
        <translation>
            <numerusform>%n 个会话，分布在 %1 个工作区中</numerusform>
        </translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>远程：%1</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>所有会话</translation>
    </message>
    <message>
        <source>folder missing</source>
        <translation>文件夹缺失</translation>
    </message>
    <message numerus="yes">
        <source>%n not in index</source>
        <translation>
            <numerusform>%n 个不在索引中</numerusform>
        </translation>
    </message>
    <message>
        <source>Every session Chasm found</source>
        <translation>Chasm 找到的所有会话</translation>
    </message>
    <message>
        <source>The project folder is gone (moved, renamed or deleted): the editor opens the project under a new workspace, where these sessions do not show.</source>
        <translation>项目文件夹已不存在（被移动、重命名或删除）：编辑器会在新的工作区中打开该项目，这些会话不会在那里显示。</translation>
    </message>
    <message numerus="yes">
        <source>%n session file(s) are not in the editor&apos;s index, so its chat history does not show them (see the index inspector).</source>
        <translation>
            <numerusform>%n 个会话文件不在编辑器的索引中，因此其聊天历史不会显示它们（参见索引检查器）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>已保存的搜索</translation>
    </message>
    <message>
        <source>Searches you saved from the search pane (Ctrl+D); Delete removes the selected one</source>
        <translation>您在搜索面板中保存的搜索 (Ctrl+D)；按 Delete 删除所选项</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n session(s) of this project in %2</source>
        <translation>
            <numerusform>%1
此项目在 %2 中有 %n 个会话</numerusform>
        </translation>
    </message>
</context>
</TS>
