require ["variables","relational","comparator-i;ascii-numeric","fileinto"];
if string :count "eq" :comparator "i;ascii-numeric" ["a","","b"] "2" { fileinto "two"; }
if header :count "eq" :comparator "i;ascii-numeric" ["to","cc"] "2" { fileinto "hdr-two"; }
if address :count "eq" :comparator "i;ascii-numeric" ["to","cc"] "2" { fileinto "addr-two"; }
