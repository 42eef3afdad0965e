"""Regional comparison of records and reports: grouped tables and the charts a paper would show."""
