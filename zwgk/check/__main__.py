"""`python -m zwgk.check [DIR]`: the same as `python build.py check [DIR]`."""
import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
