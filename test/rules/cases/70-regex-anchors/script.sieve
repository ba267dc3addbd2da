require ["regex","variables","fileinto"];
if header :regex "subject" "^quarterly.*Q([0-9])$" { fileinto "q${1}"; }
if address :regex :domain "from" "example\\.(org|com)" { fileinto "dom-${1}"; }
