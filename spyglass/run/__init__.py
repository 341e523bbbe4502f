"""Drive the stages end to end over a store: in one process here, or in an engine's partitions."""
