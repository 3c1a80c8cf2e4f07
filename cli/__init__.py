"""luocdo.cli."""
