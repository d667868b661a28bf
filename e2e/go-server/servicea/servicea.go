// Package servicea is the founding example's arithmetic service.
package servicea

// Args holds the two operands of Add.
type Args struct{ X, Y int }

// ServiceA is registered under the name "ServiceA".
type ServiceA struct{}

// Add replies X + Y.
func (s *ServiceA) Add(args *Args, reply *int) error {
	*reply = args.X + args.Y
	return nil
}
