"""Qt item models: thin adapters over the API's and the domain's plain data."""
