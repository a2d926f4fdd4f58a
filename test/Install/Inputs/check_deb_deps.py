"""deb-package.test: every shared library the packaged tools load directly
(NEEDED) comes from a runtime package the .deb declares in Depends, never
from a -dev package.

Usage: check_deb_deps.py PACKAGE.deb EXTRACTED_ROOT
"""
import glob
import os
import subprocess
import sys

deb, root = sys.argv[1], sys.argv[2]
depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], capture_output=True, text=True,
                         check=True).stdout
declared = {d.strip().split()[0] for d in depends.split(",") if d.strip()}
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    print(("ok: " if ok else "FAIL: ") + name + ("" if ok else " (" + detail + ")"))
    passed, failed = passed + ok, failed + (not ok)


check("Depends names no -dev package (%s)" % ", ".join(sorted(declared)),
      not any(d.endswith("-dev") for d in declared), depends)
needed = set()
for tool in glob.glob(os.path.join(root, "usr", "bin", "*")):
    out = subprocess.run(["readelf", "-d", tool], capture_output=True, text=True).stdout
    needed |= {line.split("[")[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line}
for lib in sorted(needed):
    # Who ships a file of that name, -dev packages' symlinks aside.
    out = subprocess.run(["dpkg", "-S", "*/" + lib], capture_output=True, text=True).stdout
    owners = {line.split(":")[0] for line in out.splitlines() if line}
    runtime = {o for o in owners if not o.endswith("-dev")}
    check("%s comes from a declared package (%s)" % (lib, ", ".join(sorted(runtime))),
          bool(runtime & declared), "owners: %s" % sorted(owners))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
