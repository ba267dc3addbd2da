require ["variables","fileinto"];
if header :matches "subject" "*report*" { fileinto "m-${1}-${2}-${0}"; }
if string :matches "a*b" "a\\*b" { fileinto "esc"; }
if string :matches "aXYb" "a??b" { fileinto "q2"; }
