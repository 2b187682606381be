"""A Hydrobit simulator: REST API, seeded demo farm, field devices and an MQTT broker, all on loopback."""
