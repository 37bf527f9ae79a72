"""The REST API (version 1) for persons, households and timelines."""
