"""Exporters: the graph as STIX 2.1 (`stix`), FollowTheMoney (`ftm`) and case tables (`tables`); `graph` is their shared view."""
