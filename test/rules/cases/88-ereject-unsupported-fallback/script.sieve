require ["reject","fileinto"];
if size :over 100000 { reject "too big"; } else { fileinto "small"; }
