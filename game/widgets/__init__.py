"""Drawn widgets of the window (the map, the top bar, charts) and helpers around
pygame_gui elements (the focus ring, the move palette, the card, the transcript)."""
