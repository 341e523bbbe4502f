"""Reference knowledge: built-in agencies, bureaus, contractors and groups, and importers."""
