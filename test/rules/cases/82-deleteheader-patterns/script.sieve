require ["editheader","fileinto"];
deleteheader :matches "Received" "*";
deleteheader :contains "X-Spam-Score" "1";
deleteheader :index 1 :last "Content-Type";
addheader :last "X-Done" "ok";
fileinto "Edited";
