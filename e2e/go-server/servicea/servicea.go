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

// Triple holds a Go array: gob fills it only from an array of the same length, never a slice.
type Triple struct{ V [3]int }

// Sum replies the sum of V.
func (s *ServiceA) Sum(args *Triple, reply *int) error {
	*reply = args.V[0] + args.V[1] + args.V[2]
	return nil
}
