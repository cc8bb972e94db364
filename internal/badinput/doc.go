// Package badinput holds the bad-input suite (its tests): every public constructor of
// secretsmith given input AWS would reject, or that makes no sense, in preview, with the
// exact message each gives pinned in testdata/errors.golden, and the edge cases AWS accepts,
// which must pass. It has no code of its own.
package badinput
