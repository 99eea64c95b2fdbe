"""make bench: ratios measured in one run, each beside its goal; never part of make test."""
