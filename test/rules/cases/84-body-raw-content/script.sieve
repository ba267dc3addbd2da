require ["body","fileinto"];
if body :raw :contains "JVBERi0xLjQ" { fileinto "raw-pdf"; }
if body :content "text" :contains "Tracking code" { fileinto "text-part"; }
if body :content "multipart" :contains "multi-part message" { fileinto "prologue"; }
if body :text :contains "ZX-9981" { fileinto "text-any"; }
