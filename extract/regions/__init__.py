"""Place names resolved to official divisions (province, city, county, code) from an offline gazetteer."""

from __future__ import annotations

from extract.regions.gazetteer import Division, Gazetteer, load_gazetteer
from extract.regions.place import PlaceFinder, load_place_finder
from extract.regions.resolve import Resolution, Resolver, load_resolver

__all__ = ["Division", "Gazetteer", "PlaceFinder", "Resolution", "Resolver", "load_gazetteer", "load_place_finder",
           "load_resolver"]
