// Package userservice is the founding example's user lookup service.
package userservice

import (
	"fmt"
	"time"
)

// Args selects a user by id.
type Args struct {
	UserId int `json:"userid"`
}

// Reply is the founding example's answer shape.
type Reply struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    string `json:"data"`
}

// UserService is registered under the name "UserService".
type UserService struct{}

// Get takes its args by value, so Go's error texts name userservice.Args, not a pointer.
func (s *UserService) Get(args Args, reply *Reply) error {
	*reply = Reply{Code: 1, Message: "success", Data: fmt.Sprintf("userid = %d", args.UserId)}
	return nil
}

// Joined carries a time.Time: gob sends it as its own bytes (a GobEncoder), JSON as RFC 3339.
type Joined struct {
	UserId int       `json:"userid"`
	At     time.Time `json:"at"`
}

// Joined says when a user joined: a fixed time with nanoseconds, in a +08:00 zone.
func (s *UserService) Joined(args Args, reply *Joined) error {
	at := time.Date(2024, 2, 29, 13, 45, 30, 123456789, time.FixedZone("", 8*3600))
	*reply = Joined{UserId: args.UserId, At: at}
	return nil
}

// WhenArgs carries a time.Time from the caller: in gob a GobEncoder, in JSON RFC 3339.
type WhenArgs struct {
	At time.Time `json:"at"`
}

// When answers the instant it was given, in UTC, as Go read it.
func (s *UserService) When(args WhenArgs, reply *string) error {
	*reply = args.At.UTC().Format(time.RFC3339Nano)
	return nil
}
