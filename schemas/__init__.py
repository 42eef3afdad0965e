"""Pydantic models shared by every pipeline stage and by the output writers."""
