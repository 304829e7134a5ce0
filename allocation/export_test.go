package allocation

// WithWaterfillRounds limits the rounds of the iterative water-filling, so
// that tests can force the sorted sweep (0 rounds).
func WithWaterfillRounds(n int) Option {
	return func(c *config) { c.rounds, c.roundsSet = n, true }
}

// KthLargest exposes the selection behind Hamilton, with a forced budget of
// partition rounds (budget < 0: the default).
func KthLargest(xs []uint64, k, budget int) uint64 {
	if budget < 0 {
		return kthLargest(xs, k)
	}
	return kthLargestBudget(xs, k, budget)
}
