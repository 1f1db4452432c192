"""Reports for learners and facilitators: the debrief, class and branch reports, role
packs (HTML, printable, self-contained), and where game logs are kept.

Importing this package is cheap: matplotlib is imported only inside the functions that
draw charts, so the window and the terminal can use `logfiles` without it.
"""
