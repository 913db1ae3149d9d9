"""Import from the registers: upload, validation report and the run's progress."""
