# Checks graph-run --profile's table: the percentages of the kernel rows and
# of "(between kernels)" add up to 100, and so do their milliseconds to the
# per-run time in the header.
import re
import sys

text = sys.stdin.read()
header = re.search(r"profile: (\d+) runs, ([0-9.e+-]+) ms per run, (\d+) kernels", text)
assert header, text
rows = re.findall(r"^\s*([0-9.e+-]+)\s+([0-9.]+)%\s+\S+\s+(.*)$", text, re.M)
assert len(rows) == int(header.group(3)) + 1, (len(rows), text)
percent = sum(float(r[1]) for r in rows)
assert abs(percent - 100) < 0.1, percent
ms = sum(float(r[0]) for r in rows)
assert abs(ms - float(header.group(2))) <= 0.01 * float(header.group(2)) + 1e-4, (ms, text)
print("profile rows:", len(rows), "sum %:", round(percent, 2))
