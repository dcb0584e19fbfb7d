"""Editable data files, loaded with importlib.resources."""
