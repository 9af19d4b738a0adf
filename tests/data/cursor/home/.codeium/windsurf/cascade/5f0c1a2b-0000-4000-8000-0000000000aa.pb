
$Ÿˆªencrypted-bytes