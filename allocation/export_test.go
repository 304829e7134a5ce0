package allocation

// WithWaterfillRounds limits the rounds of the iterative water-filling, so
// that tests can force the sorted sweep (0 rounds).
func WithWaterfillRounds(n int) Option {
	return func(c *config) { c.rounds, c.roundsSet = n, true }
}
