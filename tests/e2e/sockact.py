#!/usr/bin/env python3
"""Socket activation the way systemd does it, for tests without systemd.

    sockact.py PATH MODE USER GROUP NAME -- COMMAND [ARG...]

Creates a listening Unix stream socket at PATH (an old one is replaced),
gives it MODE (octal), USER and GROUP (as SocketMode=, SocketUser=,
SocketGroup= do), puts it on fd 3, sets LISTEN_FDS=1, LISTEN_PID (this
process: exec keeps it) and LISTEN_FDNAMES=NAME, and execs COMMAND.
"""
import grp
import os
import pwd
import socket
import sys

BACKLOG = 4096  # systemd's default for ListenStream= (SOMAXCONN)


def main(argv):
    if len(argv) < 8 or argv[6] != "--":
        sys.stderr.write(__doc__)
        return 100
    path, mode, user, group, name = argv[1:6]
    command = argv[7:]
    if os.path.lexists(path):
        os.unlink(path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    os.chmod(path, int(mode, 8))
    os.chown(path, pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid)
    s.listen(BACKLOG)
    if s.fileno() != 3:
        os.dup2(s.fileno(), 3, inheritable=True)
        s.close()
    else:
        os.set_inheritable(3, True)
    env = dict(os.environ)
    env.update(LISTEN_FDS="1", LISTEN_PID=str(os.getpid()),
               LISTEN_FDNAMES=name)
    os.execvpe(command[0], command, env)
    return 111


if __name__ == "__main__":
    sys.exit(main(sys.argv))
