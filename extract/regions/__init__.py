"""Place names resolved to official divisions (province, city, county, code) from an offline gazetteer."""

from __future__ import annotations

from extract.regions.gazetteer import Division, Gazetteer, load_gazetteer
from extract.regions.resolve import Resolution, Resolver, load_resolver

__all__ = ["Division", "Gazetteer", "Resolution", "Resolver", "load_gazetteer", "load_resolver"]
