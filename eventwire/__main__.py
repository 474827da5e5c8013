"""``python -m eventwire``: the same command line as the ``eventwire`` script."""

from eventwire.cli import main

if __name__ == "__main__":
    main()
