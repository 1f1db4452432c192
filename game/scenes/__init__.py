"""The window's scenes: title, new game, briefing, the table, outcome, debrief, and the
overlays (decision, news, menu, saves, settings, history, help, plan, chooser)."""
