"""Zhibao (知保): the platform that runs a city's IP protection system."""
