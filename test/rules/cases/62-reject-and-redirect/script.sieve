require "reject";
redirect "x@example.net";
reject "no";
