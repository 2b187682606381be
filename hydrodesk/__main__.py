"""`python -m hydrodesk`: the same as the `hydrodesk` command."""

from hydrodesk.app import main

raise SystemExit(main())
