#!/usr/bin/env python
from vic.cli import main

if __name__ == "__main__":
    main()
