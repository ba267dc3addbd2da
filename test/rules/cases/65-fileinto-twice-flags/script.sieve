require ["fileinto","imap4flags"];
fileinto :flags "\\Seen" "A";
fileinto :flags "\\Flagged" "A";
