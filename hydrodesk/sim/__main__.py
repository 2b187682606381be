from hydrodesk.sim.cli import main

raise SystemExit(main())
