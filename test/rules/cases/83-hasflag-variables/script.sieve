require ["imap4flags","variables","fileinto"];
addflag "myflags" ["$A", "\\Seen"];
addflag "$B";
if hasflag :contains "myflags" "$a" { fileinto "var-has-a"; }
if hasflag "$B" { fileinto :flags "${myflags}" "flagged-from-var"; }
if not hasflag "$A" { keep; }
