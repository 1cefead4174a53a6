import sys

from desa_desktop.cli import main

sys.exit(main())
