require ["variables","fileinto"];
set :upper :lowerfirst "x" "hello";
set :length "n" "";
fileinto "r-${x}-${n}-${unknown}-${}";
