//! Check: the round-trip equality rule for JSON examples.
