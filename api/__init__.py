"""luocdo.api."""
