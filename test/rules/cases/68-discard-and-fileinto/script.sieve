require "fileinto";
discard;
fileinto "A";
