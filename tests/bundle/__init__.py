"""Tests of the bundle format: signatures, encryption, archive, records, manifest."""
