module rpcplayground/goserver

go 1.19
