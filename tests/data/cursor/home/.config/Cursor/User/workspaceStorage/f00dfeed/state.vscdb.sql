CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);
INSERT INTO ItemTable VALUES ('composer.composerData', '{"allComposers":[{"composerId":"cmp-1111-aaaa","name":"Refactor the checkout"}],"selectedComposerIds":["cmp-1111-aaaa"]}');
INSERT INTO ItemTable VALUES ('workbench.panel.aichat.view.aichat.chatdata', '{"tabs":[{"tabId":"tab-1","chatTitle":"Explain the tax rules","lastSendTime":1750000000000,"bubbles":[{"type":"user","text":"How is VAT computed?"},{"type":"ai","text":"Per line item, then rounded.","modelType":"gpt-4"}]}]}');
