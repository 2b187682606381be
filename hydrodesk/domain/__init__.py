"""Pure domain rules: no Qt, no I/O. Shared by the app and the simulator."""
