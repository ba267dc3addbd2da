require ["index","date","fileinto"];
if header :index 2 :contains "received" "laptop" { fileinto "second-received"; }
if header :index 1 :last :contains "received" "laptop" { fileinto "last-received"; }
if date :index 1 :is "received" "year" "2024" { fileinto "rcvd-2024"; }
