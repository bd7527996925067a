import sys

from scorer.launcher_child import run_if_child

if __name__ == "__main__":
    if not run_if_child(sys.argv):
        from scorer.cli import main

        sys.exit(main())
