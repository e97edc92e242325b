// Package broken does not compile: twinevet says where, and fails.
package broken

func Broken() int {
	return "not an int"
}
