#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")
    # A checkout with neither SECRET_KEY nor DEBUG set is a development one:
    # run management commands in development mode there. Production always
    # sets SECRET_KEY, so its DEBUG stays off unless asked for.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
