"""Bundles for the district: the format, archive, signatures, encryption (no Qt, no services)."""
