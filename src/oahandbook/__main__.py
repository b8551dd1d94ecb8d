import sys

from oahandbook.cli import main

sys.exit(main())
