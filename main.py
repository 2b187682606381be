"""Launch HydroDesk: `python main.py --demo` runs it against the built-in demo farm."""

from hydrodesk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
