require ["variables","fileinto"];
set "a" "x";
set "A" "${a}${a}";
set "b" "${A}-${a}";
set :length "n" "${b}";
if string :matches "${b}" "*-*" { set "c" "${2}${1}"; }
fileinto "r-${b}-${n}-${c}-$${a}-${a";
