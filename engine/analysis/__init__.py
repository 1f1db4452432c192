"""The analysis board (issue 12): rollouts of research-style play behind one small
interface (`rollouts.Rollouts`), the hindsight analysis of a logged game (`board`), the
judgement of moves (`judgement`), the fair hint for practice (`hint`) and the scenario
lint for trainers (`lint`)."""
