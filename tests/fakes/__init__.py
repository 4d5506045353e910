"""Hand-written in-memory fakes of the ports; all state lives on instances."""
