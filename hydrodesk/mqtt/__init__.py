"""paho-mqtt over WebSocket and the bridge that hands messages to asyncio."""
