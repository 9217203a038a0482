"""`python tests/peak_memory.py RESULT COMMAND…`: runs COMMAND (its input and output as
given) and writes to RESULT, as JSON, its exit code, its seconds and its peak resident
memory in bytes (Linux). This small process starts the command: one started by the test
process itself would start its peak at the size of the test process (Linux keeps a
process's peak across exec)."""

import json
import os
import subprocess
import sys
import time

result, *command = sys.argv[1:]
started = time.perf_counter()
process = subprocess.Popen(command)
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - started
process.returncode = os.waitstatus_to_exitcode(status)
with open(result, "w", encoding="utf-8") as out:
    json.dump({"code": process.returncode, "seconds": seconds, "peak": usage.ru_maxrss * 1024}, out)
