"""Pipeline stages that turn Chinese work-summary documents into metric records."""
