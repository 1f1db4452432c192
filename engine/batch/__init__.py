"""The batch engine (issue 12): the state of many games of one case as arrays, so a rule
runs once for all of them. One concept per module: `compiled` (the case's integer codes and
arrays), `table` (the stage flow as a transition table compiled from the reference stage
machine), `state` (G games' state as arrays, packed from and unpacked to `GameState`),
`stance` (the stances of all G games at once). docs/batch_engine.md says what is done and
what remains; every module is proven equal to the reference engine by tests."""
