require ["vacation","vacation-seconds"];
vacation :seconds 3600 :handle "h1" :from "alice@example.com" :subject "Away" "Back soon";
