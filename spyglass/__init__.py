"""spyglass: a sourced knowledge graph of state espionage, built from news reporting."""

__version__ = "0.1.0"
