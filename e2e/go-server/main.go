// Command goserver is the reference net/rpc/jsonrpc server the playground is tested against.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/rpc"
	"net/rpc/jsonrpc"
	"os"

	"rpcplayground/goserver/demo"
	"rpcplayground/goserver/servicea"
	"rpcplayground/goserver/userservice"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "TCP address to listen on")
	flag.Parse()

	for _, svc := range []interface{}{new(servicea.ServiceA), new(userservice.UserService), new(demo.Demo)} {
		if err := rpc.Register(svc); err != nil {
			log.Fatal(err)
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// Whoever started us reads this line to learn the port chosen for -addr :0.
	fmt.Fprintf(os.Stdout, "listening on %s\n", ln.Addr().String())

	for {
		conn, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go jsonrpc.ServeConn(conn)
	}
}
