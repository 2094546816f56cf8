import sys

from grantdigest.bench import main

sys.exit(main())
