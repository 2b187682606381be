"""What every simulator route can reach: the database, the signing secret, the field bus, the clock, public URLs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hydrodesk.sim.clock import SimClock
from hydrodesk.sim.db import Database
from hydrodesk.sim.fieldbus import FieldBus, NullFieldBus


@dataclass
class SimContext:
    db: Database
    secret: bytes
    data_dir: Path
    fieldbus: FieldBus
    base_url: str = "http://127.0.0.1"
    mqtt_url: str | None = None
    clock: SimClock = field(default_factory=SimClock)
    oidc: Any = None  # hydrodesk.sim.oidc.Issuer, made on first use (generating its key takes a moment)

    @classmethod
    def open(cls, data_dir: Path, fieldbus: FieldBus | None = None, clock: SimClock | None = None) -> SimContext:
        from hydrodesk.sim.auth import load_secret

        return cls(
            db=Database.open(data_dir),
            secret=load_secret(data_dir),
            data_dir=data_dir,
            fieldbus=fieldbus or NullFieldBus(),
            clock=clock or SimClock(),
        )
