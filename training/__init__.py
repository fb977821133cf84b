"""Commands that rebuild nearer's shipped model files from their source data."""
