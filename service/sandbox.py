"""What a query worker gives up before it reads any query: the network, and outliving the server.

A query names addresses the engine would fetch (``SERVICE <http://…>``). A
reading of the query's text can miss a spelling the engine accepts, so the
worker asks the kernel (a seccomp filter, Linux on x86-64 or arm64) to kill
it if it ever opens an internet socket: federation is impossible whatever
the query says, and the pool answers a worker killed this way as a refused
query. A watchdog thread ends the worker when the web process is gone, even
in the middle of a query: the engine releases Python's lock while it works.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
import socket
import threading
import time

KILLED_FOR_NETWORK = -signal.SIGSYS  # the return code of a worker the filter stopped
WATCH_INTERVAL = 0.5  # seconds between two looks at the parent process

# A classic BPF program over the kernel's struct seccomp_data {int nr; u32 arch; u64 ip; u64 args[6]}.
_LOAD_WORD, _JUMP_IF_EQUAL, _RETURN = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
_ALLOW, _KILL_PROCESS = 0x7FFF0000, 0x80000000
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
# Each machine's audit architecture and number of the socket(2) call.
_MACHINES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def deny_network() -> None:
    """From now on the kernel kills this process (and every thread it starts) if it opens an IPv4
    or IPv6 socket; local sockets and pipes still work. Raises OSError where it cannot."""
    if platform.system() != "Linux" or platform.machine() not in _MACHINES:
        raise OSError(f"query workers can be kept off the network on Linux x86-64 and arm64 only, not {platform.platform()}")
    architecture, socket_call = _MACHINES[platform.machine()]
    steps = [
        (_LOAD_WORD, 0, 0, 4),                     # the calling convention
        (_JUMP_IF_EQUAL, 1, 0, architecture),
        (_RETURN, 0, 0, _KILL_PROCESS),            # another one's call numbers mean other calls
        (_LOAD_WORD, 0, 0, 0),                     # the call
        (_JUMP_IF_EQUAL, 0, 3, socket_call),
        (_LOAD_WORD, 0, 0, 16),                    # socket's first argument: the address family
        (_JUMP_IF_EQUAL, 2, 0, socket.AF_INET),
        (_JUMP_IF_EQUAL, 1, 0, socket.AF_INET6),
        (_RETURN, 0, 0, _ALLOW),
        (_RETURN, 0, 0, _KILL_PROCESS),
    ]
    program = _Program(len(steps), (_Instruction * len(steps))(*(_Instruction(*step) for step in steps)))
    libc = ctypes.CDLL(None, use_errno=True)
    # no-new-privileges lets an unprivileged process install a filter
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) or libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0):
        errno = ctypes.get_errno()
        raise OSError(errno, f"cannot keep the query worker off the network: {os.strerror(errno)}")


def exit_with(parent: int) -> None:
    """End this process as soon as ``parent`` is no longer its parent: the server died (killed,
    or stopped in the middle of a query) and the process was handed to another."""

    def watch():
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def confine(parent: int) -> None:
    """Everything a worker gives up, before it opens the store: no core files (a worker killed by
    the filter or by a stack overflow leaves none), no network, no life after ``parent``."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    deny_network()
    exit_with(parent)
