import sys

from mentoring_data.cli import main

sys.exit(main())
