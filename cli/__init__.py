"""The diplograph command line."""

import os


def fill_closed_std_fds() -> None:
    """Put /dev/null on a closed stdin/stdout/stderr (`<&-`) so files we open never land there.

    Run on import, before any other module opens a file: otherwise the store lock or a
    library's file takes descriptor 0, and the FalkorDB server, which then starts
    without a descriptor 0, crashes. Python has already set sys.stdin to None, so
    reading '-' still says that stdin is closed.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            # The lowest free descriptor, so this one; inheritable like a real stdin.
            os.set_inheritable(os.open(os.devnull, os.O_RDWR), True)


fill_closed_std_fds()
