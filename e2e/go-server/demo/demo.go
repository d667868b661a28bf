// Package demo holds services that make concurrency and errors visible.
package demo

import (
	"errors"
	"time"
)

// SleepArgs is how long Sleep waits, in milliseconds.
type SleepArgs struct{ Ms int }

// FailArgs is the error text Fail returns; empty means a default text.
type FailArgs struct{ Message string }

// Demo is registered under the name "Demo".
type Demo struct{}

// maxSleepMs bounds Sleep so a typo cannot hold a call open for hours.
const maxSleepMs = 60000

// Sleep waits Ms milliseconds and replies Ms, so slow calls are overtaken by fast ones.
func (d *Demo) Sleep(args *SleepArgs, reply *int) error {
	if args.Ms < 0 || args.Ms > maxSleepMs {
		return errors.New("Ms must be between 0 and 60000")
	}
	time.Sleep(time.Duration(args.Ms) * time.Millisecond)
	*reply = args.Ms
	return nil
}

// Fail always returns an error, to show how net/rpc carries one.
func (d *Demo) Fail(args *FailArgs, reply *int) error {
	if args.Message != "" {
		return errors.New(args.Message)
	}
	return errors.New("demo failure")
}
