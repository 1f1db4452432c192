"""Reports for learners and facilitators: the debrief, class and branch reports, role
packs (HTML, printable, self-contained), and where game logs are kept.

Importing this package is cheap, and so is drawing: the charts are written as plain SVG
text, with no plotting library to import.
"""
