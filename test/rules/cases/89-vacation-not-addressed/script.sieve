require "vacation";
vacation :addresses "nobody@example.com" "away";
