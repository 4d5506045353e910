"""Moving books in and out of the catalogue: CSV files, imports in batches, exports."""
