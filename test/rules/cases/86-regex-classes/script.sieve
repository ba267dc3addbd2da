require ["regex","variables","fileinto","comparator-i;octet"];
if header :regex "x-spam-level" "^[*]{5,}$" { fileinto "stars"; }
if header :regex :comparator "i;octet" "subject" "QUARTERLY" { fileinto "wrong-case"; }
if address :regex :localpart "from" "^([[:alpha:]]+)$" { fileinto "alpha-${1}"; }
