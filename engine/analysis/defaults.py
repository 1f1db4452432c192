"""The analysis board's default sizes, apart from the machinery so the command line can show
them in its help without loading the engine (`faultlines --help` stays quick)."""

#: rollouts per position by default: the pass chance's standard error is at most
#: sqrt(0.25 / 300) = 2.9 points (issue 12 asks for 3 or less)
DEFAULT_ROLLOUTS = 300
#: rollouts for each finalist of a hint (its estimate's standard error is at most sqrt(.25/n))
HINT_ROLLOUTS = 60
#: games per policy a lint plays by default
DEFAULT_RUNS = 100
#: the window's first analysis: a fifth of the default, so the board appears in seconds
#: (about 15 s for a 17-move Oak game on the batch engine, against about 90 s for the full
#: one, on the shared 2-core machine); its standard errors reach sqrt(.25 / 60) = 6.5
#: points, and moves are judged against that wider error (fewer judged)
QUICK_ROLLOUTS = 60
#: worker processes the window plays rollouts in (the command line's default --jobs): the
#: window's own thread only waits for them, so it keeps answering
ROLLOUT_JOBS = 2
#: how often the rollouts' research-style player passes over its first (then second)
#: choice. With one fixed player, my own Oak game (seed 44) read 90%, 0%, 0%, 95%, 0%, 95%
#: over its first six positions (ordinary listening judged a 93-point blunder); with 0.15
#: the same positions read 60, 17, 25, 33, 55, 35, 70%; 0.3 flattens them further (40-50%)
#: but plays a weaker game than the research describes
ROLLOUT_VARIETY = 0.15
