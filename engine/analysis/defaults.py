"""The analysis board's default sizes, apart from the machinery so the command line can show
them in its help without loading the engine (`faultlines --help` stays quick)."""

#: rollouts per position by default: the pass chance's standard error is at most
#: sqrt(0.25 / 300) = 2.9 points (issue 12 asks for 3 or less)
DEFAULT_ROLLOUTS = 300
#: rollouts for each finalist of a hint (its estimate's standard error is at most sqrt(.25/n))
HINT_ROLLOUTS = 60
#: games per policy a lint plays by default
DEFAULT_RUNS = 100
