"""Tests of the engines package: inputs, local and Dask engines, parts."""
