import sys

from oahandbook.commands.main import main

sys.exit(main())
