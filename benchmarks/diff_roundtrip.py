"""Check that `newsclean diff FILE | patch -o OUT FILE` reproduces `newsclean clean FILE` exactly.

    python benchmarks/diff_roundtrip.py ../shared/bench/dev            # every docs/*.para.txt
    python benchmarks/diff_roundtrip.py ../shared/bench/dev --variant extr

Runs the diff in-process (the same function the CLI prints) and the real `patch` program.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import newsclean
from newsclean.report.render import unified_diff


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default="../shared/bench/dev", type=Path)
    ap.add_argument("--variant", default="para")
    args = ap.parse_args(argv)
    files = sorted((args.data_dir / "docs").glob(f"*.{args.variant}.txt"))
    filters = newsclean.build_filters()
    matched, changed, mismatched = 0, 0, []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.txt"
        for path in files:
            text = path.read_text(encoding="utf-8")
            result = newsclean.clean(text, filters=filters)
            diff = unified_diff(text, result, path.name)
            if diff:
                changed += 1
                subprocess.run(["patch", "-s", "-o", str(out), str(path)], input=diff.encode("utf-8"), check=True)
                patched = out.read_bytes()
            else:
                patched = path.read_bytes()
            if patched == result.text.encode("utf-8"):
                matched += 1
            else:
                mismatched.append(path.name)
    print(f"{len(files)} files ({changed} changed by cleaning): {matched} reproduced exactly by patch, "
          f"{len(mismatched)} not" + (f": {', '.join(mismatched[:10])}" if mismatched else ""))
    return 0 if not mismatched else 1


if __name__ == "__main__":
    sys.exit(main())
