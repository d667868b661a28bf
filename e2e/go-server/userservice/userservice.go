// Package userservice is the founding example's user lookup service.
package userservice

import "fmt"

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
