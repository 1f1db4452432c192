"""Fonts (with their licence files) and the window's theme, as package data."""
