"""Versioned data files: codebooks, lexicons, actor dictionaries, gazetteer additions, model weights, schemas."""
