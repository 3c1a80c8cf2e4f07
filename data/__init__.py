"""luocdo.data."""
