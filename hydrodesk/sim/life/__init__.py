"""The live farm: the demo farm brought up to today, and at work while the simulator runs.

- calendar: local days and the per-thing random draws that make a farm day reproducible (seed + clock)
- crews: the field supervisors whose tablets the simulator plays, their crews, the sectors at work today
- production: missed workdays, today's sessions (opened this morning), closing them on a later day
- irrigation: missed program runs logged; runs due started through the field bus
- scouting: missed scouting walks
- tablets: the field tablets posting deliveries through the HTTP API
- runner: FarmLife, which does all of the above at start, at every new day and, when live, all day
"""

from hydrodesk.sim.life.runner import FarmLife, LifeSettings, UpToDate

__all__ = ["FarmLife", "LifeSettings", "UpToDate"]
