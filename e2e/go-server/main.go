// Command goserver is the reference net/rpc server the playground is tested against:
// jsonrpc by default, or net/rpc's own gob codec over TCP or over HTTP (-codec).
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/rpc"
	"net/rpc/jsonrpc"
	"os"

	"rpcplayground/goserver/demo"
	"rpcplayground/goserver/servicea"
	"rpcplayground/goserver/userservice"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "TCP address to listen on")
	codec := flag.String("codec", "json", "json (jsonrpc.ServeConn), gob (rpc.ServeConn) or http (rpc.HandleHTTP)")
	rpcPath := flag.String("rpc-path", rpc.DefaultRPCPath, "with -codec http: the path CONNECT must name")
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

	switch *codec {
	case "http":
		rpc.DefaultServer.HandleHTTP(*rpcPath, rpc.DefaultDebugPath)
		log.Fatal(http.Serve(ln, nil))
	case "gob", "json":
		for {
			conn, err := ln.Accept()
			if err != nil {
				log.Fatal(err)
			}
			if *codec == "gob" {
				go rpc.ServeConn(conn)
			} else {
				go jsonrpc.ServeConn(conn)
			}
		}
	default:
		log.Fatalf("unknown -codec %q", *codec)
	}
}
