// Package foreign has a twine_bundles.go written by hand.
package foreign
