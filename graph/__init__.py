"""luocdo.graph."""
