require ["date","fileinto","variables"];
if date :zone "-0500" "date" "hour" "08" { fileinto "zone-minus5"; }
if date :is "date" "hour" "13" { fileinto "utc-hour"; }
if date :matches "date" "std11" "*" { set "s" "${1}"; }
if date :matches "date" "iso8601" "*" { fileinto "iso-${1}"; }
if date :is "date" "julian" "60374" { fileinto "julian"; }
