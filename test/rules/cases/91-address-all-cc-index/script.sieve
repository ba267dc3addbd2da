require ["subaddress","fileinto","relational","comparator-i;ascii-numeric"];
if address :count "ge" :comparator "i;ascii-numeric" ["to","cc","bcc"] "2" { fileinto "many"; }
if address :domain :is ["to","cc"] "example.net" { fileinto "cc-net"; }
if not address :detail :is "to" "" { fileinto "no-detail"; }
