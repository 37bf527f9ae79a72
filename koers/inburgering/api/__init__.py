"""The inburgering part of the Koers API."""
