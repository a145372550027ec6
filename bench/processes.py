"""Peak memory of a process and everything it starts, sampled while it runs.

    watch(process, role_of=None) -> Watched(total_peak, peaks)   blocks until the process exits

``total_peak`` is the largest sum of resident memory seen at one sample over the whole tree (what
the machine had to give at once); ``peaks`` the peak of each process with the role ``role_of``
gives it, ``cpu`` its processor seconds (user + system) at its last sample. Samples every 0.1 s:
a spike shorter than that can be missed, and so can the last 0.1 s of a process's CPU.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass(slots=True)
class Watched:
    total_peak: int = 0
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)

    def by_role(self) -> dict[str, dict[str, float]]:
        roles: dict[str, list[int]] = {}
        cpu: dict[str, float] = {}
        for pid, (role, peak) in self.peaks.items():
            roles.setdefault(role, []).append(peak)
            cpu[role] = cpu.get(role, 0.0) + self.cpu.get(pid, 0.0)
        return {role: {"processes": len(v), "max_mib": round(max(v) / 2**20, 1), "cpu_s": round(cpu[role], 1)}
                for role, v in sorted(roles.items())}


def watch(process: subprocess.Popen, role_of: Callable[[object], str] | None = None,
          interval: float = 0.1) -> Watched:
    import psutil

    root = psutil.Process(process.pid)
    watched = Watched()
    while process.poll() is None:
        total = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            tree = []
        for member in tree:
            try:
                rss = member.memory_info().rss
                times = member.cpu_times()
            except psutil.Error:
                continue
            watched.cpu[member.pid] = times.user + times.system
            total += rss
            role, peak = watched.peaks.get(member.pid, (None, 0))
            if role is None:
                role = role_of(member) if role_of else "process"
            watched.peaks[member.pid] = (role, max(peak, rss))
        watched.total_peak = max(watched.total_peak, total)
        time.sleep(interval)
    return watched
