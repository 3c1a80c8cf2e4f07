"""luocdo.ingest."""
