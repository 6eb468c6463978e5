"""The bundle's entry point: the same program as the `annotator` console command."""
from annotator.cli import main

raise SystemExit(main())
