"""Where the extraction runs: local worker processes or a Dask cluster, fed chunks of files and giving back rows."""
