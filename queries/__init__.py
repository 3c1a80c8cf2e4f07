"""luocdo.queries."""
