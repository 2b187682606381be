"""Every area of the simulator, imported once so that each registers its tables and routes."""

from hydrodesk.sim import auth, control, farm, iot, life  # noqa: F401
