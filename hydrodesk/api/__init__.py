"""The Hydrobit REST client: one long-lived httpx.AsyncClient, typed models, typed errors."""
